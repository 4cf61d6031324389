// What a user does first: click the toolbar button on an article, read, close.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, inPanel, launch, panelText, serve, waitFor } from './harness.mjs';

const SEED = fixture('seed-news-page.html');
let server;
let browser;

before(async () => {
  server = await serve({
    '/seed': SEED,
    // A page whose CSP forbids WebAssembly (and inline script) in its context.
    '/strict': { body: SEED, headers: { 'content-security-policy': "script-src 'self'; style-src 'self'" } },
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
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await browser.clickAction(page);
  const text = await waitFor(() => panelText(page), 'the panel to show the article');
  return { page, before, text };
}

const engineUsed = (page) => inPanel(page, (root) => root.querySelector('[role=dialog]').dataset.engine);

// Without a CSP the engine runs in the content script; under `script-src 'self'` the
// page forbids wasm there and the service worker runs it. Same article either way.
const panelTexts = {};
for (const [path, engine] of [['/seed', 'content'], ['/strict', 'worker']]) {
  test(`click shows the clean, de-duplicated seed article (${path}, engine in the ${engine})`, async () => {
    const { page, before, text } = await openPanel(path);
    assert.equal(await engineUsed(page), engine);
    panelTexts[path] = text;
    assert.match(text, /Blinken warns Israel against Rafah ground offensive/);
    assert.match(text, /251 words · 1 min read · 5 duplicated paragraphs removed/);
    assert.equal(text.split('Blinken met for talks').length - 1, 1, 'the repeated paragraph appears once');
    assert.doesNotMatch(text, /Related stories|Subscribe|cookies/);

    await page.keyboard.press('Escape');
    await waitFor(async () => (await page.locator('pith-reader').count()) === 0, 'the panel to close');
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page is as it was');
    await page.close();
  });
}

test('both engine placements give the same panel', () => {
  assert.ok(panelTexts['/seed'] && panelTexts['/seed'] === panelTexts['/strict']);
});

test('a second click closes the panel', async () => {
  const { page } = await openPanel('/seed');
  await browser.clickAction(page);
  await waitFor(async () => (await page.locator('pith-reader').count()) === 0, 'the panel to close');
  await page.close();
});

test('nothing leaves the machine', () => {
  assert.deepEqual(browser.offsiteRequests, []);
});
