// What a page can time of the reading history while the panel opens (privacy, twelfth
// session, BENCHMARKS.md). Since the frames' hosts go into the panel with the article, the
// moment the service worker answers the record request (later with a larger history) no
// longer shows in the page's DOM. What is left is the content script's own work on the
// page's thread at that moment: making the history frame inside its closed root and
// navigating it. This script plays the page that looks for it: an init script keeps its
// event loop busy (a MessageChannel ping-pong, the finest clock a page has) and notes every
// gap over GAP_MS, from the click on; the test side reads when the frame really started
// loading (its `timeOrigin` against the page's). Both with an empty history and with
// `--records` synthetic ones, `--runs` times each, in Debian's Chromium.
//
//   node tools/bench/answer-timing.mjs [--records N] [--runs N]
//
// Prints, per run: when the frame started (ms after the page's `pith:panel-shown` mark)
// and the page's gaps after that mark (start:length, ms). A page learns the answer's time
// only if a gap stands out at it, run after run.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { HISTORY_FRAME_PATH, launch, serve, waitFor } from '../../tests/e2e/harness.mjs';
import { emptyHistory, syntheticHistory } from '../../tests/e2e/history-records.mjs';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '5000' }, runs: { type: 'string', default: '8' } } });
const GAP_MS = 1; // a gap in the page's event loop worth noting
const WATCH_MS = 1500; // how long after the panel is shown the page keeps watching

const paragraphs = [
  'The harbour town voted on Tuesday to restore its old lighthouse, which has stood dark on the headland since the lamp was switched off.',
  'Volunteers will repair the lantern room, repaint the tower and open a small museum about the keepers who lived there with their families.',
  'The council said the restoration would cost two hundred thousand, paid by a heritage grant and donations from the harbour community.',
  'Fishermen welcomed the plan, saying the lighthouse is the first thing they see when they come home across the bay in winter.',
];
const page = (n) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lighthouse ${n}</title></head><body><main><article><h1>Harbour lighthouse, part ${n}</h1>${paragraphs.map((p) => `<p>${p} (${n})</p>`).join('')}</article></main></body></html>`;

/** The page's init script: an event loop kept busy, every gap over GAP_MS noted. */
function busyLoop([gapMs, watchMs]) {
  const gaps = [];
  Object.defineProperty(globalThis, '__gaps', { value: gaps });
  const channel = new MessageChannel();
  let last = performance.now();
  let until = Infinity;
  channel.port1.onmessage = () => {
    const now = performance.now();
    if (now - last > gapMs) gaps.push([Math.round(last), Math.round(now - last)]);
    last = now;
    const shown = performance.getEntriesByName('pith:panel-shown')[0];
    if (shown && until === Infinity) until = shown.startTime + watchMs;
    if (now < until) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
}

const server = await serve(Object.fromEntries(Array.from({ length: 64 }, (_, n) => [`/story-${n}`, page(n)])));
const browser = await launch();
let story = 0;
try {
  const control = await browser.context.newPage();
  await control.goto(`${browser.origin}/extension/history/history.html`);
  for (const records of [0, Number(args.records)]) {
    await control.evaluate(emptyHistory);
    if (records) await control.evaluate(syntheticHistory, records);
    console.log(`\nhistory: ${records} records (load ${loadavg()[0].toFixed(2)})`);
    for (let run = 0; run < Number(args.runs) + 1; run++) {
      const tab = await browser.context.newPage();
      await tab.addInitScript(busyLoop, [GAP_MS, WATCH_MS]);
      await tab.goto(server.url(`/story-${story++}`));
      await browser.clickAction(tab);
      const frame = await waitFor(async () => tab.frames().find((f) => f.url().includes(HISTORY_FRAME_PATH)) ?? null, 'the history frame');
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS + 300));
      const frameOrigin = await frame.evaluate(() => performance.timeOrigin);
      const { shown, origin, gaps } = await tab.evaluate(() => ({ shown: performance.getEntriesByName('pith:panel-shown')[0].startTime, origin: performance.timeOrigin, gaps: globalThis.__gaps }));
      const after = gaps.filter(([at]) => at >= shown).map(([at, length]) => `${Math.round(at - shown)}:${length}`);
      // The first run warms the worker's index (built on first use): not counted.
      if (run > 0) console.log(`frame started at ${Math.round(frameOrigin - origin - shown)} ms; page gaps ${after.join(' ') || 'none'}`);
      await tab.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
