// The extension's own pages as a reader uses them (issue 19, "finish the rest"): the
// history page and the options page in every theme (readable text and links, axe-core
// with no violations), every control reached by Tab, delete with undo, re-import that
// says what it did, a text export of labelled lines; the shortcuts really assigned; and
// both pages reached from the panel.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER, ROOT, clickInPanel, contrast, fixture, historyRecords, launch, openPanelAt, page as pageFile, serve, test, waitFor } from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const THEMES = ['light', 'sepia', 'dark'];
// Screenshots of both pages in each theme go here when set (to look at them), else nowhere.
const SHOTS = process.env.PITH_PAGE_SHOTS;
// axe-core and the file chooser are driven through Chromium only here (the Firefox driver
// adds no scripts to a page and reports no file chooser).
const CHROMIUM = BROWSER === 'chromium';

let server;
let browser;

before(async () => {
  server = await serve({
    '/seed': fixture('seed-news-page'),
    '/rafah-talks': pageFile('rafah-talks.html'),
    '/rafah-aid': pageFile('rafah-aid.html'),
  });
  browser = await launch();
  // Three readings in the history.
  for (const path of ['/seed', '/rafah-talks', '/rafah-aid']) (await openPanelAt(browser, server.url(path))).page.close();
  await waitFor(async () => (await historyRecords(browser.worker)).length === 3, 'three readings in the history');
});

after(async () => {
  await browser?.worker.evaluate(() => chrome.storage.sync.clear());
  await browser?.close();
  await server?.close();
});

async function extensionPage(name) {
  const page = await browser.context.newPage();
  await page.goto(`${browser.origin}/extension/${name}/${name}.html`);
  return page;
}

const setTheme = (theme) => browser.worker.evaluate((t) => chrome.storage.sync.set({ settings: { schema: 3, theme: t } }), theme);

