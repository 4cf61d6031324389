// Copy carries its source (issue 19): what a reader pasting the article into notes checks
// first: the title, who wrote it, where and when it appeared, and the address to go back
// to; in all three formats, on by default, and off from the options page.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER, ROOT, chooseInPanel, clickInPanel, clipboardOf, fixture, inPanel, launch, openPanelAt, serve, test, waitFor } from './harness.mjs';

const SEED = fixture('seed-news-page');
const TITLE = 'Blinken warns Israel against Rafah ground offensive';
// A page whose only byline is the site's name (BBC News, heise's "Mac & i" do this).
const SITE_BYLINE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour wall repaired before the winter storms</title>
<meta name="author" content="Harbour Post"><meta property="og:site_name" content="Harbour Post">
<meta property="article:published_time" content="2024-10-02T08:00:00Z"></head>
<body><article><h1>Harbour wall repaired before the winter storms</h1>
<p>Workers finished repairing the harbour wall on Tuesday, a week before the first of the winter storms is expected to reach the coast and test the new stones.</p>
<p>The wall was breached last January, when waves flooded the fish market and the lifeboat station. The repair took eight months and used granite from the old quarry above the town.</p>
<p>Fishermen said they were relieved. Several had moved their boats to the next harbour along the coast while the work went on, which added an hour to every trip out to sea.</p>
</article></body></html>`;
let server;
let browser;

before(async () => {
  server = await serve({ '/seed': SEED, '/site-byline': SITE_BYLINE });
  browser = await launch();
  if (BROWSER === 'chromium') await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
});

after(async () => {
  await browser?.worker.evaluate(() => chrome.storage.sync.clear());
  await browser?.close();
  await server?.close();
});

/** The CLI's Markdown for the seed page read at `url`: what `pith --format markdown` prints. */
function cliMarkdown(url) {
  const dir = mkdtempSync(join(tmpdir(), 'pith-copy-'));
  try {
    writeFileSync(join(dir, 'seed.html'), SEED);
    return execFileSync(join(ROOT, 'target', 'release', 'pith'), ['--url', url, '--format', 'markdown', join(dir, 'seed.html')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies the open panel's article as `format`; resolves to the clipboard once it changed. */
async function copyAs(page, format) {
  await page.evaluate(() => navigator.clipboard.writeText('before')).catch(() => {});
  await chooseInPanel(page, 'copyFormat', format);
  await clickInPanel(page, 'button[data-action=copy]');
  return waitFor(async () => {
    const copied = await clipboardOf(browser, page);
    return copied.text && copied.text !== 'before' && (format !== 'html' || copied.html) && copied;
  }, `the ${format} copy`);
}

test('a copy carries its source in text, Markdown and rich text, by default', async () => {
  // A shared link: the copy names the page's address without tracking parameters or fragment.
  const { page } = await openPanelAt(browser, `${server.url('/seed')}?utm_source=mail&fbclid=x#comments`);
  const address = server.url('/seed');

  const { text } = await copyAs(page, 'text');
  const [header, body] = [text.slice(0, text.indexOf('\n\n')), text.slice(text.indexOf('\n\n') + 2)];
  assert.deepEqual(header.split('\n'), [TITLE, 'Staff reporter · World News Today · 2024-03-23', address], 'title, byline · site · date, address');
  assert.match(body, /^Officials in Washington/, 'then the article');

  const markdown = (await copyAs(page, 'markdown')).text;
  const frontMatter = [
    '---',
    `title: "${TITLE}"`,
    'author: "Staff reporter"',
    'site: "World News Today"',
    'published: "2024-03-23"',
    `source: "${address}"`,
    '---',
    '',
    '',
  ].join('\n');
  assert.ok(markdown.startsWith(frontMatter), markdown.slice(0, 300));
  // After it, the article exactly as the command line renders the same page.
  assert.equal(markdown.slice(frontMatter.length).trimEnd(), cliMarkdown(address).trimEnd(), 'the Markdown of `pith --format markdown`');

  const rich = await copyAs(page, 'html');
  assert.ok(
    rich.html.includes(`<h1>${TITLE}</h1>\n<p class="source">Staff reporter · <cite>World News Today</cite> · <time datetime="2024-03-23">2024-03-23</time> · <a href="${address}">${address}</a></p>\n<p>Officials in Washington`),
    rich.html.slice(0, 400),
  );
  assert.ok(rich.text.startsWith(`${TITLE}\nStaff reporter`), 'its plain-text form carries the source too');
  await page.close();
});

test('a byline that only names the site is shown once, in the panel and in the copy', async () => {
  const { page } = await openPanelAt(browser, server.url('/site-byline'));
  assert.equal(await inPanel(page, (root) => root.querySelector('.meta').textContent), 'Harbour Post · October 2, 2024');
  const { text } = await copyAs(page, 'text');
  assert.deepEqual(text.split('\n').slice(0, 3), ['Harbour wall repaired before the winter storms', 'Harbour Post · 2024-10-02', server.url('/site-byline')]);
  await page.close();
});

test('the options page turns the source off: the title and the article, the CLI’s Markdown as it is', async () => {
  const options = await browser.context.newPage();
  await options.goto(`${browser.origin}/extension/options/options.html`);
  await waitFor(() => options.evaluate(() => document.getElementById('copy-source').checked), 'the setting, on by default');
  await options.uncheck('#copy-source');
  await waitFor(async () => (await options.locator('#status').innerText()).includes('title and the article only'), 'the change saved');
  await options.close();

  const { page } = await openPanelAt(browser, server.url('/seed'));
  const { text } = await copyAs(page, 'text');
  assert.ok(text.startsWith(`${TITLE}\n\nOfficials in Washington`), text.slice(0, 200));
  const markdown = (await copyAs(page, 'markdown')).text;
  assert.equal(markdown.trimEnd(), cliMarkdown(server.url('/seed')).trimEnd());
  const rich = await copyAs(page, 'html');
  assert.doesNotMatch(rich.html, /class="source"|<cite>/);
  // The panel's own switch (beside the copy format) shows the same setting, and turns it back on.
  await clickInPanel(page, 'button[data-action=copy-format]');
  assert.equal(await inPanel(page, (root) => root.querySelector('input[data-setting=copySource]').checked), false);
  await clickInPanel(page, 'input[data-setting=copySource]');
  await waitFor(async () => (await browser.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings?.copySource)) === true, 'the source back on');
  await page.close();
});
