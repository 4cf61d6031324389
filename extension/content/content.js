// Content script, injected on click: toggles the reading panel on this page.
// Injected as a classic script (after panel.js), possibly many times: it must be idempotent.
(() => {
  const panel = globalThis.__pithPanel;
  if (panel.isOpen()) {
    panel.close();
    return;
  }
  panel.showLoading();
  chrome.runtime
    .sendMessage({ type: 'pith:clean', html: document.documentElement.outerHTML, url: location.href })
    .then((reply) => (reply?.error ? panel.showError(reply.error) : panel.showArticle(reply.article)))
    .catch((error) => panel.showError(String(error?.message ?? error)));
})();
