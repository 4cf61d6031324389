// The user's settings: one defaults object, validated field by field and migrated by
// schema version, so a bad or old value (another device, an older Pith, a hand edit) can
// never break the panel. Used by the service worker and the extension pages; content
// scripts see them only through the service worker ('pith:settings').
//
// Where they live: one object in storage.sync under one key, which follows the user to
// their other devices; except the reading history's switches, which stay on this device
// (storage.local) like the history itself.
import { COPY_FORMATS, FONT_FAMILIES, LINE_HEIGHTS, LISTEN_RATES, SUMMARY_STATES, TEXT_SIZES, THEMES, WIDTHS } from './protocol-module.js';

export { COPY_FORMATS, FONT_FAMILIES, LINE_HEIGHTS, LISTEN_RATES, SUMMARY_STATES, TEXT_SIZES, THEMES, WIDTHS };

const KEY = 'settings';

/** Bump when the shape changes, and add a step to MIGRATIONS. */
export const SCHEMA_VERSION = 4;

// storage.sync allows 8 KB per item; 200 match patterns stay well under it.
const MAX_SITES = 200;
// The text chosen by hand ("Pick the text"): at most this many sites (the reader is asked to
// forget one for another), each selector at most this long (picker.js makes none longer),
// so that the settings stay under storage.sync's 8 KB item.
export const MAX_PICKED_SITES = 20;
export const MAX_SELECTOR_CHARS = 300;
// The sites where the reader keeps every paragraph, repeats included ("Keep everything on
// this site"): at most this many (a host and `true` each, well under the 8 KB item).
export const MAX_KEEP_REPEATS_SITES = 100;

export const DEFAULTS = Object.freeze({
  schema: SCHEMA_VERSION,
  theme: 'auto',
  textSize: 18,
  width: 'medium',
  copyFormat: 'text',
  // A copy carries its source (title, byline, site, date, address) above the article.
  copySource: true,
  summary: 'auto',
  fontFamily: 'serif',
  lineHeight: 1.65,
  justify: false,
  listenRate: 1,
  // Reading aloud uses the voices on this device only, unless the reader allows online
  // ones (which send the text to a speech service).
  onlineVoices: false,
  // Match patterns (e.g. "https://www.example.com/*") where the panel opens by itself.
  sites: Object.freeze([]),
  // The article chosen by hand, per site: { "www.example.com": "CSS selector" }. Used on
  // that host only (the service worker gives a page the selector of its own host).
  pickedText: Object.freeze({}),
  // The sites cleaned without removing repeated paragraphs, per host as pickedText:
  // { "www.example.com": true } (the engine's `dedupe: false` there).
  keepRepeats: Object.freeze({}),
  // The reading history: nothing is saved while paused; full text only when asked for.
  historyPaused: false,
  historyKeepText: false,
});

// The fields kept on this device, each under its own storage.local key (the keys the
// history page used before they joined the settings, so nothing needs moving).
const LOCAL_KEYS = Object.freeze({ historyPaused: 'history.paused', historyKeepText: 'history.keepText' });
const isLocal = (field) => Object.hasOwn(LOCAL_KEYS, field);

// Each step turns schema N-1 into schema N. Version 0 = settings saved before versioning.
const MIGRATIONS = {
  1: (old) => ({
    ...old,
    // Before versioning the text size was a named step.
    textSize: { small: 16, medium: 18, large: 22 }[old.textSize] ?? old.textSize,
  }),
  // New fields only (the panel's reading tools), which take their defaults: the bump tells
  // an older Pith that reads these settings (synced) to keep quiet about them.
  2: (old) => old,
  // New fields only (copySource, pickedText), which take their defaults.
  3: (old) => old,
  // A new field only (keepRepeats), which takes its default.
  4: (old) => old,
};

/** Is `pattern` a match pattern Pith can register: scheme://host/* with no path? */
export function isSitePattern(pattern) {
  return typeof pattern === 'string' && /^(https?|\*):\/\/(\*\.)?[a-z0-9.-]+\/\*$/i.test(pattern);
}

