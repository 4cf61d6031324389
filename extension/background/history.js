// Reading history and similar readings (issue 7). Lives in the service worker because
// the history must sit in the extension's own origin, where no page can read it.
//
// Contract with the rest of the shell:
//   handleHistoryMessage(message) -> Promise<reply> | undefined (not a history message)
//   'pith:record' { article }  -> { record: { id, read_count } | null, similar: [{ id, title, url, site, score }],
//                                   already_read: { id, title, url, last_read } | null } | null
//     `article` is the engine's Article (url, title, site_name, published_time, word_count,
//     summary, text; its fingerprint is computed here when the panel's clean left it out).
//     Called by the content script once the panel shows it.
//     `record` is null while history is paused (nothing is saved, similar readings still shown)
//     or when saving failed, then `problem` says why in words for the reader (else null);
//     the reply is null for an article without a URL or text.
// Only the article the user just cleaned is answered about: no message lists or exports
// the history (the history page reads IndexedDB itself, in the extension's origin).
import { articleFingerprint, onEngineReset } from './engine.js';
import { SimilarReadings } from '../history/similar.js';
import { RECORD_SCHEMA, SETTINGS, getByUrl, loadAll, putRecords, settings, storageProblem } from '../history/store.js';

/** Handles a history message, or returns undefined when `message` is not one. */
export function handleHistoryMessage(message) {
  if (message?.type === 'pith:record') return recordArticle(message.article);
  // A panel is opening (it asks for its settings, or for a page to be cleaned): build the
  // index now, while the page is cleaned, so 'pith:record' does not wait for it after a
  // worker restart (about 1 s with 10,000 records). Not answered here.
  if (message?.type === 'pith:settings' || message?.type === 'pith:clean') similarReadings().catch(() => {});
  return undefined;
}

// The index is built from IndexedDB on first use and kept while the worker lives; any
// edit made elsewhere (the history page) bumps the revision and drops it.
let readings = null;
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && SETTINGS.revision in changes) readings = null;
});
// The index lives in the engine's memory: a new engine instance needs a new index. The
// old one is kept referenced for good (a rare, small leak): if it were garbage-collected,
// its finalizer would free its pointer in the NEW instance's memory and corrupt it.
const retired = [];
onEngineReset(() => {
  retired.push(readings);
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

/** Only web addresses go to the panel: an imported record could carry a javascript: URL. */
const webUrl = (url) => (/^https?:\/\//i.test(url ?? '') ? url : null);

const sameNumbers = (a, b) => a.length === b.length && a.every((n, i) => n === b[i]);
function sameText(record, article, representation) {
  const before = record.representation;
  return (
    record.word_count === article.word_count &&
    sameNumbers(before.terms, representation.terms) &&
    sameNumbers(before.minhash, representation.minhash)
  );
}

/** The stored record for `article`: a new one, or `existing` read once more. */
function recordFor(article, existing, keepText, now) {
  const representation = {
    version: article.fingerprint.version,
    terms: [...article.fingerprint.terms],
    counts: [...article.fingerprint.counts],
    minhash: [...article.fingerprint.minhash],
  };
  const changed = !existing || !sameText(existing, article, representation);
  const text = keepText ? article.text : existing && !changed ? (existing.text ?? null) : null;
  return {
    schema: RECORD_SCHEMA,
    id: existing?.id ?? crypto.randomUUID(),
    url: article.url,
    site: existing?.site ?? siteId(article.url),
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
  };
}

async function recordArticle(article) {
  if (!article?.url || typeof article.text !== 'string') return null;
  // The panel's clean skips the fingerprint (nothing there shows it); it is made here,
  // after the panel is up, from the same title and text the engine would have used.
  if (!article.fingerprint) article = { ...article, fingerprint: await articleFingerprint(article.title, article.text) };
  let paused, keepText, index, existing;
  try {
    [{ paused, keepText }, index] = await Promise.all([settings(), similarReadings()]);
    existing = await getByUrl(article.url);
  } catch (error) {
    // The history cannot be read at all (a broken database): the panel says so.
    return { record: null, similar: [], already_read: null, problem: storageProblem(error, 'Your reading history could not be opened, so this reading was not saved') };
  }
  const record = recordFor(article, existing, keepText, new Date().toISOString());
  // A failed write (storage full, a broken database) loses this reading only: the
  // records already stored stay as they were, the panel says so, similar readings still show.
  let problem = null;
  if (!paused) {
    try {
      await putRecords([record]);
      index.add(record);
    } catch (error) {
      problem = storageProblem(error, 'This reading was not saved to your history');
    }
  }
  const saved = !paused && !problem;
  const hits = index.query(record.representation, record.id, 6);
  const same = hits.find((hit) => hit.same_story);
  return {
    record: saved ? { id: record.id, read_count: record.read_count } : null,
    problem,
    similar: hits
      .filter((hit) => hit !== same)
      .slice(0, 5)
      .map(({ record: r, score }) => ({ id: r.id, title: r.title, url: webUrl(r.url), site: r.site, score })),
    already_read: same
      ? { id: same.record.id, title: same.record.title, url: webUrl(same.record.url), last_read: same.record.last_read }
      : null,
  };
}