/** Every visible text run and link whose colour fails WCAG AA (4.5:1) on the page's background. */
async function unreadable(page) {
  const samples = await page.evaluate(() => {
    const background = getComputedStyle(document.body).backgroundColor;
    return [...document.querySelectorAll('p, li, label, a, h1, h2, button, span, kbd, .meta, .note')]
      .filter((node) => node.checkVisibility() && node.textContent.trim() && node.getClientRects().length)
      .map((node) => {
        // The nearest ancestor with a background of its own (buttons, boxes) is what the text sits on.
        let box = node;
        while (box && ['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(box).backgroundColor)) box = box.parentElement;
        return { what: `${node.tagName} ${node.textContent.trim().slice(0, 30)}`, fg: getComputedStyle(node).color, bg: box ? getComputedStyle(box).backgroundColor : background };
      });
  });
  return samples.filter(({ fg, bg }) => contrast(fg, bg) < 4.5).map(({ what, fg, bg }) => `${what}: ${fg} on ${bg}`);
}

async function axeViolations(page) {
  // Evaluated by the test driver: the pages' CSP (script-src 'self') refuses a script tag.
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

for (const name of ['history', 'options']) {
  test(`the ${name} page in every theme: readable text and links; axe-core finds no violations (Chromium)`, async () => {
    const page = await extensionPage(name);
    await page.setViewportSize({ width: 1000, height: 800 });
    for (const theme of THEMES) {
      await setTheme(theme);
      await waitFor(() => page.evaluate((t) => document.documentElement.dataset.theme === t, theme), `the ${theme} theme`);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const expected = { light: 'rgb(253, 253, 251)', sepia: 'rgb(244, 236, 216)', dark: 'rgb(27, 28, 30)' }[theme];
      assert.equal(background, expected, `${theme} background`);
      assert.deepEqual(await unreadable(page), [], `${theme}: every text and link readable`);
      if (CHROMIUM) assert.deepEqual(await axeViolations(page), [], `${theme}: axe`);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}-${theme}.png`), fullPage: true });
    }
    await page.close();
  });
}

test('the history page: every control is reached by Tab, the import button included, and opens from the keyboard', async () => {
  const page = await extensionPage('history');
  // Listening before anything else: Playwright asks the browser to intercept file choosers when a
  // listener arrives and does not wait for it, so a key pressed right after could open the chooser
  // unseen (puppeteer/puppeteer#6040 describes the same race). By the Space below it is in place.
  const choosers = [];
  page.on('filechooser', (chooser) => choosers.push(chooser));
  await waitFor(async () => (await page.locator('#list li').count()) === 3, 'the list');
  const reached = new Set();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement.id || document.activeElement.dataset.action || document.activeElement.tagName));
  }
  for (const id of ['search', 'sort', 'paused', 'keep-text', 'export-json', 'export-text', 'import', 'delete-all', 'delete', 'A']) {
    assert.ok(reached.has(id), `${id} reached by Tab (reached: ${[...reached]})`);
  }
  if (CHROMIUM) {
    await page.bringToFront(); // a file chooser opens from the focused tab only
    await page.focus('#import');
    await page.keyboard.press('Space');
    await waitFor(() => choosers.length === 1, 'the import to ask for a file');
  }
  await page.close();
});

test('delete, then undo, puts the reading back as it was', async () => {
  const page = await extensionPage('history');
  await waitFor(async () => (await page.locator('#list li').count()) === 3, 'the list');
  const before = await historyRecords(browser.worker);
  const title = await page.locator('#list li a').first().innerText();
  await page.locator('#list li button').first().click();
  await waitFor(async () => (await page.locator('#list li').count()) === 2, 'the row to go');
  assert.equal((await historyRecords(browser.worker)).length, 2);
  assert.equal(await page.locator('#undo-text').innerText(), `Deleted “${title}”.`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'undo', 'the focus goes to Undo');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await page.locator('#list li').count()) === 3, 'the row back');
  const byId = (records) => records.sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(byId(await historyRecords(browser.worker)), byId(before), 'the record exactly as it was');
  assert.equal(await page.locator('#undo-line').isVisible(), false);

  // Delete all asks no question: it offers to undo, too.
  await page.click('#delete-all');
  await waitFor(async () => (await historyRecords(browser.worker)).length === 0, 'all deleted');
  // The page says so once the worker has answered, which can come after the store is empty
  // (on a loaded machine the line still read the single deletion's words when first read).
  await waitFor(async () => (await page.locator('#undo-text').innerText()) === 'Deleted all 3 records.', 'the line to say so');
  await page.click('#undo');
  await waitFor(async () => (await historyRecords(browser.worker)).length === 3, 'all back');
  await page.close();
});

test('re-importing says what is new, updated and unchanged', async () => {
  const page = await extensionPage('history');
  await waitFor(async () => (await page.locator('#list li').count()) === 3, 'the list');
  const download = page.waitForEvent('download');
  await page.click('#export-json');
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  const status = () => page.locator('#status').innerText();

  await page.setInputFiles('#import', { name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await waitFor(async () => /Imported/.test(await status()), 'the import report');
  assert.match(await status(), /Imported: 0 new, 0 updated, 3 unchanged\.$/);

  // One read again elsewhere (later, once more), one never seen here.
  const [first, ...rest] = exported.records;
  const later = new Date(Date.parse(first.last_read) + 60_000).toISOString();
  const changed = { ...first, read_count: first.read_count + 1, last_read: later, updated: later };
  const fresh = { ...rest[0], id: crypto.randomUUID(), url: 'https://news.example/elsewhere', title: 'Read on another computer' };
  await page.setInputFiles('#import', { name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, records: [changed, ...rest, fresh] })) });
  await waitFor(async () => /1 new/.test(await status()), 'the second import report');
  assert.match(await status(), /Imported: 1 new, 1 updated, 2 unchanged\.$/);
  assert.equal((await historyRecords(browser.worker)).length, 4);
  await page.close();
});

test('the text export: one labelled field per line, the publication date the page gave', async () => {
  const page = await extensionPage('history');
  await page.fill('#search', 'Blinken warns');
  await waitFor(async () => (await page.locator('#list li').count()) === 1, 'the seed article alone');
  const download = page.waitForEvent('download');
  await page.click('#export-text');
  const text = readFileSync(await (await download).path(), 'utf8').trim();
  const lines = text.split('\n');
  const labels = lines.map((line) => /^([A-Z][A-Za-z]*(?: [a-z]+)?): /.exec(line)?.[1]);
  assert.deepEqual(labels.slice(0, 12), ['Title', 'URL', 'Site', 'Published', 'Words', 'Read count', 'First read', 'Last read', 'Updated', 'ID', 'Summary', 'Similar readings']);
  assert.ok(labels.every(Boolean), `every line labelled:\n${lines.filter((_, i) => !labels[i]).join('\n')}`);
  const field = (label) => lines.find((line) => line.startsWith(`${label}: `)).slice(label.length + 2);
  assert.equal(field('Title'), 'Blinken warns Israel against Rafah ground offensive');
  assert.equal(field('Published'), 'March 23, 2024', 'the page’s date, not the day it was read');
  assert.equal(field('Words'), '251');
  assert.match(field('Last read'), /^\d{4}\/\d\d\/\d\d \d\d:\d\d$/);
  await page.close();
});

test('the options page shows the keys really assigned to the commands, and where to change them', async () => {
  const page = await extensionPage('options');
  const assigned = await browser.worker.evaluate(async () => (await chrome.commands.getAll()).map((c) => c.shortcut).filter(Boolean));
  await waitFor(async () => (await page.locator('#shortcuts li').count()) > 0, 'the shortcuts');
  const shown = await page.evaluate(() => [...document.querySelectorAll('#shortcuts kbd')].map((kbd) => kbd.textContent));
  assert.deepEqual(shown, assigned);
  assert.match(await page.locator('#shortcuts').innerText(), /Open or close the reading panel/);
  assert.match(await page.locator('#shortcuts').innerText(), /Copy the clean article/);
  if (BROWSER === 'chromium') {
    assert.match(await page.locator('#shortcut-where').innerText(), /chrome:\/\/extensions\/shortcuts/);
    const opened = browser.context.waitForEvent('page');
    await page.getByRole('button', { name: 'Change shortcuts' }).click();
    const settings = await opened;
    await waitFor(() => settings.url() === 'chrome://extensions/shortcuts', 'the browser’s shortcut settings');
    await settings.close();
  }
  await page.close();
});

test('the panel’s menu opens the reading history and the options', async () => {
  const { page } = await openPanelAt(browser, server.url('/seed'));
  for (const [item, path] of [['open-history', '/extension/history/history.html'], ['open-options', '/extension/options/options.html']]) {
    await clickInPanel(page, 'button[data-action=menu]');
    const opened = browser.context.waitForEvent('page');
    await clickInPanel(page, `button[data-action=${item}]`);
    const tab = await opened;
    await tab.waitForLoadState();
    assert.equal(new URL(tab.url()).pathname, path);
    await tab.close();
  }
  await page.close();
});
