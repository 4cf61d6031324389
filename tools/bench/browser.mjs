// In-browser benchmark: Pith's wasm pipeline against Readability.js and defuddle, in the
// same page, the same run, interleaved. Headless Debian Chromium loads each page of the
// Readability corpus from a local server; in that page we time
//   (a) Pith as the extension runs it: serialise the live page, clean it in wasm
//       (parse, extract, dedupe, count, summarise, render) and build the panel's DOM;
//   (b) `new Readability(document.cloneNode(true)).parse()`, Firefox Reader View's engine;
//   (c) `new Defuddle(document.cloneNode(true), { url }).parse()` (Obsidian Web Clipper's
//       engine), from its browser bundle. On a clone, as for Readability.js: defuddle on the
//       live document rewrites it (attribute casing, <noscript> images), which would change
//       the page the other engines see on later runs.
// Instantiating the wasm module is a one-time cost per page load, timed apart.
//
//   node tools/bench/browser.mjs [--reps N] [--limit N] [--out FILE.json]
/* global document, location, DOMParser, Readability, Defuddle -- timeInPage runs in the page */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS, ROOT, WARM_UP_PAGES, WARM_UP_RUNS, corpusPages, offlinePage, serveCorpus } from './offline-browser.mjs';
import { percentile, median } from './stats.mjs';

// Timed repetitions per page after the untimed warm-up runs of each engine; the median is
// kept. Five keeps a 130-page run near a minute while steadying the median.
const DEFAULT_REPS = 5;
// A page whose Pith time exceeds this many times a peer's is reported as an outlier.
const OUTLIER_RATIO = 2;

const { values: args } = parseArgs({
  options: {
    reps: { type: 'string', default: String(DEFAULT_REPS) },
    limit: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench-out', 'browser.json') },
    // Another wasm-bindgen output directory, to compare builds (e.g. opt-level 3 against z).
    pkg: { type: 'string', default: join(ROOT, 'pkg') },
  },
});

const STATIC = {
  '/pkg/pith.js': join(args.pkg, 'pith.js'),
  '/pkg/pith_bg.wasm': join(args.pkg, 'pith_bg.wasm'),
  '/vendor/Readability.js': join(ROOT, 'node_modules', '@mozilla', 'readability', 'Readability.js'),
  // defuddle's browser bundle (UMD): as a classic script it defines `Defuddle`.
  '/vendor/defuddle.js': join(ROOT, 'node_modules', 'defuddle', 'dist', 'index.js'),
};

// Runs inside the page. Returns per-engine medians (ms) and the wasm instantiation time.
// `defuddleError` says why defuddle did not load or run; its failure leaves the others timed.
async function timeInPage({ origin, reps, warmUpRuns, defuddleError }) {
  const t0 = performance.now();
  const pith = await import(`${origin}/pkg/pith.js`);
  const wasm = await pith.default({ module_or_path: `${origin}/pkg/pith_bg.wasm` });
  const initMs = performance.now() - t0;

  // Where Pith's time goes, per timed run: serialising the page, the wasm call, the panel.
  const stages = { serialize: [], clean: [], panel: [], snapshot: [] };
  // The issue's alternative to outerHTML + parsing: a compact snapshot of the live DOM.
  // Timed here is only the walk that would build it (one flat array of node records,
  // skipping what the engine drops anyway), not Pith's time: if the walk alone costs more
  // than serialising, the snapshot cannot win back much of the parse.
  const SNAPSHOT_SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);
  const snapshot = () => {
    const records = [];
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          records.push(3, child.data);
        } else if (child.nodeType === 1 && !SNAPSHOT_SKIP.has(child.nodeName)) {
          const attributes = [];
          for (const a of child.attributes) attributes.push(a.name, a.value);
          const at = records.length;
          records.push(1, child.localName, attributes, 0);
          walk(child);
          records[at + 3] = records.length - at - 4; // the subtree's length in records
        }
      }
    };
    walk(document.documentElement);
    return JSON.stringify(records).length; // one string across the wasm boundary
  };
  const runPith = () => {
    const t0 = performance.now();
    const html = document.documentElement.outerHTML;
    const t1 = performance.now();
    // The content script's options (extension/content/content.js, PANEL_OPTIONS): what the
    // panel does not show is made later (the fingerprint by the service worker when it
    // records the reading, the Markdown when the reader copies as Markdown).
    const article = pith.clean(html, location.href, { fingerprint: false, markdown: false });
    const t2 = performance.now();
    // The panel's content: parse the clean HTML inert and place it in a shadow root, as the
    // panel does (extension/content/panel.js, articleBody).
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const parsed = new DOMParser().parseFromString(article.html ?? '', 'text/html');
    root.append(...parsed.body.childNodes);
    document.documentElement.append(host);
    host.remove();
    const t3 = performance.now();
    stages.serialize.push(t1 - t0);
    stages.clean.push(t2 - t1);
    stages.panel.push(t3 - t2);
    return article.word_count;
  };
  const runReadability = () => new Readability(document.cloneNode(true)).parse()?.textContent?.length ?? 0;
  let defuddleWords = null;
  const runDefuddle = () => {
    defuddleWords = new Defuddle(document.cloneNode(true), { url: location.href }).parse().wordCount;
  };

  const engines = { pith: runPith, readability: runReadability };
  if (!defuddleError && typeof Defuddle !== 'function') defuddleError = 'the bundle defined no Defuddle';
  if (!defuddleError) engines.defuddle = runDefuddle;
  const names = Object.keys(engines);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  let error = null;
  // A failing engine stops being timed on this page; the others go on.
  // The first (untimed) run of each engine on this page load.
  const firstMs = {};
  const run = (name, timedRun) => {
    if (!engines[name]) return;
    try {
      const start = performance.now();
      engines[name]();
      if (timedRun) times[name].push(performance.now() - start);
      else firstMs[name] ??= performance.now() - start;
    } catch (e) {
      const message = String(e?.message ?? e);
      if (name === 'defuddle') defuddleError = message;
      else error ??= `${name}: ${message}`;
      if (name !== 'pith') delete engines[name];
    }
  };
  for (let i = 0; i < warmUpRuns; i++) for (const name of names) run(name, false);
  for (let i = 0; i < reps; i++) {
    // Rotate the order so no engine always runs on a warmer cache.
    for (let j = 0; j < names.length; j++) run(names[(i + j) % names.length], true);
    const start = performance.now();
    snapshot();
    stages.snapshot.push(performance.now() - start);
  }
  const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
  const wasmMemoryBytes = wasm.memory.buffer.byteLength;
  const stageMs = Object.fromEntries(Object.entries(stages).map(([k, xs]) => [k, mid(xs)]));
  return {
    initMs,
    pithMs: mid(times.pith),
    firstMs,
    readabilityMs: mid(times.readability),
    defuddleMs: defuddleError ? null : mid(times.defuddle ?? []),
    defuddleWords,
    defuddleError,
    stageMs,
    wasmMemoryBytes,
    error,
  };
}

