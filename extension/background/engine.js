// The engine (Rust compiled to WebAssembly) in the service worker, for pages whose CSP
// forbids wasm in the content script. Initialised on first use. Content scripts load the
// same .wasm through the classic glue (pkg/classic/pith.js): same engine, same result.
import init, { clean, isReaderable } from '../../pkg/pith.js';

const WASM_URL = new URL('../../pkg/pith_bg.wasm', import.meta.url);

let ready = null;

function ensureReady() {
  ready ??= init({ module_or_path: WASM_URL }).catch((error) => {
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

/** The cheap "is this an article page?" check (automatic mode). */
export async function pageIsReaderable(html) {
  await ensureReady();
  return isReaderable(html);
}

/** Resolves once the engine is loaded (for other modules using its exports directly). */
export const engineReady = ensureReady;
