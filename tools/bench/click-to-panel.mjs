// Click-to-panel time over the readability corpus, in Debian's Chromium with the unpacked
// extension: from the toolbar click (CDP Extensions.triggerAction) until the panel has
// painted its final state (article, "not an article" or error), from the User Timing marks
// the content script leaves. Each page is a fresh load,
// so every click is the first on its page, as for a reader. The machine's load average is
// printed with the figures: on a shared machine it moves them a lot.
//
//   node tools/bench/click-to-panel.mjs [--csp] [--limit N] [--json out.json] [--extension DIR]
//
// --csp serves every page with `script-src 'self'`, which moves the engine from the content
// script to the service worker. --extension loads another unpacked build (default: this
// checkout), for before/after runs side by side. Targets (issue 6): median < 100 ms, 95th
// percentile < 250 ms.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { ROOT, launch, serve } from '../../tests/e2e/harness.mjs';
import { median, percentile } from './stats.mjs';

const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'readability');
// A page that has not shown its panel after this long counts as a failure, not a time.
const TIMEOUT_MS = 15_000;

const { values: args } = parseArgs({
  options: { csp: { type: 'boolean', default: false }, limit: { type: 'string' }, json: { type: 'string' }, extension: { type: 'string' } },
});

if (!existsSync(CORPUS)) {
  console.log(`corpus absent (${CORPUS}), skipped`);
  process.exit(0);
}

const slugs = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(CORPUS, entry.name, 'source.html')))
  .map((entry) => entry.name)
  .sort()
  .slice(0, args.limit ? Number(args.limit) : undefined);

const headers = args.csp ? { 'content-security-policy': "script-src 'self'" } : {};
const routes = Object.fromEntries(slugs.map((slug) => [`/${slug}/`, { body: readFileSync(join(CORPUS, slug, 'source.html'), 'utf8'), headers }]));
const server = await serve(routes);
const browser = await launch({ extensionDir: args.extension ?? ROOT });
// Corpus pages name images, fonts and scripts on their original hosts: the machine is
// offline, so refuse them at once rather than wait for DNS.
await browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());

/**
 * Resolves to the wall-clock times (Date.now(), the same clock as this process) at which
 * the panel reached its final state and was painted: the content script leaves User
 * Timing marks for both, so the cost of watching (DevTools round trips) is not counted.
 */
async function panelTimes(page) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name, 'mark')[0];
      const shown = at('pith:panel-shown');
      const painted = at('pith:panel-painted');
      return painted ? { settled: performance.timeOrigin + shown.startTime, painted: performance.timeOrigin + painted.startTime } : null;
    });
    if (marks) return marks;
    if (Date.now() > deadline) throw new Error('no panel');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const times = [];
const failures = [];
const page = await browser.context.newPage();
for (const slug of slugs) {
  try {
    await page.goto(server.url(`/${slug}/`), { waitUntil: 'load', timeout: TIMEOUT_MS });
    const start = Date.now();
    await browser.clickAction(page);
    const { settled, painted } = await panelTimes(page);
    times.push({ slug, ms: painted - start, settled_ms: settled - start });
  } catch (error) {
    failures.push({ slug, error: String(error?.message ?? error).split('\n')[0] });
  }
}
await browser.close();
await server.close();

const ms = times.map((t) => t.ms);
const round = (value) => (value === null ? null : Math.round(value));
const summary = {
  engine: args.csp ? 'service worker (strict CSP)' : 'content script',
  pages: slugs.length,
  measured: ms.length,
  median_ms: round(median(ms)),
  p95_ms: round(percentile(ms, 95)),
  max_ms: round(percentile(ms, 100)),
  median_settled_ms: round(median(times.map((t) => t.settled_ms))),
  load_average: loadavg().map((l) => l.toFixed(1)).join(' '),
  slowest: [...times].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => `${t.slug} ${Math.round(t.ms)} ms`),
  failures,
};
console.log(JSON.stringify(summary, null, 2));
if (args.json) writeFileSync(args.json, JSON.stringify({ ...summary, times }, null, 2));
