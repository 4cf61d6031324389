// The history page: an extension page, so it reads the history's IndexedDB directly
// (same origin as the service worker) and no web page can reach it.
import {
  RECORD_SCHEMA,
  announceChange,
  deleteAll,
  deleteRecord,
  loadAll,
  loadRecent,
  migrateRecord,
  putRecords,
  storageProblem,
} from '../shared/history/store.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { readingLink } from '../shared/address.js';
import { followTheme } from '../shared/page-theme.js';

/** Rows drawn at first and per "Show more": keeps opening fast with 10,000 records. */
const PAGE_ROWS = 200;
/** The JSON export's envelope, checked on import. */
const EXPORT_FORMAT = 'pith-history';

const $ = (id) => document.getElementById(id);
let records = [];
let problems = [];
let shown = PAGE_ROWS;

const SORTS = {
  last_read: (a, b) => b.last_read.localeCompare(a.last_read),
  created: (a, b) => b.created.localeCompare(a.created),
  read_count: (a, b) => b.read_count - a.read_count || b.last_read.localeCompare(a.last_read),
  title: (a, b) => (a.title ?? '').localeCompare(b.title ?? ''),
};

function matching() {
  const words = $('search').value.toLowerCase().split(/\s+/).filter(Boolean);
  const found = words.length
    ? records.filter((r) => {
        const haystack = [r.title, r.site, r.url, ...r.summary].join(' ').toLowerCase();
        return words.every((w) => haystack.includes(w));
      })
    : [...records];
  return found.sort(SORTS[$('sort').value] ?? SORTS.last_read);
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function row(record) {
  const li = el('li');
  li.dataset.id = record.id;
  const what = el('div', undefined, 'what');
  const title = record.title || record.url || 'Untitled';
  // Only web addresses open: an imported record could carry a javascript: URL.
  what.append(readingLink(record.url, title, 'strong'));
  const reads = `read ${record.read_count} time${record.read_count === 1 ? '' : 's'}`;
  const meta = [record.site, `last read ${localTime(record.last_read)}`, reads, `${record.word_count} words`];
  what.append(el('div', meta.filter(Boolean).join(' · '), 'meta'));
  const remove = el('button', 'Delete');
  remove.type = 'button';
  remove.dataset.action = 'delete';
  remove.setAttribute('aria-label', `Delete “${title}” from the history`);
  li.append(what, remove);
  return li;
}

function render() {
  const found = matching();
  $('list').replaceChildren(...found.slice(0, shown).map(row));
  $('more').hidden = found.length <= shown;
  const status = [`${records.length} record${records.length === 1 ? '' : 's'}`];
  if (found.length !== records.length) status.push(`${found.length} matching`);
  if (problems.length) status.push(`${problems.length} corrupt record${problems.length === 1 ? '' : 's'} skipped`);
  $('status').textContent = status.join(' · ');
  $('status').classList.toggle('problem', problems.length > 0);
}

async function reload() {
  ({ records, problems } = await loadAll());
  render();
}

// ------------------------------------------------------------------ export

const pad = (n) => String(n).padStart(2, '0');
function localTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/**
 * "2024-03-23T06:30:00+09:00" → "March 23, 2024": the day the page gives, in its own time
 * zone (converting it to this computer's could make it the 22nd); '' when unreadable.
 */
function pageDate(iso) {
  const day = /^\d{4}-\d\d-\d\d/.exec(iso ?? '')?.[0];
  const d = new Date(day ? `${day}T00:00:00Z` : (iso ?? ''));
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: day ? 'UTC' : undefined });
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const stamp = () => new Date().toISOString().slice(0, 10);

/** Everything, as stored: re-importing it restores the history exactly. */
export function exportJson(all) {
  return `${JSON.stringify({ format: EXPORT_FORMAT, schema: RECORD_SCHEMA, exported: new Date().toISOString(), records: all }, null, 1)}\n`;
}

/**
 * One record as text: one labelled field per line ("Words: 251"), in the order a reader
 * looks for them; the publication date is the page's own, never the day it was read
 * ("not given" when the page named none). The kept full text, if any, comes last.
 */
