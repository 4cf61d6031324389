// Reading history and similar readings (issues 7 and 15), in the service worker: the
// history lives in the extension's own origin, and so does every answer drawn from it.
//
// A content script (which lives in a web page) tells what was read ('pith:record') and
// gets back a nonce, nothing from the history. The panel's history frame (an extension
// page, see extension/history-frame/) presents that nonce once ('pith:history') and gets
// the answer: similar readings, "you already read this", whether it was saved.
import { articleFingerprint, onEngineReset } from '../shared/engine.js';
import { SimilarReadings } from '../shared/history/similar.js';
import { RECORD_SCHEMA, REVISION_KEY, getByUrl, loadAll, migrateRecord, putRecords, storageProblem } from '../shared/history/store.js';
import { loadSettings } from '../shared/settings.js';
import { canonicalAddress, sameSite, webAddress } from '../shared/address.js';

// Answers wait for their frame in storage.session (extension contexts only: content
// scripts cannot read it), which outlives a stopped worker and ends with the browser
// session. A frame loads when the reader scrolls near it, at the end of the article; an
// answer never asked for is dropped after this long (a day of reading one article).
const ANSWER_PREFIX = 'history-answer:';
// The record a panel's reading went into, for its reading positions (rememberPosition), under
// a random key the content script holds: kept as long as an answer, one per tab and address.
const READING_PREFIX = 'history-reading:';
const ANSWER_TTL_MS = 24 * 60 * 60 * 1000;
// Answers and reading keys kept per tab: one per address, for this many addresses (the
// latest). Back to an article the browser kept in its back-forward cache shows the panel it
// had, whose history frame asks only when the reader nears the end and whose positions carry
// its key: with the tab's last entry alone kept, the story read in between had dropped both
// ("Your reading history cannot be shown here", no place kept: use-it-9). A few pages back is
// what readers go; the bound still keeps a page stepping through addresses from piling them up.
const KEPT_PER_TAB = 4;
const NONCE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A panel is opening: build the similarity index now, while the page is cleaned. */
export function warmUp() {
  similarReadings().catch(() => {});
}

// The index is built from IndexedDB on first use and kept while the worker lives; any
// edit made elsewhere (the history page) bumps the revision and drops it.
let readings = null;
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && REVISION_KEY in changes) readings = null;
});
// The index lives in the engine's memory: a new engine instance needs a new index. (The
// glue's objects know their instance: a finalizer from the old one frees nothing in the new.)
onEngineReset(() => {
  readings = null;
});

function similarReadings() {
  readings ??= loadAll()
    .then(({ records }) => SimilarReadings.of(records))
    .catch((error) => {
      readings = null;
      throw error;
    });
  return readings;
}

/** A short site id from a host name: www3.nhk.or.jp → nhk, www.bbc.co.uk → bbc. */
export function siteId(url) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host;
  const labels = host.split('.');
  labels.pop(); // the top-level domain
  // Second-level registries (co.uk, or.jp, com.au) are not the site's name.
  if (labels.length > 1 && /^(co|com|or|ne|ac|go|gov|org|net|edu)$/.test(labels.at(-1))) labels.pop();
  return labels.at(-1) ?? host;
}

const sameNumbers = (a, b) => a.length === b.length && a.every((n, i) => n === b[i]);
function sameText(record, article, representation) {
  const before = record.representation;
  return (
    record.word_count === article.word_count &&
    sameNumbers(before.terms, representation.terms) &&
    sameNumbers(before.minhash, representation.minhash)
  );
}

/** The stored record for `article` read at `address`: a new one, or `existing` read once more. */
function recordFor(article, address, existing, keepText, now) {
  const representation = {
    version: article.fingerprint.version,
    terms: [...article.fingerprint.terms],
    counts: [...article.fingerprint.counts],
    minhash: [...article.fingerprint.minhash],
  };
  const changed = !existing || !sameText(existing, article, representation);
  const text = keepText ? article.text : existing && !changed ? (existing.text ?? null) : null;
  const url = existing?.url ?? address;
  return {
    schema: RECORD_SCHEMA,
    id: existing?.id ?? crypto.randomUUID(),
    url,
    site: existing?.site ?? siteId(url),
    title: article.title ?? existing?.title ?? null,
    published: article.published_time ?? existing?.published ?? null,
    created: existing?.created ?? now,
    updated: changed ? now : existing.updated,
    last_read: now,
    read_count: (existing?.read_count ?? 0) + 1,
    word_count: article.word_count,
    summary: [...article.summary],
    text,
    representation,
    // Where the reader stopped in a long article (rememberPosition), kept across readings.
    position: existing?.position ?? null,
  };
}

