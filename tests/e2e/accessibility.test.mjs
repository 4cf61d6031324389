// axe-core on the reading panel (issue 19): no violations, in every theme, with the
// toolbar's popovers open, on a short article and on a long one with its contents.
//
// axe runs in the page, as its docs intend: the panel's shadow root is open (issue 19,
// for translators), so it walks in as the page's scripts can. (It does not enter the
// history frame: another origin's document, in a closed root of its own.)
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BROWSER, ROOT, chooseInPanel, clickInPanel, fixture, launch, page as pageFile, panelText, serve, waitFor, test } from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

let server;
let browser;

before(async () => {
  server = await serve({ '/seed': fixture('seed-news-page'), '/long': pageFile('long.html') });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** axe's violations in the panel (its host element and shadow tree), as "rule: target" lines. */
async function violations(page) {
  const found = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document.querySelector('pith-reader'), { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1] ?? ''}`));
  });
  return found;
}

for (const path of ['/seed', '/long']) {
  // Chromium only: the Firefox driver here cannot add a script to the page.
  test(`axe finds no violations in the panel (${path}), in every theme and with each popover open`, { skip: BROWSER === 'firefox' && 'no addScriptTag in the Firefox driver' }, async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url(path));
    await browser.clickAction(page);
    await waitFor(() => panelText(page), 'the panel');
    await page.addScriptTag({ path: AXE });
    for (const theme of ['light', 'sepia', 'dark']) {
      await chooseInPanel(page, 'theme', theme);
      assert.deepEqual(await violations(page), [], `${theme} theme`);
    }
    for (const popover of ['text', 'copy-format', 'listen', 'menu']) {
      await clickInPanel(page, `button[data-action=${popover}]`);
      assert.deepEqual(await violations(page), [], `the ${popover} popover open`);
      await page.keyboard.press('Escape');
    }
    await browser.worker.evaluate(() => chrome.storage.sync.clear());
    await page.close();
  });
}