export function recordText(record, similar) {
  const fields = [
    ['Title', record.title ?? 'Untitled'],
    ['URL', record.url ?? ''],
    ['Site', record.site ?? ''],
    ['Published', record.published ? pageDate(record.published) || record.published : 'not given by the page'],
    ['Words', record.word_count],
    ['Read count', record.read_count],
    ['First read', localTime(record.created)],
    ['Last read', localTime(record.last_read)],
    ['Updated', localTime(record.updated)],
    ['ID', record.id],
    ['Summary', record.summary.join(' ')],
    ['Similar readings', similar.length],
    ...similar.map((r) => ['Similar', [r.title ?? 'Untitled', r.url].filter(Boolean).join(' — ')]),
  ];
  const lines = fields.map(([label, value]) => `${label}: ${value}`);
  if (record.text) lines.push('Text:', record.text);
  return lines.join('\n');
}

async function exportText() {
  const chosen = matching();
  $('status').textContent = `Finding similar readings for ${chosen.length} records…`;
  // The engine loads only when needed, so the page itself opens fast.
  const { SimilarReadings } = await import('../shared/history/similar.js');
  const readings = await SimilarReadings.of(records);
  const texts = chosen.map((record) =>
    recordText(
      record,
      readings.similar(record.representation, record.id).map((hit) => hit.record),
    ),
  );
  download(`pith-history-${stamp()}.txt`, 'text/plain', `${texts.join('\n\n\f\n\n')}\n`);
  render();
}

// ------------------------------------------------------------------ import

/** Merges an imported record with the stored one of the same id: the union of both readings. */
function merge(stored, incoming) {
  if (!stored) return incoming;
  const newer = incoming.updated > stored.updated ? incoming : stored;
  return {
    ...newer,
    created: stored.created < incoming.created ? stored.created : incoming.created,
    last_read: stored.last_read > incoming.last_read ? stored.last_read : incoming.last_read,
    read_count: Math.max(stored.read_count, incoming.read_count),
    text: newer.text ?? stored.text ?? incoming.text ?? null,
  };
}

const NOTHING_IMPORTED = Object.freeze({ added: 0, updated: 0, unchanged: 0 });

/** Merges an export into the history; resolves to { added, updated, unchanged, rejected }. */
export async function importJson(content) {
  let parsed;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    return { ...NOTHING_IMPORTED, rejected: [{ id: null, error: `not JSON: ${error.message}` }] };
  }
  const list = Array.isArray(parsed) ? parsed : parsed?.format === EXPORT_FORMAT ? parsed.records : null;
  if (!Array.isArray(list)) return { ...NOTHING_IMPORTED, rejected: [{ id: null, error: 'not a Pith history export' }] };
  const byId = new Map(records.map((r) => [r.id, r]));
  const merged = new Map();
  const counts = { added: 0, updated: 0, unchanged: 0 };
  const rejected = [];
  for (const item of list) {
    const { record, error } = migrateRecord(item);
    if (!record) {
      rejected.push({ id: typeof item?.id === 'string' ? item.id : null, error });
      continue;
    }
    const stored = byId.get(record.id);
    const result = merge(stored, record);
    // Re-importing an export changes nothing: those records are counted, not written.
    if (!stored) counts.added++;
    else if (sameRecord(stored, result)) counts.unchanged++;
    else counts.updated++;
    byId.set(record.id, result);
    if (!stored || !sameRecord(stored, result)) merged.set(record.id, result);
  }
  // One transaction: a refused write (storage full) imports nothing and changes nothing.
  if (merged.size) {
    await putRecords([...merged.values()]);
    await announceChange();
  }
  return { ...counts, rejected };
}

/** The same record, field by field (JSON of its fields in a fixed order). */
function sameRecord(a, b) {
  const canonical = (record) => JSON.stringify(Object.keys(record).sort().map((key) => [key, record[key]]));
  return canonical(a) === canonical(b);
}

