// When a click cannot reach the page: the browser keeps extensions out of its own pages
// (chrome://, about:, the extension stores) and out of local files unless the user allows
// it. A click must never do nothing: Pith says why on its own toolbar button, for that tab
// only (a "!" badge and the reason as the button's tooltip). No notification, no popup,
// no new permission; the browser drops tab-specific button state when the tab navigates,
// and a later successful click clears it too.

// Addresses whose pages no content script may run in, whatever the permissions.
const BROWSER_SCHEMES = /^(chrome|chrome-untrusted|edge|brave|opera|vivaldi|about|devtools|view-source|chrome-extension|moz-extension|resource|jar):/i;
// The extension stores: Chromium and Firefox refuse scripts there by design.
const STORES = [/^https:\/\/chromewebstore\.google\.com\//i, /^https:\/\/chrome\.google\.com\/webstore/i, /^https:\/\/addons\.mozilla\.org\//i, /^https:\/\/microsoftedge\.microsoft\.com\/addons/i];

// What the browser says when it refuses (the tab's address is hidden from Pith on the
// browser's own pages: activeTab grants nothing there).
const BROWSER_REFUSALS = /Cannot access a [a-z-]+:\/\/ URL|Cannot access (?:about|chrome|edge):/i;
const STORE_REFUSALS = /gallery cannot be scripted|extensions gallery|web store/i;

const BADGE = '!';
const BADGE_COLOUR = '#8a1c1c';

/** Is `url` a page the browser never lets an extension script (so retrying is pointless)? */
export function closedToExtensions(url, error) {
  return placeClosed(url, error) !== null;
}

/** 'browser' or 'store' when `url` (or the refusal `error`) is a place closed to extensions, else null. */
function placeClosed(url, error) {
  const refusal = String(error?.message ?? error ?? '');
  if ((url && BROWSER_SCHEMES.test(url)) || BROWSER_REFUSALS.test(refusal)) return 'browser';
  if ((url && STORES.some((store) => store.test(url))) || STORE_REFUSALS.test(refusal)) return 'store';
  return null;
}

/** Why Pith could not run on `url` (the tab's address, null when unknown), in a sentence. */
export function whyUnreachable(url, error) {
  const closed = placeClosed(url, error);
  if (closed === 'browser') return 'Pith cannot read this page: the browser keeps extensions out of its own pages.';
  if (closed === 'store') return 'Pith cannot read this page: the browser keeps extensions out of the extension store.';
  if (url && /^file:/i.test(url)) return 'Pith cannot read files on this computer unless you allow it: turn on “Allow access to file URLs” for Pith on the extensions page.';
  const detail = String(error?.message ?? error ?? '').trim();
  return `Pith could not read this page${detail ? ` (${detail})` : ''}.`;
}

/** Tells the reader, on Pith's button in `tabId` only, why the click did nothing. */
export async function explainOnButton(tabId, reason) {
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: BADGE }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR }),
    chrome.action.setTitle({ tabId, title: reason }),
  ]);
}

/** Puts `tabId`'s button back as the manifest has it (after a click that worked). */
export async function clearButton(tabId) {
  if ((await chrome.action.getBadgeText({ tabId })) !== BADGE) return;
  await Promise.all([chrome.action.setBadgeText({ tabId, text: '' }), chrome.action.setTitle({ tabId, title: chrome.runtime.getManifest().action.default_title })]);
}
