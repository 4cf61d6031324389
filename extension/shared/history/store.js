// The reading history's storage, shared by the service worker (which records articles)
// and the history page (which lists, exports, imports and deletes them). Only extension
// contexts import it; a content script never sees the history (issue 15).
//
// Why IndexedDB rather than storage.local: the history grows to thousands of records,
// each updated on its own (read count, last read). IndexedDB writes one record per
// transaction instead of rewriting a big value, looks records up by URL through an
// index, and keeps binary-friendly arrays; it lives in the extension's own origin,
// which no web page can open. Its switches (pause, keep full text) are settings
// (shared/settings.js).

export const DB_NAME = 'pith-history';
/** IndexedDB schema version: bump it and add a step to `upgradeDatabase`. */
export const DB_VERSION = 1;
/** Record layout version, stored in each record as `schema`: see `migrateRecord`. */
export const RECORD_SCHEMA = 1;
const STORE = 'records';

/** A storage.local key that changes whenever an extension page edits the history. */
export const REVISION_KEY = 'history.revision';

let opening = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Structural migrations, one step per version, run by IndexedDB itself on open. */
function upgradeDatabase(db, oldVersion) {
  if (oldVersion < 1) {
    const store = db.createObjectStore(STORE, { keyPath: 'id' });
    // Not unique: a corrupt import must not make the whole database unusable.
    store.createIndex('url', 'url');
    store.createIndex('last_read', 'last_read');
  }
}

export function openDatabase() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = (event) => upgradeDatabase(req.result, event.oldVersion);
    req.onsuccess = () => {
      const db = req.result;
      // Another context upgrading the schema: let it, and reopen next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      opening = null;
      reject(req.error);
    };
  });
  return opening;
}

const isText = (v) => typeof v === 'string';
const isOptText = (v) => v === null || v === undefined || typeof v === 'string';
const isCount = (v) => Number.isInteger(v) && v >= 0;
const isNumbers = (v) => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff);

/**
 * Brings a stored (or imported) record up to RECORD_SCHEMA, or returns null with the
 * reason when it is corrupt. Records are never trusted: an import may hold anything.
 */
export function migrateRecord(raw, { deep = true } = {}) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'not an object' };
  const record = { ...raw };
  // Records without a schema predate versioning: the first layout, same fields.
  record.schema ??= 1;
  if (record.schema > RECORD_SCHEMA) return { error: `schema ${record.schema} is newer than this version of Pith` };
  // (Future steps: `if (record.schema === 1) { ...; record.schema = 2; }`.)
  const problem = checkRecord(record, deep);
  return problem ? { error: problem } : { record };
}

/**
 * Why a record is unusable, or null. `deep` also checks every number of the
 * representation: done on import (untrusted input); records already in the store were
 * checked when written, so loading them checks shapes only (faster for 10,000 records),
 * and the engine refuses a representation of the wrong shape anyway.
 */
function checkRecord(r, deep) {
  if (!isText(r.id) || !r.id) return 'no id';
  for (const key of ['url', 'site', 'title', 'published']) if (!isOptText(r[key])) return `bad ${key}`;
  for (const key of ['created', 'updated', 'last_read']) if (!isText(r[key]) || Number.isNaN(Date.parse(r[key]))) return `bad ${key}`;
  if (!isCount(r.read_count) || r.read_count < 1) return 'bad read_count';
  if (!isCount(r.word_count)) return 'bad word_count';
  if (!Array.isArray(r.summary) || !r.summary.every(isText)) return 'bad summary';
  if (!isOptText(r.text)) return 'bad text';
  // Where the reader stopped (resume): block `at` of `of`, read at `read`; absent in older records.
  const p = r.position;
  if (p != null && (!isCount(p.at) || !isCount(p.of) || p.at >= p.of || !isText(p.read) || Number.isNaN(Date.parse(p.read)))) return 'bad position';
  const rep = r.representation;
  const numbers = deep ? isNumbers : Array.isArray;
  if (!rep || !isCount(rep.version) || !numbers(rep.terms) || !numbers(rep.counts) || !numbers(rep.minhash)) {
    return 'bad representation';
  }
  return null;
}

/**
 * Every record, migrated; corrupt ones are skipped and listed in `problems`
 * ([{ id, error }]), never fatal.
 */
export async function loadAll() {
  const db = await openDatabase();
  const raw = await request(db.transaction(STORE).objectStore(STORE).getAll());
  const records = [];
  const problems = [];
  for (const item of raw) {
    const { record, error } = migrateRecord(item, { deep: false });
    if (record) records.push(record);
    else problems.push({ id: typeof item?.id === 'string' ? item.id : null, error });
  }
  if (problems.length) console.warn(`Pith history: skipped ${problems.length} corrupt record(s)`, problems);
  return { records, problems };
}

/**
 * The `limit` most recently read valid records and the total count: enough to draw the
 * history page at once, however large the history, while `loadAll` runs.
 */
export async function loadRecent(limit) {
  const db = await openDatabase();
  const store = db.transaction(STORE).objectStore(STORE);
  const total = request(store.count());
  const records = await new Promise((resolve, reject) => {
    const found = [];
    const cursor = store.index('last_read').openCursor(null, 'prev');
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || found.length >= limit) return resolve(found);
      const { record } = migrateRecord(at.value, { deep: false });
      if (record) found.push(record);
      at.continue();
    };
  });
  return { records, total: await total };
}

export async function getByUrl(url) {
  const db = await openDatabase();
  const found = await request(db.transaction(STORE).objectStore(STORE).index('url').getAll(url));
  // The most recently read one, should an old import have left two.
  const valid = found.map((item) => migrateRecord(item).record).filter(Boolean);
  return valid.sort((a, b) => b.last_read.localeCompare(a.last_read))[0] ?? null;
}

export async function getRecord(id) {
  const db = await openDatabase();
  const raw = await request(db.transaction(STORE).objectStore(STORE).get(id));
  return raw ? (migrateRecord(raw).record ?? null) : null;
}

export async function putRecords(records) {
  const db = await openDatabase();
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  for (const record of records) store.put(record);
  return done(tx);
}

export async function deleteRecord(id) {
  const db = await openDatabase();
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).delete(id);
  return done(tx);
}

export async function deleteAll() {
  const db = await openDatabase();
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).clear();
  return done(tx);
}

/**
 * A storage failure in words for the reader: `what` happened, and why. The quota gets
 * its own advice; IndexedDB reports it as QuotaExceededError, chrome.storage in its
 * message ("QUOTA_BYTES quota exceeded").
 */
export function storageProblem(error, what) {
  const message = String(error?.message ?? error);
  if (error?.name === 'QuotaExceededError' || /quota/i.test(message)) {
    return `${what}: the browser’s storage for Pith is full. Delete old records on the history page to make room; nothing already saved was lost.`;
  }
  return `${what} (${message}). Nothing already saved was lost.`;
}

/**
 * Tells every other context (the service worker's index) that the history changed.
 * Never rejects: the change itself is done, and a failure here only leaves the panel's
 * similar readings behind until the service worker restarts.
 */
export function announceChange() {
  return chrome.storage.local
    .set({ [REVISION_KEY]: `${Date.now()}-${Math.random()}` })
    .catch((error) => console.warn('Pith history: other contexts may show the old history for a while', error));
}
