// Background service worker: reacts to the toolbar button, the shortcuts and the context
// menu, runs the engine for content scripts on pages whose CSP forbids WebAssembly, and
// keeps auto-clean registrations in step with the settings. It keeps no state in memory
// that matters: MV3 may stop it at any time.
import { cleanPage, pageIsReaderable } from './engine.js';
import { handleHistoryMessage } from './history.js';
import { FONT_FAMILIES, LINE_HEIGHTS, LISTEN_RATES, TEXT_SIZES, loadChecked, onSettingsChanged, saveSettings, siteLabel, sitePatternFor } from '../shared/settings.js';
import { removeSite, syncRegistrations } from '../shared/sites.js';
import { clearButton, closedToExtensions, explainOnButton, whyUnreachable } from './unreachable.js';

// The engine's classic glue, the panel, the shell; once per page (the glue declares a
// global `let`, which a second injection would redeclare).
const CONTENT_SCRIPTS = ['pkg/classic/pith.js', 'extension/content/contents.js', 'extension/content/listen.js', 'extension/content/toolbar.js', 'extension/content/panel.js', 'extension/content/content.js'];
const COPY_MENU_ID = 'pith-copy';

// Right after a click, Chromium occasionally refuses the first injection ("Cannot access
// contents of the page") while the activeTab grant settles; a short retry fixes it.
const INJECT_RETRIES_MS = [50, 150, 400];

/**
 * Runs in the tab: starts `action` when the shell is there; says whether it was.
 * `context` is the page's settings and site (see pageContext), or null.
 */
function runIfPresent(action, context) {
  if (!Object.hasOwn(globalThis, '__pith')) return false; // not an element named __pith
  globalThis.__pith.run(action, context);
  return true;
}

/**
 * What the panel needs besides the article: { settings, site, choices, notice }.
 * `choices`: the values the panel offers for the settings with lists (shared/settings.js).
 * `notice` tells the reader when some settings could not be read (else null).
 */
async function pageContext(url) {
  const { settings, notice } = await loadChecked();
  const pattern = url ? sitePatternFor(url) : null;
  const site = pattern && { pattern, label: siteLabel(pattern), enabled: settings.sites.includes(pattern) };
  return { settings, site, choices: { textSizes: TEXT_SIZES, lineHeights: LINE_HEIGHTS, fontFamilies: FONT_FAMILIES, listenRates: LISTEN_RATES }, notice };
}

/**
 * Injects the shell into `tab` (once per page) and runs `action` there. The settings are
 * read meanwhile and handed over, saving the panel a round trip (activeTab lets this
 * worker see the tab's URL; without it the content script asks for them itself).
 */
async function runInTab(tab, action) {
  const target = { tabId: tab.id };
  const context = tab.url ? pageContext(tab.url).catch(() => null) : Promise.resolve(null);
  for (let attempt = 0; ; attempt++) {
    try {
      // Already injected (a second click): run at once, in one round trip.
      const [{ result: ran }] = await chrome.scripting.executeScript({ target, func: runIfPresent, args: [action, await context] });
      if (!ran) {
        await chrome.scripting.executeScript({ target, files: CONTENT_SCRIPTS });
        await chrome.scripting.executeScript({ target, func: runIfPresent, args: [action, await context] });
      }
      clearButton(tab.id).catch(() => {});
      return;
    } catch (error) {
      if (attempt >= INJECT_RETRIES_MS.length || closedToExtensions(tab.url, error)) {
        // A click never does nothing: the button says why (a browser page, the store…).
        const reason = whyUnreachable(tab.url, error);
        console.warn(reason);
        await explainOnButton(tab.id, reason).catch(() => {});
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, INJECT_RETRIES_MS[attempt]));
    }
  }
}

// The toolbar button, and Alt+Shift+R through the `_execute_action` command.
chrome.action.onClicked.addListener((tab) => runInTab(tab, 'toggle'));

chrome.commands.onCommand.addListener((command, tab) => {
  if (command === 'copy-clean-article' && tab?.id !== undefined) runInTab(tab, 'copy');
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === COPY_MENU_ID && tab?.id !== undefined) runInTab(tab, 'copy');
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: COPY_MENU_ID, title: 'Copy clean article', contexts: ['page', 'selection'] }, () => {
    void chrome.runtime.lastError; // already exists after an update: fine
  });
  syncRegistrations().catch((error) => console.warn('Pith: auto-clean sites', error));
});
chrome.runtime.onStartup.addListener(() => syncRegistrations().catch(() => {}));
// Sites synced from another device, or changed on the options page.
onSettingsChanged(() => syncRegistrations().catch(() => {}));

/** Messages from content scripts, each { type: 'pith:…' }; replies are plain objects. */
const MESSAGES = {
  // The engine for pages whose CSP forbids WebAssembly in the content script.
  'pith:clean': (message) => cleanPage(message.html, message.url, message.options).then((article) => ({ article })),
  'pith:readerable': (message) => pageIsReaderable(message.html).then((readerable) => ({ readerable })),
  // Content scripts see settings only through here (validated by the one settings module).
  'pith:settings': (message) => pageContext(message.url),
  'pith:settings-save': async (message) => {
    // Sites change only through the options page's permission flow, never from a page.
    const changes = { ...message.changes };
    delete changes.sites;
    return { settings: await saveSettings(changes) };
  },
  // "Always clean <site>": the permission prompt needs a click in an extension page.
  'pith:site-add': async (message) => {
    const page = chrome.runtime.getURL(`extension/options/options.html#add=${encodeURIComponent(message.pattern)}`);
    await chrome.tabs.create({ url: page });
    return { opened: true };
  },
  'pith:site-remove': async (message) => {
    await removeSite(message.pattern);
    return { removed: true };
  },
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const history = handleHistoryMessage(message);
  const handler = MESSAGES[message?.type];
  // Only the content scripts (in tabs) send these; extension pages use the modules directly.
  const reply = history ?? (handler && sender.tab ? handler(message) : null);
  if (!reply) return false;
  // `retry`: a fault (the engine trapped) rather than the engine's answer about the page.
  reply.then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error), retry: error?.retry === true }));
  return true; // the answer comes asynchronously
});
