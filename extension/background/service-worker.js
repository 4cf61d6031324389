// Background service worker: reacts to the toolbar button, the shortcuts and the context
// menu, runs the engine for the content scripts (they load none), and keeps auto-clean
// registrations in step with the settings. It keeps no state in memory
// that matters: MV3 may stop it at any time.
import { cleanPage, primeEngine } from '../shared/engine.js';
import { answerFrame, checkedPosition, recordReading, rememberPosition, warmUp } from './history.js';
import { CONTENT_SCRIPTS, FRAME_EVENTS, HISTORY_FRAME, MESSAGE, PANEL_SETTINGS, SENDER, SENDERS } from '../shared/protocol-module.js';
import { canonicalAddress } from '../shared/address.js';
import { MAX_KEEP_REPEATS_SITES, MAX_PICKED_SITES, isPickedSelector, loadChecked, loadSettings, onSettingsChanged, pickedTextKey, saveSettings, siteLabel, sitePatternFor } from '../shared/settings.js';
import { removeSite, syncRegistrations } from '../shared/sites.js';
import { clearButton, closedToExtensions, explainOnButton, whyUnreachable } from './unreachable.js';

const COPY_MENU_ID = 'pith-copy';

/** The `fields` of `object` that it has. */
const pick = (object, fields) => Object.fromEntries(fields.filter((field) => Object.hasOwn(object ?? {}, field)).map((field) => [field, object[field]]));

// The window in which the reader confirms "Always clean <site>": big enough for its question
// and two buttons (and Chromium's permission prompt, anchored to it).
const CONFIRM_WINDOW = { width: 520, height: 420 };
// storage.session key prefix of an open confirm window's id → the tab whose panel opened it.
const CONFIRM_PREFIX = 'confirm-window:';
// The extension pages the panel's menu opens.
const EXTENSION_PAGES = { history: 'extension/history/history.html', options: 'extension/options/options.html' };

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
 * panel's own settings, this page's site, `notice` when some settings could not be
 * read (else null), and the page's canonical address (a copy names it as its source).
 */
async function pageContext(url) {
  const { settings, notice } = await loadChecked();
  const pattern = url ? sitePatternFor(url) : null;
  const site = pattern && { pattern, label: siteLabel(pattern), enabled: settings.sites.includes(pattern) };
  // The text chosen by hand on this host only: the other sites' choices stay here.
  const host = url ? pickedTextKey(url) : null;
  const picked = (host && Object.hasOwn(settings.pickedText, host) && settings.pickedText[host]) || null;
  // Does the reader keep every paragraph, repeats included, on this host?
  const keepRepeats = Boolean(host && Object.hasOwn(settings.keepRepeats, host));
  return { settings: pick(settings, PANEL_SETTINGS), site, picked, keepRepeats, notice, address: url ? canonicalAddress(url) : null };
}

/**
 * Sets the entry of the sender's host in the per-host setting `field` (pickedText,
 * keepRepeats) to `value`, or removes it when `value` is null: that host only, and at most
 * `max` hosts (`full` says so).
 */
async function setForHost(field, url, value, max, full) {
  const host = pickedTextKey(url);
  if (!host) throw new Error('this page is not on the web');
  const others = { ...(await loadSettings())[field] };
  delete others[host];
  if (value !== null && Object.keys(others).length >= max) throw new Error(full);
  await saveSettings({ [field]: value === null ? others : { ...others, [host]: value } });
}

/** Keeps (or, with false, stops keeping) every paragraph, repeats included, on the host of `url`: that host only. */
function keepRepeatsOn(url, keep) {
  const full = `Pith keeps every paragraph on ${MAX_KEEP_REPEATS_SITES} sites at most: remove one on the options page`;
  return setForHost('keepRepeats', url, keep ? true : null, MAX_KEEP_REPEATS_SITES, full);
}

/** Remembers (or, with null, forgets) the text chosen by hand on the host of `url`: that host only. */
async function rememberPickedText(url, selector) {
  if (selector !== null && !isPickedSelector(selector)) throw new Error('no such selector');
  const full = `Pith keeps the text picked on ${MAX_PICKED_SITES} sites: forget one on the options page`;
  await setForHost('pickedText', url, selector, MAX_PICKED_SITES, full);
}

/**
 * Injects the shell into `tab` (once per page) and runs `action` there. The settings are
 * read meanwhile and handed over, saving the panel a round trip (activeTab lets this
 * worker see the tab's URL; without it the content script asks for them itself).
 */
