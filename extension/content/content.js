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
    .then((reply) => {
      if (reply?.error) return panel.showError(reply.error);
      panel.showArticle(reply.article);
      // Save it to the private history and show similar readings (issue 7); the history
      // answers only about this article, and its failure never hides the article.
      return chrome.runtime
        .sendMessage({ type: 'pith:record', article: reply.article })
        .then((history) => history && !history.error && panel.showHistory?.(history))
        .catch((error) => console.warn('Pith history:', error?.message ?? error));
    })
    .catch((error) => panel.showError(String(error?.message ?? error)));
})();
