// Background service worker: reacts to the toolbar button and runs the engine for
// content scripts. It keeps no state in memory that matters: MV3 may stop it at any time.
import { cleanPage } from './engine.js';
import { handleHistoryMessage } from './history.js';

const CONTENT_SCRIPTS = ['extension/content/panel.js', 'extension/content/content.js'];

chrome.action.onClicked.addListener((tab) => togglePanel(tab.id));

// Right after a click, Chromium occasionally refuses the first injection ("Cannot access
// contents of the page") while the activeTab grant settles; a short retry fixes it.
const INJECT_RETRIES_MS = [50, 150, 400];

async function togglePanel(tabId) {
  for (let attempt = 0; ; attempt++) {
    try {
      await chrome.scripting.executeScript({ target: { tabId }, files: CONTENT_SCRIPTS });
      return;
    } catch (error) {
      if (attempt >= INJECT_RETRIES_MS.length) {
        console.warn('Pith cannot read this page:', error?.message ?? error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, INJECT_RETRIES_MS[attempt]));
    }
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const history = handleHistoryMessage(message);
  if (history) {
    history.then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
    return true;
  }
  if (message?.type !== 'pith:clean' || !sender.tab) return false;
  cleanPage(message.html, message.url, message.options)
    .then((article) => sendResponse({ article }))
    .catch((error) => sendResponse({ error: String(error?.message ?? error) }));
  return true; // the answer comes asynchronously
});
