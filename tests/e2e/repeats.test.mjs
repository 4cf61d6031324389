// Repeats (issue 21): when the engine removes a large share of an article as repeated
// paragraphs, the panel says so and offers to show them in place (marked) or to keep every
// paragraph on this site from now on, which the reader can undo. A page cannot press those
// buttons for the reader, and one stray repeat gets no such line.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { clickInPanel, inPanel, launch, openPanelAt, page as pageFile, serve, waitFor, test } from './harness.mjs';

// A story printed twice over (five of its paragraphs come back as a block): 5 of 12
// paragraphs, 41 % of the words, removed.
const REPEATS = pageFile('repeats.html');
// A story with one pull-quote-like repeat: 1 paragraph, 13 % of the words.
const ONE_REPEAT = pageFile('one-repeat.html');
// The repeats fixture's paragraphs: all of them, and those the usual clean keeps.
const ALL_PARAGRAPHS = 12;
const KEPT_PARAGRAPHS = 7;
// Where the reader's screenshot goes, when asked for.
const SHOT = process.env.PITH_REPEATS_SHOT;

let server;
let browser;

before(async () => {
  server = await serve({ '/repeats': REPEATS, '/repeats-again': REPEATS, '/one-repeat': ONE_REPEAT });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What the reader sees of the repeats: the line under the stats, the paragraphs, the marked ones. */
const repeatsView = (page) =>
  inPanel(page, (root) => {
    const article = root.querySelector('.content > article');
    if (!article) return null;
    const marked = [...article.querySelectorAll('.repeat')];
    return {
      line: root.querySelector('.repeats')?.textContent ?? null,
      paragraphs: article.querySelectorAll('p').length,
      marked: marked.length,
      // The mark is visible: a rule at the paragraph's start and the word "repeat" above it.
      rule: marked[0] && getComputedStyle(marked[0]).borderInlineStartWidth,
      label: marked[0] && getComputedStyle(marked[0], '::before').content,
    };
  });

const storedKeep = () => browser.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings?.keepRepeats ?? {});

test('a large removal is said, shown in place on a click, and undone', async () => {
  const { page } = await openPanelAt(browser, server.url('/repeats'), { viewport: { width: 1100, height: 900 } });
  let view = await repeatsView(page);
  assert.match(view.line, /removed 5 repeated paragraphs: a large part of this page/);
  assert.equal(view.paragraphs, KEPT_PARAGRAPHS);
  if (SHOT) await page.screenshot({ path: SHOT.replace(/\.png$/, '-offer.png') });

  // The page presses the button itself: nothing happens.
  await page.evaluate(() => document.querySelector('pith-reader').shadowRoot.querySelector('[data-action=showRepeats]').click());
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal((await repeatsView(page)).paragraphs, KEPT_PARAGRAPHS);

  await clickInPanel(page, '[data-action=showRepeats]');
  view = await waitFor(async () => {
    const now = await repeatsView(page);
    return now?.marked ? now : null;
  }, 'the repeats in place');
  assert.equal(view.paragraphs, ALL_PARAGRAPHS);
  assert.equal(view.marked, 5);
  assert.equal(view.rule, '3px');
  assert.equal(view.label, '"repeat"');
  assert.match(view.line, /5 removed paragraphs shown in place/);
  // The first copies are not marked: the marked ones are the second half's.
  const firstMarked = await inPanel(page, (root) => [...root.querySelectorAll('.content > article p')].findIndex((p) => p.classList.contains('repeat')));
  assert.equal(firstMarked, 6);
  // The focus stays on the line the reader clicked in (its first button, "Hide them again").
  assert.equal(await inPanel(page, (root) => root.activeElement?.dataset.action), 'showRepeats');
  if (SHOT) {
    await inPanel(page, (root) => root.querySelectorAll('.repeat')[0].previousElementSibling.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: SHOT });
  }

  await clickInPanel(page, '[data-action=showRepeats]');
  view = await waitFor(async () => {
    const now = await repeatsView(page);
    return now?.paragraphs === KEPT_PARAGRAPHS ? now : null;
  }, 'the article as it was');
  assert.equal(view.marked, 0);
  assert.match(view.line, /removed 5 repeated paragraphs/);
  assert.deepEqual(await storedKeep(), {}); // showing them in place is for this page only
  await page.close();
});

test('"Keep everything on this site" keeps every paragraph on its next page, until undone', async () => {
  const { page } = await openPanelAt(browser, server.url('/repeats'));
  await clickInPanel(page, '[data-action=keepRepeats]');
  let view = await waitFor(async () => {
    const now = await repeatsView(page);
    return now?.paragraphs === ALL_PARAGRAPHS ? now : null;
  }, 'every paragraph');
  assert.match(view.line, /keeps every paragraph on this site/);
  assert.deepEqual(await storedKeep(), { '127.0.0.1': true });
  await page.close();

  // The next visit, another page of the site: every paragraph, none marked.
  const next = (await openPanelAt(browser, server.url('/repeats-again'))).page;
  view = await repeatsView(next);
  assert.equal(view.paragraphs, ALL_PARAGRAPHS);
  assert.equal(view.marked, 0);
  assert.match(view.line, /keeps every paragraph on this site/);

  // Undo, in the panel: repeats removed again, here and on the next visit.
  await clickInPanel(next, '[data-action=keepRepeats]');
  view = await waitFor(async () => {
    const now = await repeatsView(next);
    return now?.paragraphs === KEPT_PARAGRAPHS ? now : null;
  }, 'the repeats removed again');
  assert.match(view.line, /removed 5 repeated paragraphs/);
  assert.deepEqual(await storedKeep(), {});
  await next.close();
  const last = (await openPanelAt(browser, server.url('/repeats'))).page;
  assert.equal((await repeatsView(last)).paragraphs, KEPT_PARAGRAPHS);
  await last.close();
});

test('one small repeat gets no such line', async () => {
  const { page } = await openPanelAt(browser, server.url('/one-repeat'));
  const view = await repeatsView(page);
  assert.equal(view.line, null);
  assert.match(await inPanel(page, (root) => root.querySelector('.stats').textContent), /1 duplicated paragraph removed/);
  await page.close();
});

test('the options page lists the sites that keep every paragraph, and undoes one', async () => {
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { schema: 4, keepRepeats: { '127.0.0.1': true, 'www.plans.example': true } } }));
  const options = await browser.context.newPage();
  await options.goto(`${browser.origin}/extension/options/options.html`);
  await waitFor(async () => (await options.locator('#keep-repeats li').count()) === 2, 'the two sites');
  await options.getByRole('button', { name: 'Remove repeated paragraphs on 127.0.0.1 again' }).click();
  await waitFor(async () => (await options.locator('#keep-repeats li').count()) === 1, 'one site left');
  assert.deepEqual(await storedKeep(), { 'www.plans.example': true });
  assert.match(await options.locator('#status').innerText(), /removes repeated paragraphs on 127\.0\.0\.1 again/);
  await options.close();
  // This site's pages lose their repeats again.
  const { page } = await openPanelAt(browser, server.url('/repeats'));
  assert.equal((await repeatsView(page)).paragraphs, KEPT_PARAGRAPHS);
  await page.close();
});
