// Background service worker: reacts to the toolbar button, the shortcuts and the context
// menu, runs the engine for content scripts on pages whose CSP forbids WebAssembly, and
// keeps auto-clean registrations in step with the settings. It keeps no state in memory
// that matters: MV3 may stop it at any time.
import { cleanPage, pageIsReaderable } from '../shared/engine.js';
import { answerFrame, recordReading, warmUp } from './history.js';
import { CONTENT_SCRIPTS, FRAME_EVENTS, HISTORY_FRAME, MESSAGE, PANEL_SETTINGS, SENDER, SENDERS } from '../shared/protocol-module.js';
import { loadChecked, onSettingsChanged, saveSettings, siteLabel, sitePatternFor } from '../shared/settings.js';
import { removeSite, syncRegistrations } from '../shared/sites.js';
import { clearButton, closedToExtensions, explainOnButton, whyUnreachable } from './unreachable.js';

const COPY_MENU_ID = 'pith-copy';

/** The `fields` of `object` that it has. */
const pick = (object, fields) => Object.fromEntries(fields.filter((field) => Object.hasOwn(object ?? {}, field)).map((field) => [field, object[field]]));

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
 * What the panel needs besides the article (PageContext in shared/protocol.js): the
 * panel's own settings, this page's site, and `notice` when some settings could not be
 * read (else null).
 */
async function pageContext(url) {
  const { settings, notice } = await loadChecked();
  const pattern = url ? sitePatternFor(url) : null;
  const site = pattern && { pattern, label: siteLabel(pattern), enabled: settings.sites.includes(pattern) };
  return { settings: pick(settings, PANEL_SETTINGS), site, notice };
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

/**
 * Who sent a message, judged from what the browser says about the sender (never from the
 * message): SENDER.contentScript for Pith's content script in a tab's top frame,
 * SENDER.historyFrame for the history frame (an extension page inside a tab), else null.
 */
function senderKind(sender) {
  if (sender.id !== chrome.runtime.id || !sender.tab || typeof sender.url !== 'string') return null;
  let url;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // The extension's own origin: an extension page, never a content script (those run
  // at their page's origin). Of the extension's pages only the history frame asks here.
  if (url.origin === self.location.origin) {
    return url.pathname === `/${HISTORY_FRAME}` && sender.frameId !== 0 ? SENDER.historyFrame : null;
  }
  // Content scripts are injected in top frames only.
  return sender.frameId === 0 ? SENDER.contentScript : null;
}

/**
 * Every request, by name (shared/protocol.js gives each one's sender, payload and reply).
 * `sender.url` is the page's address as the browser knows it: the content script's
 * own claims about where it is are not used.
 */
const HANDLERS = {
  // The engine for pages whose CSP forbids WebAssembly in the content script. A panel
  // is opening: the history's index is built meanwhile.
  [MESSAGE.clean]: (message) => {
    warmUp();
    return cleanPage(message.html, message.url, message.options).then((article) => ({ article }));
  },
  [MESSAGE.readerable]: (message) => pageIsReaderable(message.html).then((readerable) => ({ readerable })),
  // Content scripts see settings only through here (validated by the one settings module).
  [MESSAGE.settings]: (_message, sender) => {
    warmUp();
    return pageContext(sender.url);
  },
  // Sites and the history's switches change only on the extension's own pages.
  [MESSAGE.saveSettings]: async (message) => ({ settings: await saveSettings(pick(message.changes, PANEL_SETTINGS)) }),
  // "Always clean <this site>": the permission prompt needs a click in an extension page.
  [MESSAGE.addSite]: async (_message, sender) => {
    const pattern = sitePatternFor(sender.url);
    if (!pattern) throw new Error('this page cannot be cleaned automatically');
    await chrome.tabs.create({ url: chrome.runtime.getURL(`extension/options/options.html#add=${encodeURIComponent(pattern)}`) });
    return { opened: true };
  },
  [MESSAGE.removeSite]: async (_message, sender) => {
    const pattern = sitePatternFor(sender.url);
    if (pattern) await removeSite(pattern);
    return { removed: true };
  },
  [MESSAGE.record]: (message, sender) => recordReading(message.article, sender.url, sender.tab.id),
  [MESSAGE.history]: (message, sender) => answerFrame(message.nonce, sender.tab.id),
  // To the panel of the tab the frame is in (its content script, in the top frame), with
  // the frame's origin as the browser gives it (the panel posts to that origin only).
  [MESSAGE.frame]: async (message, sender) => {
    if (!FRAME_EVENTS.includes(message.event)) throw new Error('no such event');
    const origin = new URL(sender.url).origin;
    await chrome.tabs.sendMessage(sender.tab.id, { type: MESSAGE.frame, event: message.event, origin }, { frameId: 0 });
    return { relayed: true };
  },
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const type = message?.type;
  if (!Object.hasOwn(HANDLERS, type) || senderKind(sender) !== SENDERS[type]) return false;
  // `retry`: a fault (the engine trapped) rather than the engine's answer about the page.
  HANDLERS[type](message, sender).then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error), retry: error?.retry === true }));
  return true; // the answer comes asynchronously
});
