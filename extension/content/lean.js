// The page as the engine needs it, lighter to send: its serialised HTML without inline
// scripts and style sheets. The engine drops them itself before parsing (src/extract/
// markup/prune.rs), so its answer is the same; but they cross to the extension's process
// first, and on script-heavy pages they are most of the bytes (yahoo-2 in the Readability
// corpus: 1.6 MB, 0.5 MB without them), and extension messages cost time per byte.
// Classic script, loaded before content.js.
(() => {
  if (Object.hasOwn(globalThis, '__pithLean')) return;

  // Comments and raw-text elements are crossed whole, as the engine's pass crosses them, so
  // that a `<script>` written inside them is never taken for one; scripts (but JSON-LD,
  // which the engine reads) and style sheets are dropped. An element ends at its first end
  // tag, as the tokenizer ends raw text; an unended one runs to the end of the page. The
  // serialiser escapes `<` and `>` in attribute values and text, so `<script` and `<style`
  // anywhere else are tags. Names are followed by a space, `/` or `>` (`<script-x>` is
  // another element).
  const RAW = 'textarea|title|noscript|xmp|iframe|noembed|noframes|plaintext';
  const PIECES = new RegExp(
    [
      '<!--[\\s\\S]*?(?:-->|$)',
      '<(script|style)(?=[\\s/>])([^>]*)>[\\s\\S]*?(?:</\\1(?=[\\s/>])[^>]*>|$)',
      `<(${RAW})(?=[\\s/>])[^>]*>[\\s\\S]*?(?:</\\3(?=[\\s/>])[^>]*>|$)`,
    ].join('|'),
    'gi',
  );

  /** `html` (a serialised document) without its scripts (except JSON-LD) and style sheets. */
  function withoutScripts(html) {
    return html.replace(PIECES, (piece, dropped, attributes) => {
      if (!dropped) return piece; // a comment or raw text: kept as it is
      const jsonLd = dropped.toLowerCase() === 'script' && /ld\+json/i.test(attributes);
      return jsonLd ? piece : '';
    });
  }

  Object.defineProperty(globalThis, '__pithLean', { value: Object.freeze({ withoutScripts }) });
})();
