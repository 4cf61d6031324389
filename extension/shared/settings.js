// The user's settings: one defaults object in storage.sync under one key, validated
// field by field and migrated by schema version, so a bad or old value (another device,
// an older Pith, a hand edit) can never break the panel. Used by the service worker,
// the options page and (dynamically imported) the content scripts.

const KEY = 'settings';

/** Bump when the shape changes, and add a step to MIGRATIONS. */
export const SCHEMA_VERSION = 2;

export const THEMES = ['auto', 'light', 'sepia', 'dark'];
// Text size steps in px, even steps of 2 from 14 to 32 (large print for low vision; the
// column keeps its width in px, so fewer words a line at the largest sizes).
export const TEXT_SIZES = [14, 16, 18, 20, 22, 24, 26, 28, 30, 32];
// The article's face: a serif, a sans-serif, or Atkinson Hyperlegible (bundled, OFL;
// extension/fonts/), drawn to tell apart the letters readers confuse (b d p q, I l 1, O 0).
export const FONT_FAMILIES = ['serif', 'sans', 'hyperlegible'];
// Line heights (unitless, times the text size).
export const LINE_HEIGHTS = [1.4, 1.65, 1.9, 2.2];
// Reading-aloud speeds (the Web Speech API's rate; 1 is the voice's normal speed).
export const LISTEN_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];
export const WIDTHS = ['narrow', 'medium', 'wide'];
export const COPY_FORMATS = ['text', 'markdown', 'html'];
// The summary above the article: 'auto' opens it only where it does not push the article
// off the first screen and does not repeat a short article; 'open' and 'closed' are the
// reader's own choice, remembered from the last time they opened or closed it.
export const SUMMARY_STATES = ['auto', 'open', 'closed'];
// storage.sync allows 8 KB per item; 200 match patterns stay well under it.
const MAX_SITES = 200;

export const DEFAULTS = Object.freeze({
  schema: SCHEMA_VERSION,
  theme: 'auto',
  textSize: 18,
  width: 'medium',
  copyFormat: 'text',
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
});

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

/** The host a pattern names, for people: "*://*.bbc.com/*" → "bbc.com". */
export function siteLabel(pattern) {
  return String(pattern).replace(/^[^:]+:\/\//, '').replace(/^\*\./, '').replace(/\/\*$/, '');
}

const oneOf = (allowed) => (value) => allowed.includes(value);

const VALIDATORS = {
  theme: oneOf(THEMES),
  textSize: oneOf(TEXT_SIZES),
  width: oneOf(WIDTHS),
  copyFormat: oneOf(COPY_FORMATS),
  summary: oneOf(SUMMARY_STATES),
  fontFamily: oneOf(FONT_FAMILIES),
  lineHeight: oneOf(LINE_HEIGHTS),
  justify: (value) => typeof value === 'boolean',
  listenRate: oneOf(LISTEN_RATES),
  onlineVoices: (value) => typeof value === 'boolean',
  sites: (value) => Array.isArray(value),
};

// What each field is called when Pith tells the reader it could not read it.
const FIELD_NAMES = { theme: 'theme', textSize: 'text size', width: 'column width', copyFormat: 'copy format', summary: 'summary', fontFamily: 'font', lineHeight: 'line height', justify: 'justification', listenRate: 'reading speed', onlineVoices: 'online voices', sites: 'auto-clean sites' };

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
 * Migrates and validates a stored value: { settings, problems }. `settings` is complete
 * (every field valid, defaults where the stored one is not); `problems` names, for the
 * reader, what was stored but could not be used. Nothing stored is not a problem.
 */
export function check(stored) {
  const problems = [];
  // A hand edit or an old bug may have left the settings as a JSON string.
  if (typeof stored === 'string') stored = parseJson(stored);
  if (stored !== undefined && stored !== null && !isObject(stored)) problems.push('the saved settings are not readable');
  let value = isObject(stored) ? { ...stored } : {};
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

const readStored = async () => (await chrome.storage.sync.get(KEY))[KEY];

/** The settings; rejects when the storage cannot be read (so nothing is saved over them). */
export async function loadSettings() {
  return normalise(await readStored());
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
  const { settings, problems } = check(stored);
  const notice = problems.length
    ? `Pith could not read some of your settings (${problems.join('; ')}) and uses the defaults for them. Changing a setting saves a clean copy.`
    : null;
  return { settings, notice };
}

/**
 * Saves `changes` over the current settings; resolves to the saved settings. Rejects
 * when the browser refuses the write (storage.sync's quota: 100 KB, 8 KB per item,
 * and a few writes a minute): the stored settings are then unchanged.
 */
export async function saveSettings(changes) {
  const settings = normalise({ ...(await loadSettings()), ...changes });
  await chrome.storage.sync.set({ [KEY]: settings });
  return settings;
}

/** Calls `listener(settings)` whenever the settings change (on any device). */
export function onSettingsChanged(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && KEY in changes) listener(normalise(changes[KEY].newValue));
  });
}
