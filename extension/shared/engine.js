// The engine (Rust compiled to WebAssembly) in extension contexts: the service worker
// (Firefox: the background event page), which cleans every page for the content scripts
// and keeps the reading history, and the history page. Initialised on first use (the
// worker starts it at a click); compiled once per worker, however many tabs it cleans.
// A namespace import: `__wbg_reset_state` is in glue made with the Makefile's
// --experimental-reset-state-function, and a pkg/ built without it must still load (it
// then cannot re-instantiate after a trap).
import init, * as glue from '../../pkg/pith.js';

const WASM_URL = new URL('../../pkg/pith_bg.wasm', import.meta.url);

let ready = null;
// Called when a trapped instance is dropped: objects made by it (the history's
// similarity index) point into its memory and must be rebuilt on the new one.
const resetListeners = [];

function ensureReady() {
  ready ??= init({ module_or_path: WASM_URL }).catch((error) => {
    ready = null; // let the next call try again
    throw error;
  });
  return ready;
}

/**
 * Runs `call` on the engine. A trap (a panic aborts, which traps) leaves the instance's
 * stack and heap half-way through the call, so it is never used again: the glue makes a
 * fresh instance of the same compiled module at once. The trap itself is reported as an
 * error the user may retry (`retry: true`); the engine's own errors ("page too large")
 * are answers, not faults.
 */
async function run(call) {
  await ensureReady();
  try {
    return call();
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    let panic = null;
    try {
      panic = glue.lastPanic(); // kept by the binding's panic hook, if it was a panic
    } catch {
      // the trapped instance cannot even say why: the trap's own message will do
    }
    if (glue.__wbg_reset_state) glue.__wbg_reset_state();
    else console.warn('Pith: this build of the engine cannot be re-instantiated (run make build)');
    for (const listener of resetListeners) listener();
    console.warn('Pith: the engine trapped; a new instance will be used', panic ?? error);
    throw Object.assign(new Error(`the engine stopped (${panic ?? error.message})`), { retry: true });
  }
}

/** Cleans a page's HTML; resolves to the engine's Article object. */
export function cleanPage(html, url, options = {}) {
  return run(() => glue.clean(html, url, options));
}

/** An article's fingerprint for similar readings, from its title and text. */
export function articleFingerprint(title, text) {
  return run(() => glue.fingerprint(title ?? undefined, text));
}

/** Resolves once the engine is loaded (for other modules using its exports directly). */
export const engineReady = ensureReady;

// A made-up article, cleaned once by a worker that starts at a click while the page is on
// its way: V8 compiles a wasm function on its first call, so without this the page's own
// clean would wait for the compiling of the parser, extraction, dedupe and summary code.
const PRIMER = (() => {
  const words = 'council voted river bridge debate cost harbour traffic winter market school railway doctor island village museum'.split(' ');
  let seed = 7; // a fixed pseudo-random sequence: the same article every time
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const paragraph = () => `<p>${Array.from({ length: 45 }, () => words[Math.floor(next() * words.length)]).join(' ')}.</p>`;
  const paragraphs = Array.from({ length: 8 }, paragraph);
  const body = [...paragraphs.slice(0, 4), '<h2>Costs</h2>', ...paragraphs.slice(4), paragraphs[1]].join('');
  return `<!doctype html><html lang="en"><head><title>Council votes on the bridge | Example News</title></head><body><nav><a href="/">Home</a></nav><article><h1>Council votes on the bridge</h1><p class="byline">By A. Writer</p>${body}</article><footer>Example News</footer></body></html>`;
})();

let primed = null;
/** Loads the engine and runs it once on PRIMER (once per instance); never rejects. */
export function primeEngine() {
  primed ??= run(() => glue.clean(PRIMER, 'https://pith.invalid/primer', {})).then(
    () => true,
    () => (primed = null),
  );
  return primed;
}

/** Calls `listener()` whenever a trapped instance is replaced. */
export function onEngineReset(listener) {
  resetListeners.push(listener);
}