/**
 * The record this reading continues, or null for a new one. The record at the address
 * read, else the record at the address the page names for itself (JSON-LD `url`,
 * canonical link) when that address is on the same site (the same origin, or the site's
 * www, mobile or AMP host: address.js `sameSite`) AND holds the same story (MinHash
 * resemblance, as "you already read this"). A page can never reach another site's
 * record: at worst it merges into one of its own site's. (A re-post on another site stays
 * its own record, since continuing a record takes the new reading's title and summary;
 * it is shown as "already read", never among the similar readings.)
 */
async function continuedRecord(address, declared, representation, index) {
  const atAddress = await getByUrl(address);
  if (atAddress) return atAddress;
  if (!declared || declared === address || !sameSite(declared, address)) return null;
  const named = await getByUrl(declared);
  return named && sameSite(named.url, address) && index.sameStory(named.id, representation) ? named : null;
}

/** An empty answer: the frame then says there is nothing to show. */
const nothing = (problem = null) => ({ saved: false, paused: false, problem, similar: [], already_read: null, resume: { position: null, paused: false } });

/**
 * The address `address` (the tab's) read as a claim when the page moved there by script
 * (history.pushState or replaceState) from `loadedUrl`, the address its document was loaded
 * from, on the same origin: the record there is continued only if it holds the same story;
 * else the reading goes under the address loaded. (A page could otherwise step onto another
 * story's address of its site and overwrite that record's title and summary with its own. A
 * single-page site moves its address the same way, onto its own stories' addresses.)
 */
async function addressRead(address, loadedUrl, representation, index) {
  const loaded = typeof loadedUrl === 'string' ? canonicalAddress(loadedUrl, address) : null;
  if (!loaded || loaded === address || new URL(loaded).origin !== new URL(address).origin) return address;
  const there = await getByUrl(address);
  return !there || index.sameStory(there.id, representation) ? address : loaded;
}

/**
 * Records `article`, read at `pageUrl` (the sender's own address, from the browser), and
 * returns what the history frame will show (HistoryAnswer). `loadedUrl`: see addressRead.
 * With `save` false (an automatic panel before the reader's first input) nothing is
 * written: the same answer, as if the history were paused for this reading only.
 */
async function record(article, pageUrl, canonical, loadedUrl = null, save = true) {
  let address = canonicalAddress(pageUrl);
  if (!address || typeof article?.text !== 'string' || !article.text) return nothing();
  // The panel's clean skips the fingerprint (nothing there shows it); it is made here,
  // after the panel is up, from the same title and text the engine would have used.
  const title = typeof article.title === 'string' ? article.title : null;
  const fingerprint = await articleFingerprint(title, article.text);
  article = { ...article, title, fingerprint, summary: Array.isArray(article.summary) ? article.summary.filter((s) => typeof s === 'string') : [] };
  let paused, keepText, index, existing;
  try {
    [{ historyPaused: paused, historyKeepText: keepText }, index] = await Promise.all([loadSettings(), similarReadings()]);
    address = await addressRead(address, loadedUrl, fingerprint, index);
    // What the page says its address is: the engine's (JSON-LD, OpenGraph), else its canonical link.
    const declared = [article.url, canonical]
      .filter((claim) => typeof claim === 'string')
      .map((claim) => canonicalAddress(claim, address))
      .find((claim) => claim && claim !== address) ?? null;
    existing = await continuedRecord(address, declared, fingerprint, index);
  } catch (error) {
    // The history cannot be read at all (a broken database): the frame says so.
    return nothing(storageProblem(error, 'Your reading history could not be opened, so this reading was not saved'));
  }
  const reading = recordFor(article, address, existing, keepText, new Date().toISOString());
  // A failed write (storage full, a broken database) loses this reading only: the
  // records already stored stay as they were, the frame says so, similar readings still show.
  let problem = null;
  if (!paused && save) {
    try {
      // The article came from a content script: store only a record of the right shape.
      const { error } = migrateRecord(reading);
      if (error) throw new Error(`this article cannot be recorded (${error})`);
      await putRecords([reading]);
      index.add(reading);
    } catch (error) {
      problem = storageProblem(error, 'This reading was not saved to your history');
    }
  }
  const same = index.query(reading.representation, reading.id).find((hit) => hit.same_story);
  const shown = (r) => ({ title: r.title, url: webAddress(r.url), site: r.site });
  // The resume frame's answer: where this reader stopped last time (before this reading).
  const stopped = existing?.position ?? null;
  return {
    // Where this reading was saved (for its positions), or null when it was not.
    url: !paused && save && !problem ? reading.url : null,
    resume: { position: stopped && { at: stopped.at, of: stopped.of, read: stopped.read }, paused },
    saved: save && !paused && !problem,
    paused,
    problem,
    similar: index.similar(reading.representation, reading.id).map((hit) => shown(hit.record)),
    already_read: same ? { ...shown(same.record), last_read: same.record.last_read } : null,
  };
}

/**
 * 'pith:record' from the content script of tab `tabId`, whose page is at `pageUrl`:
 * records the reading (not with `save` false) and keeps the answer for that tab's history
 * frame. Replies `{ nonce, reading }` only: the nonce the content script hands to the frame
 * it creates, and a key for this reading's positions (null when it was not saved); with
 * `answer` false (the reading of an automatic panel, saved once it was answered) no nonce.
 */