async function main() {
  if (!existsSync(CORPUS)) {
    console.log(`browser benchmark: corpus absent (${CORPUS}), skipped`);
    return;
  }
  const ids = corpusPages(args.limit);
  const { server, origin } = await serveCorpus(STATIC);
  const { browser, page } = await offlinePage();
  const visit = async (id) => {
    await page.goto(`${origin}/page/${id}/`, { waitUntil: 'load', timeout: 20_000 });
    await page.addScriptTag({ url: `${origin}/vendor/Readability.js` });
    // defuddle "if it loads": a page that refuses its script still times the others.
    const defuddleError = await page
      .addScriptTag({ url: `${origin}/vendor/defuddle.js` })
      .then(() => null, (e) => `did not load: ${String(e?.message ?? e).split('\n')[0]}`);
    return page.evaluate(timeInPage, { origin, reps: Number(args.reps), warmUpRuns: WARM_UP_RUNS, defuddleError });
  };
  // Untimed visits first (see WARM_UP_PAGES). The first instantiation, in a fresh browser
  // with nothing in the code cache, is reported apart as a one-time cost.
  const warmUp = await visit(ids[0]).catch(() => null);
  for (const id of ids.slice(1, WARM_UP_PAGES)) await visit(id).catch(() => null);
  const results = [];
  for (const id of ids) {
    const bytes = readFileSync(join(CORPUS, id, 'source.html')).length;
    try {
      const r = await visit(id);
      const ratioDefuddle = r.defuddleMs ? r.pithMs / r.defuddleMs : null;
      results.push({ id, bytes, ...r, ratio: r.pithMs / r.readabilityMs, ratioDefuddle });
    } catch (e) {
      results.push({ id, bytes, error: String(e?.message ?? e).split('\n')[0] });
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  await browser.close();
  server.close();

  const ok = results.filter((r) => r.pithMs != null && r.readabilityMs != null);
  const withDefuddle = results.filter((r) => r.pithMs != null && r.defuddleMs != null);
  const summary = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    pages: ids.length,
    measured: ok.length,
    reps: Number(args.reps),
    pith: { median: median(ok.map((r) => r.pithMs)), p95: percentile(ok.map((r) => r.pithMs), 95) },
    readability: {
      median: median(ok.map((r) => r.readabilityMs)),
      p95: percentile(ok.map((r) => r.readabilityMs), 95),
    },
    ratio: { median: median(ok.map((r) => r.ratio)), max: Math.max(...ok.map((r) => r.ratio)) },
    defuddle: {
      version: defuddleVersion(),
      measured: withDefuddle.length,
      median: median(withDefuddle.map((r) => r.defuddleMs)),
      p95: percentile(withDefuddle.map((r) => r.defuddleMs), 95),
      ratio: {
        median: median(withDefuddle.map((r) => r.ratioDefuddle)),
        max: withDefuddle.length ? Math.max(...withDefuddle.map((r) => r.ratioDefuddle)) : null,
      },
      outliers: withDefuddle
        .filter((r) => r.ratioDefuddle > OUTLIER_RATIO)
        .map(({ id, ratioDefuddle }) => ({ id, ratio: ratioDefuddle })),
      failures: results.filter((r) => r.defuddleError).map(({ id, defuddleError }) => ({ id, error: defuddleError })),
    },
    init: { median: median(ok.map((r) => r.initMs)), p95: percentile(ok.map((r) => r.initMs), 95) },
    firstInit: warmUp?.initMs ?? null,
    firstRun: {
      pith: median(ok.map((r) => r.firstMs.pith)),
      readability: median(ok.map((r) => r.firstMs.readability)),
      ratio: median(ok.map((r) => r.firstMs.pith / r.firstMs.readability)),
    },
    stages: Object.fromEntries(
      ['serialize', 'clean', 'panel', 'snapshot'].map((k) => [k, median(ok.map((r) => r.stageMs[k]))]),
    ),
    outliers: ok.filter((r) => r.ratio > OUTLIER_RATIO).map(({ id, bytes, ratio }) => ({ id, bytes, ratio })),
    failures: results.filter((r) => !ok.includes(r)).map(({ id, error }) => ({ id, error })),
  };
  const largest = ok.reduce((a, b) => (b.bytes > (a?.bytes ?? 0) ? b : a), null);
  summary.largest = largest && { id: largest.id, bytes: largest.bytes, wasmMemoryBytes: largest.wasmMemoryBytes };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify({ summary, results }, null, 1));
  writeFileSync(join(dirname(args.out), 'browser.md'), markdown(summary));
  console.log(markdown(summary));
}