async function runInTab(tab, action) {
  // Every action cleans the page here: a worker that was stopped compiles its engine, and
  // runs it once, while the scripts go in (a running one has done so already).
  primeEngine();
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
// The "Always clean" window closed, answered or not (Not now, or its close button): the panel
// that asked says so, instead of "Confirm in the window…" for a window that is gone.
chrome.windows.onRemoved.addListener(async (windowId) => {
  const key = CONFIRM_PREFIX + windowId;
  const { [key]: tabId } = await chrome.storage.session.get(key);
  if (!Number.isInteger(tabId)) return;
  await chrome.storage.session.remove(key);
  chrome.tabs.sendMessage(tabId, { type: MESSAGE.confirmClosed }, { frameId: 0 }).catch(() => {}); // that panel may be gone
});

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
 * The sender's page address as the browser shows it now: its tab's (the content scripts
 * run in top frames only). Chromium's `sender.url` is the address the page had when the
 * content script was injected: on a single-page site that moved on to another story
 * (history.pushState) after a first reading, or on an auto-clean site, the new story went
 * into the first one's record. The tab's address follows the page, which can move it only
 * within its origin; another origin (or none: no permission for the tab) keeps `sender.url`.
 */
function pageAddress(sender) {
  const now = sender.tab?.url;
  try {
    if (typeof now === 'string' && new URL(now).origin === new URL(sender.url).origin) return now;
  } catch {
    // an address that is not a URL: the sender's
  }
  return sender.url;
}

/**
 * Every request, by name (shared/protocol.js gives each one's sender, payload and reply).
 * `sender.url` is the page's address as the browser knows it (pageAddress: as it is now):
 * the content script's own claims about where it is are not used.
 */
const HANDLERS = {
  // The engine, for every page: the content script sends the page it read. A panel is
  // opening: the history's index is built once the page is clean (not before: it would
  // hold up the clean on this one thread), while the panel draws the article.
  [MESSAGE.clean]: (message) =>
    cleanPage(message.html, message.url, message.options).then((article) => {
      warmUp();
      return { article };
    }),
  // Content scripts see settings only through here (validated by the one settings module).
  [MESSAGE.settings]: (_message, sender) => {
    warmUp();
    return pageContext(pageAddress(sender));
  },
  // Sites and the history's switches change only on the extension's own pages.
  [MESSAGE.saveSettings]: async (message) => ({ settings: await saveSettings(pick(message.changes, PANEL_SETTINGS)) }),
  // "Always clean <this site>": the permission prompt needs a click in an extension page.
  [MESSAGE.addSite]: async (_message, sender) => {
    const pattern = sitePatternFor(sender.url);
    if (!pattern) throw new Error('this page cannot be cleaned automatically');
    // A small window over the article, which stays where it is in its tab; the window
    // closes itself once the reader has answered.
    const url = chrome.runtime.getURL(`extension/options/options.html#add=${encodeURIComponent(pattern)}&window=confirm`);
    const { id } = await chrome.windows.create({ url, type: 'popup', width: CONFIRM_WINDOW.width, height: CONFIRM_WINDOW.height, focused: true });
    // Whose panel asks, for when the window closes (kept in storage.session: the worker may stop meanwhile).
    await chrome.storage.session.set({ [CONFIRM_PREFIX + id]: sender.tab.id });
    return { opened: true };
  },
  // The panel's menu: the history page or the options page, in a new tab beside the article.
  [MESSAGE.openPage]: async (message) => {
    const page = EXTENSION_PAGES[message.page];
    if (!page) throw new Error('no such page');
    await chrome.tabs.create({ url: chrome.runtime.getURL(page) });
    return { opened: true };
  },
  [MESSAGE.removeSite]: async (_message, sender) => {
    const pattern = sitePatternFor(sender.url);
    if (pattern) await removeSite(pattern);
    return { removed: true };
  },
  // "Pick the text": for the sender's own host, as the browser reports its address.
  [MESSAGE.pickSave]: (message, sender) => rememberPickedText(sender.url, message.selector).then(() => ({ saved: true })),
  [MESSAGE.pickForget]: (_message, sender) => rememberPickedText(sender.url, null).then(() => ({ forgotten: true })),
  // "Keep everything on this site" and its undo: for the sender's own host.
  [MESSAGE.keepRepeats]: (message, sender) => keepRepeatsOn(sender.url, message.keep === true).then(() => ({ kept: message.keep === true })),
  [MESSAGE.record]: (message, sender) =>
    recordReading(message.article, pageAddress(sender), sender.tab.id, message.canonical, message.loaded, { save: message.save !== false, answer: message.answer !== false }),
  [MESSAGE.position]: (message, sender) => rememberPosition(message, sender.tab.id),
  [MESSAGE.history]: (message, sender) => answerFrame(message.nonce, sender.tab.id, message.part === 'resume' ? 'resume' : 'history'),
  // To the panel of the tab the frame is in (its content script, in the top frame), with
  // the frame's origin as the browser gives it (the panel posts to that origin only).
  [MESSAGE.frame]: async (message, sender) => {
    if (!FRAME_EVENTS.includes(message.event)) throw new Error('no such event');
    const { origin, searchParams } = new URL(sender.url);
    const part = searchParams.get('part') === 'resume' ? 'resume' : 'history';
    const relayed = { type: MESSAGE.frame, event: message.event, origin, part };
    if (message.event === 'resume') relayed.block = checkedPosition(message.position);
    await chrome.tabs.sendMessage(sender.tab.id, relayed, { frameId: 0 });
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