export async function recordReading(article, pageUrl, tabId, canonical = null, loadedUrl = null, { save = true, answer: wanted = true } = {}) {
  const { resume, url, ...answer } = await record(article, pageUrl, canonical, loadedUrl, save).catch((error) => nothing(`Your reading history could not be used (${error?.message ?? error}).`));
  // The key of the record saved, for this panel's reading positions (null: not saved).
  // Kept per address read (the tab's, as recorded): a new reading there replaces the last one's.
  const address = canonicalAddress(pageUrl);
  const reading = url ? await putAway(READING_PREFIX, tabId, address, { url }) : null;
  if (!wanted) return { reading };
  return { nonce: await putAway(ANSWER_PREFIX, tabId, address, { parts: { history: answer, resume } }), reading };
}

/**
 * Keeps `value` for tab `tabId`'s reading at `address` in storage.session under `prefix`
 * and a new random key, which it returns. Dropped meanwhile: that prefix's entries past
 * their time, this tab's earlier one for the same address, and its oldest past
 * KEPT_PER_TAB. A new reading of an address makes the last one's useless; kept, a page
 * read again and again, or stepping through long articles (an auto-clean site, a background
 * tab where no history frame ever loads to ask), would pile them up until storage.session's
 * quota refused every panel its history.
 */
async function putAway(prefix, tabId, address, value) {
  const key = crypto.randomUUID();
  const now = Date.now();
  const kept = await chrome.storage.session.get(null);
  const names = Object.keys(kept).filter((name) => name.startsWith(prefix));
  const live = (name) => kept[name]?.at > now - ANSWER_TTL_MS;
  const tabs = names.filter((name) => live(name) && kept[name].tabId === tabId);
  const otherAddresses = tabs.filter((name) => kept[name].address !== address).sort((a, b) => kept[b].at - kept[a].at);
  const stale = [
    ...names.filter((name) => !live(name)),
    ...tabs.filter((name) => kept[name].address === address),
    ...otherAddresses.slice(KEPT_PER_TAB - 1),
  ];
  if (stale.length) await chrome.storage.session.remove(stale);
  await chrome.storage.session.set({ [prefix + key]: { ...value, tabId, address, at: now } });
  return key;
}

/**
 * 'pith:history' from a history frame in tab `tabId`: the `part` ('history' or 'resume')
 * of the answer kept under `nonce`, once, and only to a frame in the tab whose content
 * script recorded it.
 */
export async function answerFrame(nonce, tabId, part) {
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) throw new Error('no such panel');
  const key = ANSWER_PREFIX + nonce;
  const { [key]: kept } = await chrome.storage.session.get(key);
  if (!kept || kept.tabId !== tabId || !kept.parts || !Object.hasOwn(kept.parts, part)) throw new Error('no such panel');
  const { [part]: answer, ...rest } = kept.parts;
  if (Object.keys(rest).length) await chrome.storage.session.set({ [key]: { ...kept, parts: rest } });
  else await chrome.storage.session.remove(key);
  return answer;
}

// A position this close to the end (in blocks) is a finished reading: nothing to continue.
const FINISHED_BLOCKS = 3;
// A position at the very start is no position: nothing to continue either.
const STARTED_BLOCKS = 2;

/** `{ at, of }` when it is a position in an article (block `at` of `of`), else null. */
export function checkedPosition(position) {
  const { at, of } = position ?? {};
  return Number.isInteger(at) && Number.isInteger(of) && at >= 0 && at < of && of <= 1_000_000 ? { at, of } : null;
}

/**
 * 'pith:position' from the content script of tab `tabId`: keeps where the reader is in the
 * record the panel's reading was saved in (`message.reading`, the key recordReading gave for
 * it, from this tab only), if the history is not paused. Not the record at the tab's address:
 * a page that moved its address by script (history.pushState) onto another story of its site
 * would have its positions written into that story's record. Replies `{}` whatever happened:
 * a content script learns nothing of the history from it.
 */
export async function rememberPosition(message, tabId) {
  const position = checkedPosition(message);
  const id = message?.reading;
  if (!position || typeof id !== 'string' || !NONCE.test(id)) return {};
  try {
    const key = READING_PREFIX + id;
    const { [key]: kept } = await chrome.storage.session.get(key);
    const { historyPaused } = await loadSettings();
    const stored = historyPaused || kept?.tabId !== tabId || typeof kept.url !== 'string' ? null : await getByUrl(kept.url);
    if (!stored) return {};
    const unread = position.at < STARTED_BLOCKS || position.of - position.at <= FINISHED_BLOCKS;
    await putRecords([{ ...stored, position: unread ? null : { ...position, read: new Date().toISOString() } }]);
  } catch {
    // A position is a convenience: a failed write loses it only.
  }
  return {};
}