function defuddleVersion() {
  const manifest = join(ROOT, 'node_modules', 'defuddle', 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : '(not installed)';
}

function markdown(s) {
  const ms = (x) => (x == null ? 'n/a' : `${x.toFixed(1)} ms`);
  const times = (x) => (x == null ? 'n/a' : x.toFixed(2));
  const slow = s.outliers.map((o) => `${o.id} (${o.ratio.toFixed(2)}×)`).join(', ') || 'none';
  const d = s.defuddle;
  const slowDefuddle = d.outliers.map((o) => `${o.id} (${o.ratio.toFixed(2)}×)`).join(', ') || 'none';
  // One line per distinct reason: when the bundle cannot load, every page says the same.
  const reasons = new Map();
  for (const f of d.failures) reasons.set(f.error, [...(reasons.get(f.error) ?? []), f.id]);
  const defuddleFailures =
    [...reasons].map(([error, ids]) => `${ids.length > 3 ? `${ids.length} pages` : ids.join(', ')}: ${error}`).join('; ') ||
    'none';
  return `Run ${s.date.slice(0, 10)} in Chromium ${s.chromium}, ${s.measured} of ${s.pages} pages of the
Readability corpus, median of ${s.reps} interleaved runs per page after ${WARM_UP_RUNS} warm-up runs,
following untimed visits of the first ${WARM_UP_PAGES} pages (\`node tools/bench/browser.mjs\`, part of
\`make bench\`).

| per page | median | 95th percentile |
|---|---|---|
| Pith: serialise + clean (wasm) + build the panel's DOM | ${ms(s.pith.median)} | ${ms(s.pith.p95)} |
| Readability.js: \`new Readability(document.cloneNode(true)).parse()\` | ${ms(s.readability.median)} | ${ms(s.readability.p95)} |
| **ratio Pith / Readability.js (per page)** | **${s.ratio.median.toFixed(2)}** | max ${s.ratio.max.toFixed(2)} |
| defuddle ${d.version}: \`new Defuddle(document.cloneNode(true), { url }).parse()\` (${d.measured} pages) | ${ms(d.median)} | ${ms(d.p95)} |
| ratio Pith / defuddle (per page) | ${times(d.ratio.median)} | max ${times(d.ratio.max)} |
| one-time per page load: import + instantiate the wasm module | ${ms(s.init.median)} | ${ms(s.init.p95)} |

The first instantiation in a fresh browser (an untimed warm-up visit of the first page, the
module compiled with nothing in the code cache): ${ms(s.firstInit)}. The first run of each engine
after a page load, before V8 has optimised it (median over pages; a one-time cost per page
load, not in the table): Pith ${ms(s.firstRun.pith)}, Readability.js ${ms(s.firstRun.readability)}, ratio ${times(s.firstRun.ratio)}.

Pith's time by stage (median over pages): serialise the page (\`outerHTML\`) ${ms(s.stages.serialize)},
clean in wasm ${ms(s.stages.clean)}, build the panel's DOM ${ms(s.stages.panel)}. Walking the live DOM
into a compact snapshot instead of serialising it (not part of Pith's time, measured beside
it) takes ${ms(s.stages.snapshot)}.

Pages where Pith took over ${OUTLIER_RATIO}× Readability.js: ${slow}.
Pages where Pith took over ${OUTLIER_RATIO}× defuddle: ${slowDefuddle}.
Failures: ${s.failures.map((f) => `${f.id}: ${f.error}`).join('; ') || 'none'}.
defuddle failures: ${defuddleFailures}.
Wasm linear memory after cleaning the largest page (${s.largest?.id}, ${(s.largest?.bytes / 1e6).toFixed(2)} MB):
${(s.largest?.wasmMemoryBytes / 2 ** 20).toFixed(1)} MiB.
`;
}

await main();
