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
function longDate(iso) {
  const d = new Date(iso ?? '');
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });
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

/** One record in the layout of the seed document (a reading app's record). */
export function recordText(record, similar) {
  const body = record.text ?? record.summary.join(' ');
  return [
    body,
    `Similar Readings (${similar.length} items)`,
    ...similar.map((r) => r.title ?? r.url ?? 'Untitled'),
    'Summary',
    record.summary.join(' '),
    'Statistics',
    `${record.word_count}`,
    `Words${record.read_count}`,
    'Read CountDetails',
    `ID: ${record.id}`,
    `Category ID: ${record.site ?? ''}`,
    `URL: ${record.url ?? ''}`,
    `Date: ${longDate(record.published ?? record.created)}`,
    `Created: ${localTime(record.created)}`,
    `Updated: ${localTime(record.updated)}`,
    `Last Read: ${localTime(record.last_read)}`,
  ].join('\n');
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
      readings.query(record.representation, record.id).map((hit) => hit.record),
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

export async function importJson(content) {
  let parsed;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    return { imported: 0, rejected: [{ id: null, error: `not JSON: ${error.message}` }] };
  }
  const list = Array.isArray(parsed) ? parsed : parsed?.format === EXPORT_FORMAT ? parsed.records : null;
  if (!Array.isArray(list)) return { imported: 0, rejected: [{ id: null, error: 'not a Pith history export' }] };
  const byId = new Map(records.map((r) => [r.id, r]));
  const merged = [];
  const rejected = [];
  for (const item of list) {
    const { record, error } = migrateRecord(item);
    if (!record) {
      rejected.push({ id: typeof item?.id === 'string' ? item.id : null, error });
      continue;
    }
    const result = merge(byId.get(record.id), record);
    byId.set(record.id, result);
    merged.push(result);
  }
  // One transaction: a refused write (storage full) imports nothing and changes nothing.
  await putRecords(merged);
  await announceChange();
  return { imported: merged.length, rejected };
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
$('list').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action=delete]');
  if (!button) return;
  const id = button.closest('li').dataset.id;
  try {
    await deleteRecord(id);
    await announceChange();
  } catch (error) {
    problem(storageProblem(error, 'The record could not be deleted'));
    return;
  }
  records = records.filter((r) => r.id !== id);
  render();
});
$('delete-all').addEventListener('click', async () => {
  if (!confirm(`Delete all ${records.length} records of your reading history?`)) return;
  await deleteAll();
  await announceChange();
  await reload();
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
  const { imported, rejected } = result;
  await reload();
  if (rejected.length) console.warn('Pith history import: rejected records', rejected);
  const note = rejected.length ? `, ${rejected.length} rejected (${rejected[0].error})` : '';
  $('status').textContent += ` · imported ${imported}${note}`;
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

open().catch((error) => problem(`The history cannot be opened: ${error.message}`));
