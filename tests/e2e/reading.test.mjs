// Reading in the panel as a demanding reader does (issue 19): a click is never refused,
// the article comes first, long pieces get their contents.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSER, clickInPanel, fixture, historyRecords, inPanel, launch, openPanelAt, page as pageFile, panelText, serve, waitFor, test } from './harness.mjs';

/**
 * A page of about 96,000 words (403 minutes at the engine's 238 words a minute): made-up
 * words in distinct paragraphs (nothing for the de-duplication to remove).
 */
function book() {
  const syllables = 'ba ko ri sen da mu lo ve ta ni pra gel son fi ru mer dal ko tin ash'.split(' ');
  // mulberry32: a small seeded generator whose low bits are as random as its high ones.
  let seed = 7;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const words = Array.from({ length: 4000 }, () => Array.from({ length: 2 + (next() % 2) }, () => syllables[next() % syllables.length]).join(''));
  const paragraphs = [];
  for (let p = 0; p < 1600; p++) {
    const sentence = Array.from({ length: 60 }, () => words[next() % words.length]).join(' ');
    paragraphs.push(`<p>${sentence[0].toUpperCase()}${sentence.slice(1)}.</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A very long read</title></head><body><article><h1>A very long read</h1>${paragraphs.join('')}</article></body></html>`;
}

let server;
let browser;

before(async () => {
  server = await serve({
    '/seed': fixture('seed-news-page'),
    '/home': pageFile('home.html'),
    '/long': pageFile('long.html'),
    // A German compound longer than the contents' column is wide.
    '/long-words': pageFile('long.html').replace('The taste question', 'Trinkwasserqualitätsbeurteilungsverfahren'),
    '/book': book(),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const openPanel = (path, options) => openPanelAt(browser, server.url(path), options);

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

const summaryOpen = (page) => inPanel(page, (root) => root.querySelector('details.summary').open);
const storedSettings = async () => (await browser.worker.evaluate(() => chrome.storage.sync.get('settings'))).settings;

test('the article comes first: the summary starts collapsed on a short article and where it would push the article off the first screen', async () => {
  // The seed article: 251 words, its three-sentence summary would repeat much of it.
  const { page: short } = await openPanel('/seed', { viewport: { width: 1280, height: 900 } });
  assert.equal(await summaryOpen(short), false);
  assert.match(await inPanel(short, (root) => root.querySelector('details.summary').textContent), /^Summary.*Blinken/, 'one click away');
  await short.close();
  // A long article on a 1280×900 window: open, and the first paragraph is still on screen.
  const { page: tall } = await openPanel('/long', { viewport: { width: 1280, height: 900 } });
  assert.equal(await summaryOpen(tall), true);
  const firstParagraphOnScreen = (page) =>
    inPanel(page, (root) => root.querySelector('article p').getBoundingClientRect().bottom <= root.querySelector('.backdrop').clientHeight);
  assert.equal(await firstParagraphOnScreen(tall), true);
  await tall.close();
  // The same article on a small window: the summary would push it below the first screen.
  const { page: small } = await openPanel('/long', { viewport: { width: 700, height: 560 } });
  assert.equal(await summaryOpen(small), false);
  assert.ok(await inPanel(small, (root) => root.querySelector('article p').getBoundingClientRect().top < root.querySelector('.backdrop').clientHeight), 'the article starts on the first screen');
  await small.close();
});

test('the reader\'s choice of summary is remembered', async () => {
  const { page } = await openPanel('/seed');
  await clickInPanel(page, 'details.summary > summary');
  assert.equal(await summaryOpen(page), true);
  await waitFor(async () => (await storedSettings())?.summary === 'open', 'the choice to be saved');
  await page.close();
  const { page: again } = await openPanel('/seed');
  assert.equal(await summaryOpen(again), true, 'opened again, as the reader left it');
  // Closed from the keyboard: remembered too.
  await inPanel(again, (root) => root.querySelector('details.summary > summary').focus());
  await again.keyboard.press('Enter');
  await waitFor(async () => (await storedSettings())?.summary === 'closed', 'the choice to be saved');
  await again.close();
  const { page: third } = await openPanel('/long');
  assert.equal(await summaryOpen(third), false, 'closed on every article now');
  await browser.worker.evaluate(() => chrome.storage.sync.clear());
  await third.close();
});

test('reading times read in hours and minutes', async () => {
  const { page, text } = await openPanel('/book');
  assert.match(text, /\b96000 words · 6 h 43 min read\n/);
  assert.doesNotMatch(text, /\d{3} min read/);
  await page.close();
  const { text: seed } = await openPanel('/seed');
  assert.match(seed, /251 words · 1 min read/);
});

const SECTIONS = [
  'Where the water comes from',
  'Treatment, step by step',
  'The taste question',
  'The network under the streets',
  'Finding leaks by ear',
  'When things go wrong',
  'Looking twenty years ahead',
];

test('a long article gets its contents: a labelled navigation landmark that jumps to each section and marks the one being read', async () => {
  const { page } = await openPanel('/long', { viewport: { width: 1280, height: 900 } });
  const nav = await inPanel(page, (root) => {
    const node = root.querySelector('nav');
    return { label: root.getElementById(node.getAttribute('aria-labelledby'))?.textContent, links: [...node.querySelectorAll('a[href]')].map((a) => a.textContent) };
  });
  assert.deepEqual(nav, { label: 'Contents', links: SECTIONS });
  const current = () => inPanel(page, (root) => root.querySelector('nav a[aria-current]')?.textContent ?? null);
  assert.equal(await current(), null, 'no section begun at the top');
  // A jump: the heading comes to the top of the panel, below the toolbar, and is marked.
  await clickInPanel(page, 'nav a[href="#pith-section-4"]');
  const landed = await waitFor(
    () =>
      inPanel(page, (root) => {
        const heading = root.getElementById('pith-section-4');
        const top = heading.getBoundingClientRect().top;
        const toolbar = root.querySelector('.toolbar').getBoundingClientRect().bottom;
        return top >= toolbar - 1 && top < 200 && { text: heading.textContent, focused: root.activeElement === heading };
      }),
    'the jump',
  );
  assert.deepEqual(landed, { text: 'The network under the streets', focused: true });
  assert.equal(await waitFor(current, 'the current section'), 'The network under the streets');
  // The jump puts the heading at the top again two frames later (contents.js): the reader's
  // own scroll comes after that, as a reader's would (on a loaded machine, a scroll made
  // before those frames was undone by them and the mark stayed).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));
  // Scrolling by hand moves the mark.
  await inPanel(page, (root) => root.getElementById('pith-section-2').scrollIntoView({ block: 'start' }));
  await waitFor(async () => (await current()) === 'Treatment, step by step', 'the mark to follow the scroll');
  // Beside the column on a wide window, in the flow above the article on a narrow one.
  assert.equal(await inPanel(page, (root) => getComputedStyle(root.querySelector('nav')).position), 'fixed');
  await page.setViewportSize({ width: 760, height: 900 });
  await waitFor(async () => (await inPanel(page, (root) => getComputedStyle(root.querySelector('nav')).position)) === 'static', 'the contents to join the flow');
  // There, folded (the article comes first), and unfolded by a click.
  assert.equal(await inPanel(page, (root) => root.querySelector('nav details').open), false);
  await clickInPanel(page, 'nav summary');
  assert.equal(await inPanel(page, (root) => root.querySelector('nav a[href="#pith-section-1"]').checkVisibility()), true);
  await page.close();
});

test('a contents entry with a word longer than the contents are wide breaks it, rather than cut it off', async () => {
  // Wide enough for the contents beside the column in both browsers (their fonts differ).
  const { page } = await openPanel('/long-words', { viewport: { width: 1280, height: 900 } });
  const entry = await inPanel(page, (root) => {
    const nav = root.querySelector('nav');
    const link = [...nav.querySelectorAll('a')].find((a) => a.textContent.startsWith('Trinkwasser'));
    // The word on one line is wider than the entry: without the break it would be cut.
    const probe = Object.assign(link.cloneNode(true), { style: 'position: absolute; white-space: nowrap; visibility: hidden' });
    nav.append(probe);
    const longer = probe.getBoundingClientRect().width > link.clientWidth;
    probe.remove();
    return { position: getComputedStyle(nav).position, longer, fits: link.scrollWidth <= link.clientWidth && nav.scrollWidth <= nav.clientWidth };
  });
  assert.deepEqual(entry, { position: 'fixed', longer: true, fits: true });
  await page.close();
});

test('a short article has no contents', async () => {
  const { page } = await openPanel('/seed');
  assert.equal(await inPanel(page, (root) => root.querySelectorAll('nav').length), 0);
  await page.close();
});
