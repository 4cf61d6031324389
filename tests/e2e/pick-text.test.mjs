// "Pick the text" (issue 19): when Pith chose wrong, the reader picks the article on the
// page, by pointer or keyboard; the engine cleans that block; the choice is remembered for
// the site (a selector in the settings) and forgotten on request. A page cannot pick for
// the reader, and its layout does not move.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { clickInPanel, inPanel, inShadow, launch, serve, waitFor, test } from './harness.mjs';

/**
 * A magazine page: its story is a column of short paragraphs (a recipe's steps) beside a
 * "Most read" column of long teasers, the kind of page where a reader view takes the wrong
 * column or none. `story` holds the paragraphs; every page of the site has the same layout.
 */
function magazine(title, story) {
  const teasers = Array.from(
    { length: 6 },
    (_, i) => `<li><a href="/t${i}">Teaser ${i + 1}: the long story of a market town whose bakers, millers and grocers kept their trade through a hard winter, told in their own words</a><p>More than a thousand words from the archive about the winter, its floods and the bakers who stayed open.</p></li>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | The Kitchen Table</title>
<meta name="author" content="Ines Duarte"><meta property="og:site_name" content="The Kitchen Table">
<style>body{margin:0;font:17px/1.5 Georgia,serif} header{padding:12px 24px;background:#222;color:#fff} header a{color:#fff;margin-right:12px}
.layout{display:grid;grid-template-columns:2fr 1fr;gap:32px;padding:24px} .most-read{font-size:15px} h1{margin-top:0}</style></head>
<body><header><a href="/">Home</a><a href="/recipes">Recipes</a><a href="/travel">Travel</a></header>
<div class="layout"><main id="content"><h1>${title}</h1><div class="story-body">${story.map((p) => `<p>${p}</p>`).join('')}</div></main>
<aside class="most-read"><h2>Most read</h2><ul>${teasers}</ul></aside></div>
<footer>© The Kitchen Table</footer></body></html>`;
}

const RYE = magazine('Rye bread at home', [
  'Feed the starter the evening before, with equal weights of rye flour and warm water, and leave it covered.',
  'In the morning mix the starter with the rest of the flour, the salt and the water into a sticky paste.',
  'Scrape it into a greased tin, smooth the top with a wet spatula and let it rise until it cracks.',
  'Bake for an hour in a hot oven, then let the loaf rest a full day before you slice it thinly.',
]);
const SOUP = magazine('A winter soup', [
  'Soften two onions in butter over a low heat until they are sweet and golden, about twenty minutes.',
  'Add the diced squash, a bay leaf and enough stock to cover, and simmer until the squash is soft.',
  'Blend until smooth, season with salt, pepper and a little nutmeg, and serve with toasted seeds.',
]);

let server;
let browser;

before(async () => {
  server = await serve({ '/rye': RYE, '/soup': SOUP });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `fn(root)` in the picker's closed shadow root, or null when none is open. */
const inPicker = (page, fn) => inShadow(page, 'pith-picker', fn);

const storedPicks = () => browser.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings?.pickedText ?? {});
const panelShown = (page) => inPanel(page, (root) => root.host.style.display !== 'none' && root.querySelector('article')?.innerText);
const pickLine = (page) => inPanel(page, (root) => root.querySelector('.pick')?.textContent);

async function open(url) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url);
  await browser.clickAction(page);
  await waitFor(() => panelShown(page), 'the panel');
  return page;
}

