// The engine (Rust compiled to WebAssembly) in an extension context, where the page's
// Content-Security-Policy cannot forbid compiling it. Initialised on first use.
import init, { clean } from '../../pkg/pith.js';

let ready = null;

function ensureReady() {
  ready ??= init({ module_or_path: new URL('../../pkg/pith_bg.wasm', import.meta.url) }).catch((error) => {
    ready = null; // let the next call try again
    throw error;
  });
  return ready;
}

/** Cleans a page's HTML; resolves to the engine's Article object. */
export async function cleanPage(html, url, options = {}) {
  await ensureReady();
  return clean(html, url, options);
}

/** Resolves once the engine is loaded (for other modules using its exports directly). */
export const engineReady = ensureReady;