/** "2 new, 1 updated, 3 unchanged": what an import did. */
export function importReport({ added, updated, unchanged, rejected }) {
  const parts = [`${added} new`, `${updated} updated`, `${unchanged} unchanged`];
  if (rejected.length) parts.push(`${rejected.length} rejected (${rejected[0].error})`);
  return `Imported: ${parts.join(', ')}.`;
}

// ------------------------------------------------------------------ wiring

$('search').addEventListener('input', () => {
  shown = PAGE_ROWS;
  render();
});
$('sort').addEventListener('change', render);
$('more').addEventListener('click', () => {
  shown += PAGE_ROWS;
  render();
});
// ------------------------------------------------------------------ delete, with undo

// The records of the last delete, until the next one: "Undo" writes them back as they were.
let deleted = [];

/** Says what was deleted, with an Undo button that takes the focus (the row is gone). */
function offerUndo(message) {
  $('undo-text').textContent = message;
  $('undo-line').hidden = false;
  $('undo').focus();
}

async function remove(chosen, message, write) {
  try {
    await write();
    await announceChange();
  } catch (error) {
    problem(storageProblem(error, 'Nothing was deleted'));
    return;
  }
  deleted = chosen;
  const gone = new Set(chosen.map((r) => r.id));
  records = records.filter((r) => !gone.has(r.id));
  render();
  offerUndo(message);
}

$('list').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action=delete]');
  if (!button) return;
  const record = records.find((r) => r.id === button.closest('li').dataset.id);
  if (record) remove([record], `Deleted “${record.title || record.url || 'Untitled'}”.`, () => deleteRecord(record.id));
});
$('delete-all').addEventListener('click', () => {
  if (records.length) remove([...records], `Deleted all ${records.length} records.`, deleteAll);
});
$('undo').addEventListener('click', async () => {
  try {
    await putRecords(deleted);
    await announceChange();
  } catch (error) {
    problem(storageProblem(error, 'The records could not be restored'));
    return;
  }
  const count = deleted.length;
  deleted = [];
  $('undo-line').hidden = true;
  await reload();
  $('status').textContent += ` · restored ${count}`;
  $('search').focus();
});
$('export-json').addEventListener('click', () => download(`pith-history-${stamp()}.json`, 'application/json', exportJson(records)));
$('export-text').addEventListener('click', () => exportText().catch((e) => ($('status').textContent = `Export failed: ${e.message}`)));
$('import').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) return;
  let result;
  try {
    result = await importJson(await file.text());
  } catch (error) {
    problem(storageProblem(error, 'The import failed and changed nothing'));
    return;
  }
  await reload();
  if (result.rejected.length) console.warn('Pith history import: rejected records', result.rejected);
  $('status').textContent += ` · ${importReport(result)}`;
});
for (const [id, field] of [['paused', 'historyPaused'], ['keep-text', 'historyKeepText']]) {
  $(id).addEventListener('change', (event) =>
    saveSettings({ [field]: event.target.checked }).catch((error) => {
      event.target.checked = !event.target.checked; // the box shows what is stored
      problem(storageProblem(error, 'This choice could not be saved'));
    }),
  );
}

/** A failure the reader must see, in the status line. */
function problem(message) {
  $('status').textContent = message;
  $('status').classList.add('problem');
}

/** Draws the most recent records first (fast at any size), then loads everything. */
async function open() {
  const started = performance.now();
  const [{ historyPaused, historyKeepText }, recent] = await Promise.all([loadSettings(), loadRecent(PAGE_ROWS)]);
  $('paused').checked = historyPaused;
  $('keep-text').checked = historyKeepText;
  if (!records.length) {
    records = recent.records;
    render();
    if (recent.total > records.length) $('status').textContent = `${recent.total} records · loading…`;
  }
  // For the scale benchmark (tests/e2e/history.test.mjs): time to a drawn list, and to
  // the whole history (search, sort and export need all of it).
  document.body.dataset.readyMs = String(Math.round(performance.now() - started));
  await reload();
  document.body.dataset.loadedMs = String(Math.round(performance.now() - started));
}

followTheme();
open().catch((error) => problem(`The history cannot be opened: ${error.message}`));