test('the reader picks the article with the pointer; it is cleaned, remembered for the site, used on its next page, and forgotten', async () => {
  const page = await open(server.url('/rye'));
  assert.match(await pickLine(page), /Wrong text\?/);
  // What the page can see of its own layout, and every click it hears.
  const layout = () => page.evaluate(() => ({ story: document.querySelector('.story-body').getBoundingClientRect().toJSON(), height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth }));
  await clickInPanel(page, '[data-action=pickText]');
  await waitFor(() => inPicker(page, (root) => root.querySelector('.bar')), 'the picker');
  await page.evaluate(() => {
    window.heardClicks = 0;
    document.addEventListener('click', () => window.heardClicks++, true);
  });
  assert.equal(await inPanel(page, (root) => root.host.style.display), 'none', 'the panel steps aside');
  const before = await layout();

  // The pointer over a step: the whole story column is outlined (the nearest block with text enough).
  const step = await page.evaluate(() => document.querySelector('.story-body p:nth-child(2)').getBoundingClientRect().toJSON());
  await page.mouse.move(step.x + 20, step.y + step.height / 2);
  const box = await waitFor(async () => {
    const rect = await inPicker(page, (root) => root.querySelector('.box').getBoundingClientRect().toJSON());
    return rect?.height > 100 && rect;
  }, 'the outline');
  const story = await page.evaluate(() => document.querySelector('.story-body').getBoundingClientRect().toJSON());
  for (const side of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(box[side] - story[side]) <= 6, `the outline is the story column (${side}: ${box[side]} vs ${story[side]})`);
  assert.match(await inPicker(page, (root) => root.querySelector('.current').textContent), /^div\.story-body, 4 paragraphs, \d+ words$/);
  assert.deepEqual(await layout(), before, 'the page’s layout did not move');
  await page.screenshot({ path: '/tmp/pick-text-picking.png' });

  // The page cannot choose for the reader: synthetic clicks and keys do nothing.
  await page.evaluate(() => {
    document.querySelector('.most-read').click();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
  assert.ok(await inPicker(page, (root) => root.querySelector('.bar')), 'still picking after the page’s synthetic events');

  await page.mouse.click(step.x + 20, step.y + step.height / 2);
  const text = await waitFor(() => panelShown(page), 'the picked article');
  assert.equal(await page.evaluate(() => window.heardClicks), 1, 'the page heard only its own synthetic click, not the reader’s');
  assert.equal(await inPicker(page, () => true), null, 'the picker is gone');
  assert.match(text, /Feed the starter[\s\S]*rest a full day before you slice it thinly\./);
  assert.doesNotMatch(text, /Teaser|Most read|Recipes/, 'nothing from outside the picked block');
  const header = await inPanel(page, (root) => root.querySelector('header').innerText);
  assert.match(header, /^Rye bread at home\n+Ines Duarte · The Kitchen Table\n+\d+ words · 1 min read/, 'metadata from the page’s head, counts of the block');
  assert.match(await pickLine(page), /You picked this text on this site\./);
  const picks = await waitFor(async () => Object.keys(await storedPicks()).length && storedPicks(), 'the choice saved');
  assert.deepEqual(picks, { '127.0.0.1': 'div.story-body' }, 'a selector by a stable class (unique on the page), for this host');
  await page.screenshot({ path: '/tmp/pick-text-chosen.png' });
  await page.close();

  // The next page of the site: its own story, by the remembered selector.
  const soup = await open(server.url('/soup'));
  assert.match(await panelShown(soup), /^Soften two onions[\s\S]*toasted seeds\.$/);
  assert.match(await pickLine(soup), /You picked this text on this site\./);
  await soup.close();
  // Another host (the same server as "localhost") is another site: not applied there.
  const elsewhere = await open(server.url('/soup').replace('127.0.0.1', 'localhost'));
  assert.match(await pickLine(elsewhere), /Wrong text\?/);
  await elsewhere.close();

  // Forget it, from the panel: the choice goes, and the panel shows what Pith finds itself.
  const again = await open(server.url('/rye'));
  await clickInPanel(again, '[data-action=forgetPick]');
  await waitFor(async () => /Wrong text\?/.test(await pickLine(again)), 'the panel without the choice');
  assert.deepEqual(await storedPicks(), {});
  await again.close();
});

test('the keyboard picks too: arrows move between blocks, each announced; Escape leaves; Enter chooses', async () => {
  const page = await open(server.url('/soup'));
  await clickInPanel(page, '[data-action=pickText]');
  const announced = () => inPicker(page, (root) => root.querySelector('[role=status]').textContent);
  // It starts on the page's main content, announced for screen readers.
  await waitFor(async () => /^main#content, 3 paragraphs, \d+ words$/.test(await announced()), 'the first block announced');
  assert.equal(await inPicker(page, (root) => root.activeElement?.getAttribute('aria-label')), 'Pick the text', 'focus in the picker');
  await page.keyboard.press('ArrowDown');
  assert.match(await announced(), /^h1, 0 paragraphs, 3 words$/);
  await page.keyboard.press('ArrowRight');
  assert.match(await announced(), /^div\.story-body, 3 paragraphs/);
  await page.keyboard.press('ArrowRight');
  assert.match(await announced(), /^div\.story-body, 3 paragraphs.* \(no block further that way\)$/);
  await page.keyboard.press('ArrowUp');
  assert.match(await announced(), /^main#content/);
  // Escape: back to the panel as it was, focused.
  await page.keyboard.press('Escape');
  assert.equal(await inPicker(page, () => true), null);
  assert.ok(await panelShown(page));
  assert.equal(await inPanel(page, (root) => root.activeElement?.className), 'sheet');
  // Again, and Enter: the heading and the steps.
  await clickInPanel(page, '[data-action=pickText]');
  await waitFor(async () => /^main#content/.test(await announced()), 'the picker again');
  await page.keyboard.press('Enter');
  const text = await waitFor(() => panelShown(page), 'the picked article');
  assert.match(text, /^Soften two onions[\s\S]*toasted seeds\.$/, 'the title is shown once, as the header');
  // Saved once the article is shown (the worker's write may land a moment later).
  const picks = await waitFor(async () => Object.keys(await storedPicks()).length && storedPicks(), 'the choice saved');
  assert.deepEqual(picks, { '127.0.0.1': '#content' });
  await browser.worker.evaluate(async () => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...settings, pickedText: {} } });
  });
  await page.close();
});

test('the options page lists the text picked per site and forgets one', async () => {
  await browser.worker.evaluate(async () => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...settings, pickedText: { 'news.example': 'article.story', '127.0.0.1': '#content' } } });
  });
  const options = await browser.context.newPage();
  await options.goto(`${browser.origin}/extension/options/options.html`);
  await waitFor(() => options.locator('#picked li').count(), 'the list');
  assert.deepEqual(await options.locator('#picked li').allInnerTexts(), ['127.0.0.1 #content Forget', 'news.example article.story Forget'], 'by host');
  await options.getByRole('button', { name: 'Forget the text picked on news.example' }).click();
  await waitFor(async () => (await options.locator('#picked li').count()) === 1, 'one left');
  assert.deepEqual(await storedPicks(), { '127.0.0.1': '#content' });
  assert.match(await options.locator('#status').innerText(), /forgot the text you picked on news\.example/);
  // The focus does not fall to the top of the page: it moves to the Forget button now in
  // that place; when the last one goes, to the section's heading.
  const focused = () => options.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.id);
  await waitFor(async () => (await focused()) === 'Forget the text picked on 127.0.0.1', 'the focus on the next Forget button');
  await options.keyboard.press('Enter');
  await waitFor(async () => (await options.locator('#picked li').count()) === 0, 'none left');
  await waitFor(async () => (await focused()) === 'picked-title', 'the focus on the heading');
  assert.ok(await options.locator('#no-picked').isVisible(), '"None." is shown');
  assert.deepEqual(await storedPicks(), {});
  await options.close();
});
