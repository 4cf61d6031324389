// Sites where the panel opens by itself. Each site is a match pattern in the settings,
// a host permission asked for at the user's click (optional_host_permissions: none at
// install) and a registered content script that opens the panel on article pages only.
import { AUTO_SCRIPTS } from './protocol-module.js';
import { loadSettings, saveSettings } from './settings.js';

// Suggested, never on by default: the user switches each one on (and grants it) alone.
export const SUGGESTED_SITES = [
  { name: 'AP News', pattern: 'https://apnews.com/*' },
  { name: 'BBC', pattern: 'https://www.bbc.com/*' },
  { name: 'The Guardian', pattern: 'https://www.theguardian.com/*' },
  { name: 'NPR', pattern: 'https://www.npr.org/*' },
  { name: 'Reuters', pattern: 'https://www.reuters.com/*' },
  { name: 'Al Jazeera', pattern: 'https://www.aljazeera.com/*' },
  { name: 'Le Monde', pattern: 'https://www.lemonde.fr/*' },
  { name: 'Der Spiegel', pattern: 'https://www.spiegel.de/*' },
];

const SCRIPT_PREFIX = 'auto:';

const scriptFor = (pattern) => ({
  id: SCRIPT_PREFIX + pattern,
  matches: [pattern],
  js: AUTO_SCRIPTS,
  runAt: 'document_idle',
  persistAcrossSessions: true,
});

/**
 * Adds a site. Must be called straight from the user's click (before any await):
 * the browser shows its permission prompt only inside a user gesture.
 * Resolves to true when the site was added.
 */
export async function addSite(pattern) {
  const granted = await chrome.permissions.request({ origins: [pattern] });
  if (!granted) return false;
  const settings = await loadSettings();
  await saveSettings({ sites: [...settings.sites.filter((p) => p !== pattern), pattern] });
  await syncRegistrations();
  return true;
}

/** Removes a site: unregisters its script and gives its permission back. */
export async function removeSite(pattern) {
  const settings = await loadSettings();
  await saveSettings({ sites: settings.sites.filter((p) => p !== pattern) });
  await syncRegistrations();
  try {
    await chrome.permissions.remove({ origins: [pattern] });
  } catch {
    // A permission granted at install (never in the shipped manifest) cannot be given back.
  }
}

/** Is the host permission for `pattern` granted? */
export function hasPermission(pattern) {
  return chrome.permissions.contains({ origins: [pattern] });
}

/**
 * Makes the registered scripts match the settings: a site is registered when it is
 * listed and its permission is granted (settings sync across devices, permissions
 * do not; the user may also revoke one in the browser's own UI). Runs one at a time in
 * each context; another context (the options page and the service worker both react to
 * a change) may race it, so each script is (un)registered alone and "already done" is fine.
 */
export function syncRegistrations() {
  syncing = syncing.then(reconcile, reconcile);
  return syncing;
}

let syncing = Promise.resolve();

// Usually a race another context already won ("Duplicate script ID", "Nonexistent script ID").
const warn = (id, error) => console.warn(`Pith: auto-clean script ${id}:`, error?.message ?? error);

async function reconcile() {
  const { sites } = await loadSettings();
  const wanted = new Set();
  for (const pattern of sites) if (await hasPermission(pattern)) wanted.add(SCRIPT_PREFIX + pattern);
  const scripts = (await chrome.scripting.getRegisteredContentScripts()).filter((script) => script.id.startsWith(SCRIPT_PREFIX));
  const registered = scripts.map((script) => script.id);
  const stale = registered.filter((id) => !wanted.has(id));
  const missing = [...wanted].filter((id) => !registered.includes(id));
  // Registered by an older Pith, whose scripts were other files: same site, today's files.
  const outdated = scripts.filter((script) => wanted.has(script.id) && String(script.js) !== String(AUTO_SCRIPTS));
  const forSite = (id) => scriptFor(id.slice(SCRIPT_PREFIX.length));
  await Promise.all([
    ...stale.map((id) => chrome.scripting.unregisterContentScripts({ ids: [id] }).catch((error) => warn(id, error))),
    ...missing.map((id) => chrome.scripting.registerContentScripts([forSite(id)]).catch((error) => warn(id, error))),
    ...outdated.map(({ id }) => chrome.scripting.updateContentScripts([forSite(id)]).catch((error) => warn(id, error))),
  ]);
}
