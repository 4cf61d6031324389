// Can a translator reach the panel's text? (issue 19, "Translation works": a measurement, not
// a test.) Opens Pith's panel on a page in headless Chromium, then reads the page's text the
// ways page translators do, from the two worlds they run in:
// - the page's main world (a site's own translate widget, e.g. Google's website translator);
// - an isolated world made through the DevTools protocol (Page.createIsolatedWorld), which is
//   what a translator extension's content script gets (and what Chrome's built-in translation
//   runs its script in): the same DOM, none of the page's scripts.
// In each, three walks: a TreeWalker over the document (light DOM only), the same walk going
// into every open shadow root (what translators that "support shadow DOM" add), and the
// panel's host's `shadowRoot`. Prints whether the panel's article text was reached; then a
// translator in the isolated world writes its "translation" (the phrase in capitals) into
// every text node it reached, and the panel's article is read to see whether it shows it.
// Usage: node tools/translation/reach.mjs   (needs `make build`)
import { inPanel, launch, panelText, serve, waitFor } from '../../tests/e2e/harness.mjs';

// A phrase the page has once, in its own article, and the panel again (in its article, and
// in its summary when the summary picks that sentence): the walk reached the panel when it
// finds the phrase more than once.
const PHRASE = 'lighthouse keeper counted the ships';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The last keeper | Coast Herald</title></head>
<body><main><article><h1>The last keeper</h1>
<p>For forty years the ${PHRASE} passing the point, writing each one in a ledger kept by the lamp.</p>
<p>When the light was automated the ledgers went to the county archive, where historians now read them as a record of the coastal trade.</p>
<p>The keeper still walks to the point every evening, he said, out of habit and to see that the lamp comes on.</p>
</article></main></body></html>`;

/* global document, Node, NodeFilter -- walks() and translate() run in the page */
/** A translator's write: every text node holding `phrase`, page and open roots, rewritten. */
function translate(phrase) {
  const visit = (node) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let at = walker.currentNode; at; at = walker.nextNode()) {
      if (at.nodeType === Node.TEXT_NODE && at.data.includes(phrase)) at.data = at.data.replace(phrase, phrase.toUpperCase());
      if (at.shadowRoot) visit(at.shadowRoot);
    }
  };
  visit(document);
}

function walks(phrase) {
  const count = (root, intoOpenShadows) => {
    let found = 0;
    const visit = (node) => {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let at = walker.currentNode; at; at = walker.nextNode()) {
        if (at.nodeType === Node.TEXT_NODE && at.data.includes(phrase)) found++;
        if (intoOpenShadows && at.shadowRoot) visit(at.shadowRoot);
      }
    };
    visit(root);
    return found;
  };
  const host = document.querySelector('pith-reader');
  return {
    'TreeWalker over the document': count(document, false),
    '… into open shadow roots': count(document, true),
    'host.shadowRoot': host ? String(host.shadowRoot) : 'no host',
  };
}

const server = await serve({ '/keeper': PAGE });
const browser = await launch();
const page = await browser.context.newPage();
await page.goto(server.url('/keeper'));
await browser.clickAction(page);
await waitFor(() => panelText(page), 'the panel');

const session = await page.context().newCDPSession(page);
const { frameTree } = await session.send('Page.getFrameTree');
const { executionContextId } = await session.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'translator' });
const inWorld = async (contextId) => {
  const { result } = await session.send('Runtime.evaluate', { expression: `(${walks})(${JSON.stringify(PHRASE)})`, contextId, returnByValue: true });
  return result.value;
};
const main = await page.evaluate(walks, PHRASE);
const isolated = await inWorld(executionContextId);
await session.send('Runtime.evaluate', { expression: `(${translate})(${JSON.stringify(PHRASE)})`, contextId: executionContextId });
const shown = await inPanel(page, (root, phrase) => root.querySelector('article').textContent.includes(phrase.toUpperCase()), PHRASE);
console.log('The phrase is once in the page: more than 1 = the panel is reached.\n');
console.log('| walk | page (main world) | isolated world (extension content script, Chrome translate) |');
console.log('|---|---|---|');
for (const walk of Object.keys(main)) console.log(`| ${walk} | ${main[walk]} | ${isolated[walk]} |`);
console.log(`\nThe isolated world's translation (into open roots) shown in the panel's article: ${shown ? 'yes' : 'no'}`);
await session.detach();
await browser.close();
await server.close();
