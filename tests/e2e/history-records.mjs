// A large synthetic reading history, shared by the scale test (tests/e2e/history.test.mjs:
// does the history work and answer right at this size?) and its benchmark
// (tools/bench/history-scale.mjs: how fast?), so both look at the same history.
import { waitFor } from './harness.mjs';

/**
 * Adds to the history `count` synthetic records whose representations are shaped
 * like real ones (64 terms from a Zipf-like vocabulary of 50,000, 32 MinHash values),
 * seeded (the same records every run). Run in an extension page (page.evaluate): it is
 * serialised, so it must not use anything from this module.
 */
export async function syntheticHistory(count) {
  const { announceChange, putRecords } = await import('../shared/history/store.js');
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const now = new Date().toISOString();
  const records = [];
  for (let i = 0; i < count; i++) {
    const terms = new Set();
    while (terms.size < 64) terms.add(Math.floor(50_000 * rand() ** 3));
    records.push({
      schema: 1, id: crypto.randomUUID(), url: `https://news.example/${i}`, site: 'example', title: `Article ${i}`,
      published: null, created: now, updated: now, last_read: now, read_count: 1, word_count: 600,
      summary: ['A first sentence of the summary.', 'A second one.'], text: null,
      representation: {
        version: 1, terms: [...terms], counts: [...terms].map((_, j) => Math.max(1, 9 - (j >> 3))),
        minhash: Array.from({ length: 32 }, () => Math.floor(rand() * 2 ** 32)),
      },
    });
  }
  await putRecords(records);
  await announceChange(); // the service worker rebuilds its index
}

/** Empties the history (run in an extension page, as syntheticHistory). */
export async function emptyHistory() {
  const { announceChange, deleteAll } = await import('../shared/history/store.js');
  await deleteAll();
  await announceChange();
}

/**
 * Waits until the history page `page` has loaded every record (its own marks); resolves to
 * [first rows drawn, all loaded] in ms since its script started.
 */
export const historyPageLoaded = (page, { timeout } = {}) =>
  waitFor(() => page.evaluate(() => document.body.dataset.loadedMs && [document.body.dataset.readyMs, document.body.dataset.loadedMs].map(Number)), 'the history page', { timeout });
