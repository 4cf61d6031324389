// Reading in the panel as a demanding reader does (issue 19): a click is never refused,
// the article comes first, long pieces get their contents.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSER, fixture, historyRecords, inPanel, launch, page as pageFile, panelText, serve, waitFor, test } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve({
    '/seed': fixture('seed-news-page.html'),
    '/home': pageFile('home.html'),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPanel(path) {
  const page = await browser.context.newPage();
  await page.goto(server.url(path));
  await browser.clickAction(page);
  const text = await waitFor(() => panelText(page), 'the panel');
  return { page, text };
}

test('a click on a page that is not an article shows what Pith found, with a note, and keeps it out of the history', async () => {
  const { page: home, text } = await openPanel('/home');
  assert.doesNotMatch(text, /This page is not an article/, 'no refusal on a click');
  const note = await inPanel(home, (root) => root.querySelector('[role=note]')?.textContent);
  assert.match(note, /^Pith is not sure this page is an article .*It is not saved to your history\.$/);
  assert.match(text, /World News Today: front page\n+[1-9]\d* words? · 1 min read/, 'what it found is shown, measured');
  assert.ok(await inPanel(home, (root) => root.querySelector('article').textContent.trim().length > 0), 'with its text');
  await home.close();
  // An article read afterwards is recorded; the home page never is.
  const { page: seed } = await openPanel('/seed');
  assert.equal(await inPanel(seed, (root) => root.querySelector('[role=note]')), null, 'no note on an article');
  const records = await waitFor(async () => {
    const all = await historyRecords(browser.worker);
    return all.some((r) => r.url?.endsWith('/seed')) && all;
  }, 'the article in the history');
  assert.deepEqual(records.filter((r) => r.url?.endsWith('/home')), []);
  await seed.close();
});

// Chromium's own pages: no content script may run there. Firefox keeps its about: pages
// out of reach of the test driver's toolbar click too.
test('a click on a browser page says why nothing opens, on Pith\'s button for that tab', { skip: BROWSER === 'firefox' && 'about: pages take no toolbar click from the test driver' }, async () => {
  const page = await browser.context.newPage();
  await page.goto('chrome://version');
  await browser.clickAction(page);
  const button = () =>
    browser.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return { badge: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
    });
  const said = await waitFor(async () => {
    const state = await button();
    return state.badge && state;
  }, 'the button to explain');
  assert.deepEqual(said, { badge: '!', title: 'Pith cannot read this page: the browser keeps extensions out of its own pages.' });
  // Another tab's button is untouched.
  const other = await browser.context.newPage();
  await other.goto(server.url('/seed'));
  assert.deepEqual(await button(), { badge: '', title: 'Read this page cleanly (Alt+Shift+R)' });
  await other.close();
  // The same tab, once it shows a web page, clicks as usual and its button is as before.
  await page.bringToFront();
  await page.goto(server.url('/seed'));
  await browser.clickAction(page);
  await waitFor(() => panelText(page), 'the panel');
  assert.deepEqual(await button(), { badge: '', title: 'Read this page cleanly (Alt+Shift+R)' });
  await page.close();
});
