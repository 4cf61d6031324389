// Paired comparison of two wasm builds (two wasm-bindgen output folders), for choosing
// between variants (an opt-level, a target feature, an engine change). In each page of
// the Readability corpus both builds clean the live page alternately, first one then the
// other, so machine load and cache warmth fall on both alike: the per-page ratio B / A
// stays steady on a loaded machine where two separate runs of browser.mjs differ by 10 %.
// Run with A = B, it gives 1.00.
//
//   node tools/bench/compare.mjs A_PKG_DIR B_PKG_DIR [--limit N] [--reps N] [--each]
// (--each prints every page's two times and ratio, slowest ratio first)
/* global document, location -- the timing runs in the page */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS, WARM_UP_PAGES, WARM_UP_RUNS, corpusPages, offlinePage, serveCorpus } from './offline-browser.mjs';
import { median, percentile } from './stats.mjs';
// Timed cleans per build and page, after WARM_UP_RUNS untimed ones each (and untimed visits
// of the first WARM_UP_PAGES pages, as in browser.mjs).
const DEFAULT_REPS = 10;
// What the extension's panel asks of the engine (extension/content/content.js).
const PANEL_OPTIONS = { fingerprint: false, markdown: false };

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string' },
    reps: { type: 'string', default: String(DEFAULT_REPS) },
    each: { type: 'boolean', default: false },
  },
});
if (positionals.length !== 2) {
  console.error('usage: node tools/bench/compare.mjs A_PKG_DIR B_PKG_DIR [--limit N] [--reps N] [--each]');
  process.exit(2);
}
const builds = { a: positionals[0], b: positionals[1] };
if (!existsSync(CORPUS)) {
  console.log(`compare: corpus absent (${CORPUS}), skipped`);
  process.exit(0);
}
const ids = corpusPages(args.limit);
// Pages served cross-origin isolated, for a clock good to 5 µs.
const { server, origin } = await serveCorpus({
  '/a/pith.js': join(builds.a, 'pith.js'),
  '/a/pith_bg.wasm': join(builds.a, 'pith_bg.wasm'),
  '/b/pith.js': join(builds.b, 'pith.js'),
  '/b/pith_bg.wasm': join(builds.b, 'pith_bg.wasm'),
});
const { browser, page } = await offlinePage();

async function timeInPage({ origin, reps, warmUpRuns, options }) {
  const load = async (name) => {
    const glue = await import(`${origin}/${name}/pith.js`);
    await glue.default({ module_or_path: `${origin}/${name}/pith_bg.wasm` });
    return glue;
  };
  const engines = { a: await load('a'), b: await load('b') };
  const times = { a: [], b: [] };
  const run = (name, timed) => {
    const start = performance.now();
    engines[name].clean(document.documentElement.outerHTML, location.href, options);
    if (timed) times[name].push(performance.now() - start);
  };
  for (let i = 0; i < warmUpRuns; i++) {
    run('a', false);
    run('b', false);
  }
  for (let i = 0; i < reps; i++) {
    // Alternate which build goes first: the second of a pair runs on warmer caches.
    const order = i % 2 ? ['a', 'b'] : ['b', 'a'];
    for (const name of order) run(name, true);
  }
  const mid = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { a: mid(times.a), b: mid(times.b) };
}

const ratios = [];
const pages = [];
const skipped = [];
const visit = async (id) => {
  await page.goto(`${origin}/page/${id}/`, { waitUntil: 'load', timeout: 20_000 });
  return page.evaluate(timeInPage, { origin, reps: Number(args.reps), warmUpRuns: WARM_UP_RUNS, options: PANEL_OPTIONS });
};
for (const id of ids.slice(0, WARM_UP_PAGES)) await visit(id).catch(() => null);
for (const id of ids) {
  try {
    const t = await visit(id);
    ratios.push(t.b / t.a);
    pages.push({ id, ...t });
  } catch (e) {
    skipped.push(`${id}: ${String(e?.message ?? e).split('\n')[0].slice(0, 80)}`);
  }
}
await browser.close();
server.close();
const fixed = (x) => x.toFixed(3);
if (args.each) {
  for (const p of pages.sort((x, y) => y.b / y.a - x.b / x.a)) {
    console.log(`${p.id.padEnd(44)} A ${fixed(p.a)} ms  B ${fixed(p.b)} ms  ${fixed(p.b / p.a)}`);
  }
}
console.log(`B / A (time per page): median ${fixed(median(ratios))}, 10th-90th percentile ` +
  `${fixed(percentile(ratios, 10))}-${fixed(percentile(ratios, 90))}, ${ratios.length} pages`);
if (skipped.length) console.log(`skipped: ${skipped.join('; ')}`);
