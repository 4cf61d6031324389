// Click-to-panel time over the readability corpus, in Debian's Chromium with the unpacked
// extension: from the toolbar click (CDP Extensions.triggerAction) until the panel has
// painted its final state (article, "not an article" or error), from the User Timing marks
// the content script leaves. Each page is a fresh load,
// so every click is the first on its page, as for a reader. The machine's load average is
// printed with the figures: on a shared machine it moves them a lot.
//
//   node tools/bench/click-to-panel.mjs [--csp] [--cold] [--new-tab] [--limit N] [--pages a,b] [--rounds N] [--json out.json] [--extension DIR] [--against DIR]
//
// --csp serves every page with `script-src 'self'` (before the engine moved to the
// extension's background, this moved it from the content script to the service worker).
// --cold stops the service worker before every click (MV3 stops an idle one after about
// 30 s): the click then waits for a fresh worker, which has no engine compiled. --new-tab
// loads every page in a new tab (closed after its click): a new renderer process, where
// nothing is compiled yet, as for a reader's click on another site (in one tab, the pages,
// all from 127.0.0.1, share a process, and V8 reuses a module compiled there for an earlier
// page: its engine code is already hot). --pages
// measures only the named corpus pages (e.g. the largest: yahoo-2,yahoo-3,yahoo-1), and
// --rounds N clicks each page N times (each time on a fresh load). --extension loads another unpacked build (default: this
// checkout), for before/after runs side by side. --against DIR pairs them page by page: a
// second browser with that build, each page clicked in both (which one first alternates), so
// that the machine's load moves both alike; it prints both summaries and the median of the
// per-page ratios (this build's time / that build's). Targets (issue 6): median < 100 ms,
// 95th percentile < 250 ms.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { ROOT, launch, serve, stopServiceWorkers } from '../../tests/e2e/harness.mjs';
import { median, percentile } from './stats.mjs';

const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'readability');
// A page that has not shown its panel after this long counts as a failure, not a time.
const TIMEOUT_MS = 15_000;

const { values: args } = parseArgs({
  options: { csp: { type: 'boolean', default: false }, cold: { type: 'boolean', default: false }, 'new-tab': { type: 'boolean', default: false }, pages: { type: 'string' }, rounds: { type: 'string', default: '1' }, limit: { type: 'string' }, json: { type: 'string' }, extension: { type: 'string' }, against: { type: 'string' } },
});

if (!existsSync(CORPUS)) {
  console.log(`corpus absent (${CORPUS}), skipped`);
  process.exit(0);
}

const slugs = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(CORPUS, entry.name, 'source.html')))
  .map((entry) => entry.name)
  .filter((slug) => !args.pages || args.pages.split(',').includes(slug))
  .sort()
  .slice(0, args.limit ? Number(args.limit) : undefined);

const headers = args.csp ? { 'content-security-policy': "script-src 'self'" } : {};
const routes = Object.fromEntries(slugs.map((slug) => [`/${slug}/`, { body: readFileSync(join(CORPUS, slug, 'source.html'), 'utf8'), headers }]));
const server = await serve(routes);
/** A browser with the build at `dir`, and its one tab. */
async function browserWith(dir) {
  const browser = await launch({ extensionDir: dir });
  await browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return { browser, page: await browser.context.newPage(), times: [], failures: [] };
}

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

/** Loads `slug` in `run`'s tab, clicks Pith, records the time to the painted panel. */
async function measure(run, slug, click) {
  if (args['new-tab']) run.page = await run.browser.context.newPage();
  try {
    await run.page.goto(server.url(`/${slug}/`), { waitUntil: 'load', timeout: TIMEOUT_MS });
    if (args.cold) await stopServiceWorkers(run.page);
    const start = Date.now();
    await run.browser.clickAction(run.page);
    const { settled, painted } = await panelTimes(run.page);
    run.times.push({ slug, click, ms: painted - start, settled_ms: settled - start });
  } catch (error) {
    run.failures.push({ slug, error: String(error?.message ?? error).split('\n')[0] });
  }
  if (args['new-tab']) await run.page.close();
}

const round = (value) => (value === null ? null : Math.round(value));

function summarise({ times, failures }, extension) {
  const ms = times.map((t) => t.ms);
  return {
    pages_csp: args.csp ? "script-src 'self'" : 'none',
    worker: args.cold ? 'stopped before each click' : 'running',
    tab: args['new-tab'] ? 'a new tab for each page' : 'one tab',
    extension,
    pages: slugs.length,
    clicks: clicks.length,
    measured: ms.length,
    median_ms: round(median(ms)),
    p95_ms: round(percentile(ms, 95)),
    max_ms: round(percentile(ms, 100)),
    median_settled_ms: round(median(times.map((t) => t.settled_ms))),
    load_average: loadavg().map((l) => l.toFixed(1)).join(' '),
    slowest: [...times].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => `${t.slug} ${Math.round(t.ms)} ms`),
    failures,
  };
}

const runs = [await browserWith(args.extension ?? ROOT)];
if (args.against) runs.push(await browserWith(args.against));
const clicks = Array.from({ length: Number(args.rounds) }, () => slugs).flat();
for (const [index, slug] of clicks.entries()) {
  // Paired: the two builds take turns at going first.
  for (const run of index % 2 ? [...runs].reverse() : runs) await measure(run, slug, index);
}
for (const run of runs) await run.browser.close();
await server.close();

const summary = summarise(runs[0], args.extension ?? ROOT);
console.log(JSON.stringify(summary, null, 2));
if (args.against) {
  const against = summarise(runs[1], args.against);
  const theirs = new Map(runs[1].times.map((t) => [t.click, t.ms]));
  const ratios = runs[0].times.filter((t) => theirs.has(t.click)).map((t) => t.ms / theirs.get(t.click));
  console.log(JSON.stringify({ against, median_ratio: Number(median(ratios)?.toFixed(3)), clicks_paired: ratios.length }, null, 2));
}
const times = runs[0].times;
// With --against, the other build's per-page times too (`against_times`).
const against_times = runs[1]?.times;
if (args.json) writeFileSync(args.json, JSON.stringify({ ...summary, times, against_times }, null, 2));
