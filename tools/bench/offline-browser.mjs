// What the in-browser benchmarks share: the Readability corpus they load, the headers that
// give their pages a precise clock, and a headless Chromium that cannot reach the network.
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'readability');

// Cross-origin isolation: without it Chromium rounds performance.now() to 0.1 ms, which
// made the small pages' ratios steps of 0.1 ms over 0.4 ms (1.25, 1.5, 2.5...); isolated,
// the clock is good to 5 µs. Every resource is served from the local origin, so nothing
// breaks (the pages' own cross-origin requests are aborted anyway).
export const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

// Untimed runs of each engine on each page before the timed ones. The first runs after a
// page load are slower for every engine: V8 first runs wasm on its baseline compiler and
// JavaScript in its interpreter, and optimises what is hot in the background. Pith's first
// clean on a page took 1.5-5x its later ones (003-metadata-preferred: 1.3, 0.6, then
// 0.3 ms; mathjax: 14, 9, 7.6, then 6 ms), so one warm-up run left the median of five
// partly unoptimised on some pages and not others.
export const WARM_UP_RUNS = 2;
// Pages visited untimed before the timed ones: the first few of the list. A fresh browser
// compiles the wasm module with nothing in its code cache and all code is cold, which made
// the first page of a run an outlier (3x) whichever page it was; after one such visit the
// next few pages still ran partly unoptimised (the third, 003-metadata-preferred, 1.1 ms
// instead of 0.6 ms).
export const WARM_UP_PAGES = 6;

/** The corpus pages (folder names with a source.html), sorted, the first `limit` if given. */
export function corpusPages(limit) {
  const ids = readdirSync(CORPUS).filter((d) => existsSync(join(CORPUS, d, 'source.html'))).sort();
  return limit ? ids.slice(0, Number(limit)) : ids;
}

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8' };

/**
 * A local server, cross-origin isolated: corpus page ID at `/page/ID/`, and each of
 * `files` ({ url path: local file }) at its path. A missing file is a 404 (e.g. defuddle
 * not installed: that engine fails, the others are timed). Resolves to { server, origin }.
 */
export function serveCorpus(files) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const page = path.match(/^\/page\/([^/]+)\/$/);
    const file = page ? join(CORPUS, page[1], 'source.html') : files[path];
    if (!file || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)], ...ISOLATED }).end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })),
  );
}

/** Headless Debian Chromium with one page; requests beyond 127.0.0.1 are aborted. */
export async function offlinePage() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext();
  // Corpus pages reference their original sites: nothing may leave the machine.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)https?:/, (route) => route.abort());
  return { browser, page: await context.newPage() };
}