/** The match pattern for the site of `url`, or null for pages Pith cannot auto-clean. */
export function sitePatternFor(url) {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') return null;
    // Match patterns carry no port: a site is its host.
    return `${protocol}//${hostname}/*`;
  } catch {
    return null;
  }
}

/** The key of the text picked by hand on the page at `url` (its host), or null for pages that are not on the web. */
export function pickedTextKey(url) {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? hostname : null;
  } catch {
    return null;
  }
}

/** Is `selector` one Pith may remember? (The page's own document judges whether it parses.) */
export const isPickedSelector = (selector) => typeof selector === 'string' && selector.trim().length > 0 && selector.length <= MAX_SELECTOR_CHARS;

/** The host a pattern names, for people: "*://*.bbc.com/*" → "bbc.com". */
export function siteLabel(pattern) {
  return String(pattern).replace(/^[^:]+:\/\//, '').replace(/^\*\./, '').replace(/\/\*$/, '');
}

const oneOf = (allowed) => (value) => allowed.includes(value);

const isBoolean = (value) => typeof value === 'boolean';

const VALIDATORS = {
  theme: oneOf(THEMES),
  textSize: oneOf(TEXT_SIZES),
  width: oneOf(WIDTHS),
  copyFormat: oneOf(COPY_FORMATS),
  copySource: isBoolean,
  summary: oneOf(SUMMARY_STATES),
  fontFamily: oneOf(FONT_FAMILIES),
  lineHeight: oneOf(LINE_HEIGHTS),
  justify: isBoolean,
  listenRate: oneOf(LISTEN_RATES),
  onlineVoices: isBoolean,
  sites: (value) => Array.isArray(value),
  pickedText: (value) => isObject(value),
  keepRepeats: (value) => isObject(value),
  historyPaused: isBoolean,
  historyKeepText: isBoolean,
};

// What each field is called when Pith tells the reader it could not read it.
const FIELD_NAMES = {
  theme: 'theme',
  textSize: 'text size',
  width: 'column width',
  copyFormat: 'copy format',
  copySource: 'copy with its source',
  summary: 'summary',
  fontFamily: 'font',
  lineHeight: 'line height',
  justify: 'justification',
  listenRate: 'reading speed',
  onlineVoices: 'online voices',
  sites: 'auto-clean sites',
  pickedText: 'text chosen by hand',
  keepRepeats: 'sites that keep repeated paragraphs',
  historyPaused: 'history pause',
  historyKeepText: 'keep full text',
};

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value `text` holds as JSON, or `text` itself when it is not JSON. */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A per-host setting (pickedText, keepRepeats) with only host names and the values
 * `isValue` accepts, at most `max` hosts; how many entries went, and what they were
 * (`label`), is added to `problems`.
 */
function perHost(map, isValue, max, label, problems) {
  const kept = Object.entries(map).filter(([host, value]) => /^[a-z0-9.-]+$/.test(host) && isValue(value));
  const dropped = Object.keys(map).length - kept.length;
  if (dropped) problems.push(`${dropped} ${label}`);
  return Object.fromEntries(kept.slice(0, max));
}

/**
 * Migrates and validates a stored value: { settings, problems }. `stored` is the
 * storage.sync value, `local` the storage.local one ({ 'history.paused': …, … }).
 * `settings` is complete (every field valid, defaults where the stored one is not);
 * `problems` names, for the reader, what was stored but could not be used. Nothing
 * stored is not a problem.
 */
export function check(stored, local = {}) {
  const problems = [];
  // A hand edit or an old bug may have left the settings as a JSON string.
  if (typeof stored === 'string') stored = parseJson(stored);
  if (stored !== undefined && stored !== null && !isObject(stored)) problems.push('the saved settings are not readable');
  let value = isObject(stored) ? { ...stored } : {};
  // The device's own fields come from this device only, never from a synced value.
  for (const [field, key] of Object.entries(LOCAL_KEYS)) {
    delete value[field];
    if (local?.[key] !== undefined) value[field] = local[key];
  }
  let version = Number.isInteger(value.schema) ? value.schema : 0;
  // A newer schema (synced from a newer Pith): keep what still validates, and say
  // nothing of fields this version does not know.
  const newer = version > SCHEMA_VERSION;
  for (; version < SCHEMA_VERSION; version++) value = MIGRATIONS[version + 1](value);
  const settings = { ...DEFAULTS, schema: SCHEMA_VERSION };
  for (const [field, valid] of Object.entries(VALIDATORS)) {
    if (valid(value[field])) settings[field] = value[field];
    else if (value[field] !== undefined) problems.push(FIELD_NAMES[field]);
  }
  const sites = settings.sites.filter(isSitePattern);
  if (sites.length < settings.sites.length) problems.push(`${settings.sites.length - sites.length} auto-clean site(s)`);
  settings.sites = [...new Set(sites)].slice(0, MAX_SITES);
  settings.pickedText = perHost(settings.pickedText, isPickedSelector, MAX_PICKED_SITES, 'text(s) chosen by hand', problems);
  settings.keepRepeats = perHost(settings.keepRepeats, (value) => value === true, MAX_KEEP_REPEATS_SITES, 'site(s) that keep repeated paragraphs', problems);
  if (!newer) {
    const unknown = Object.keys(value).filter((key) => !(key in DEFAULTS));
    if (unknown.length) problems.push(`unknown setting(s) ${unknown.join(', ')}`);
  }
  return { settings, problems };
}

/** Migrates and validates a stored value into a complete settings object. */
export function normalise(stored) {
  return check(stored).settings;
}

/** The stored values, as check() takes them: [sync value, local values]. */
async function readStored() {
  const [synced, local] = await Promise.all([chrome.storage.sync.get(KEY), chrome.storage.local.get(Object.values(LOCAL_KEYS))]);
  return [synced[KEY], local];
}

/** The settings; rejects when the storage cannot be read (so nothing is saved over them). */
export async function loadSettings() {
  return check(...(await readStored())).settings;
}

/**
 * The settings and, when some could not be read, a sentence telling the reader so
 * (`notice`, else null). Storage that cannot be read at all gives the defaults.
 */
export async function loadChecked() {
  let stored;
  try {
    stored = await readStored();
  } catch (error) {
    return { settings: normalise(undefined), notice: `Pith could not read your settings (${error?.message ?? error}) and uses the defaults.` };
  }
  const { settings, problems } = check(...stored);
  const notice = problems.length
    ? `Pith could not read some of your settings (${problems.join('; ')}) and uses the defaults for them. Changing a setting saves a clean copy.`
    : null;
  return { settings, notice };
}

/**
 * Saves `changes` over the current settings; resolves to the saved settings. Rejects
 * when the browser refuses the write (storage.sync's quota: 100 KB, 8 KB per item,
 * and a few writes a minute): the stored settings are then unchanged. Each storage area
 * is written only when a field of its own changes (no changes: a clean synced copy).
 */
export function saveSettings(changes) {
  // One save at a time in this context: each reads the settings, then writes the whole
  // synced object, so two saves in flight (two quick changes in the panel, both handled by
  // the service worker) would both read the old settings and the second write would undo
  // the first change.
  const saved = pendingSave.then(() => saveNow(changes));
  pendingSave = saved.catch(() => {});
  return saved;
}

/** The saves of this context, chained: the last one's outcome (errors go to its caller). */
let pendingSave = Promise.resolve();

async function saveNow(changes) {
  const fields = Object.keys(changes);
  const current = await loadSettings();
  const { settings } = check(
    { ...current, ...changes },
    Object.fromEntries(Object.entries(LOCAL_KEYS).map(([field, key]) => [key, changes[field] ?? current[field]])),
  );
  const synced = Object.fromEntries(Object.entries(settings).filter(([field]) => !isLocal(field)));
  const local = Object.fromEntries(Object.entries(LOCAL_KEYS).map(([field, key]) => [key, settings[field]]));
  if (!fields.length || fields.some((field) => !isLocal(field))) await chrome.storage.sync.set({ [KEY]: synced });
  if (fields.some(isLocal)) await chrome.storage.local.set(local);
  return settings;
}

/** Calls `listener(settings)` whenever the synced settings change (on any device). */
export function onSettingsChanged(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && KEY in changes) loadSettings().then(listener, () => {});
  });
}
