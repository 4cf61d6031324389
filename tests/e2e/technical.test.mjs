// Technical articles in the panel (issue 17): code, formulas, footnotes and wide tables as
// a reader sees and copies them. Pages from tests/pages/ (each with the items.json that
// says what it holds). TECH_SCREENSHOTS=dir keeps the pictures (light and dark) there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, chooseInPanel, clickInPanel, inPanel, launch, panelText, serve, waitFor } from './harness.mjs';

const PAGES = { code: 'code-prism', math: 'math-katex', footnotes: 'footnotes-kramdown', tables: 'tables' };
const read = (slug, file) => readFileSync(join(ROOT, 'tests', 'pages', slug, file), 'utf8');
const items = (slug) => JSON.parse(read(slug, 'items.json'));

let server;
let browser;

before(async () => {
  server = await serve(Object.fromEntries(Object.values(PAGES).map((slug) => [`/${slug}`, read(slug, 'source.html')])));
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(slug, { width = 1000, height = 760 } = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(server.url(`/${slug}`));
  await browser.clickAction(page);
  await waitFor(() => panelText(page), `the panel on ${slug}`);
  return page;
}

/** Copies the article as `format` and returns what the clipboard holds. */
async function copyAs(page, format, marker) {
  await chooseInPanel(page, 'copyFormat', format);
  await clickInPanel(page, 'button[data-action=copy]');
  return waitFor(async () => {
    const got = await page
      .evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        const text = async (type) => (item.types.includes(type) ? (await item.getType(type)).text() : '');
        return { text: await text('text/plain'), html: await text('text/html') };
      })
      .catch(() => null);
    return got && (format === 'html' ? got.html : got.text).includes(marker) && got;
  }, `${format} on the clipboard`);
}

test('code: the exact text in <pre><code class="language-x">, no line numbers or copy button; copied as fences', async () => {
  const page = await open(PAGES.code);
  const [js, ts] = items(PAGES.code).code;
  const blocks = await inPanel(page, (root) =>
    [...root.querySelectorAll('article pre > code')].map((code) => ({ lang: code.className, text: code.textContent })),
  );
  assert.deepEqual(blocks, [
    { lang: `language-${js.lang}`, text: js.text },
    { lang: `language-${ts.lang}`, text: ts.text },
  ]);
  const article = await inPanel(page, (root) => root.querySelector('article').innerText);
  assert.doesNotMatch(article, /\bCopy\b|^1const/m);
  assert.ok((await copyAs(page, 'markdown', '```')).text.includes(`\`\`\`${js.lang}\n${js.text}\n\`\`\``));
  assert.ok((await copyAs(page, 'text', 'const cache')).text.includes(js.text), 'plain text keeps the code exactly');
  assert.match((await copyAs(page, 'html', '<pre>')).html, /<pre><code class="language-javascript">const cache = new Map\(\);/);
  await page.close();
});

test('math: MathML drawn by the browser, TeX in the Markdown and the text', async () => {
  const page = await open(PAGES.math);
  const formulas = await inPanel(page, (root) =>
    [...root.querySelectorAll('article math')].map((math) => ({
      mathml: math.namespaceURI === 'http://www.w3.org/1998/Math/MathML',
      display: math.getAttribute('display') === 'block',
      tex: math.querySelector('annotation')?.textContent,
      drawn: math.getBoundingClientRect().width > 10,
    })),
  );
  const tex = items(PAGES.math).math;
  assert.deepEqual(
    formulas.map((f) => f.tex),
    tex,
  );
  assert.ok(formulas.every((f) => f.mathml && f.drawn), JSON.stringify(formulas));
  assert.deepEqual(
    formulas.map((f) => f.display),
    [false, true, true, false],
  );
  const markdown = (await copyAs(page, 'markdown', '$')).text;
  assert.ok(markdown.includes(`$${tex[0]}$`) && markdown.includes(`$$\n${tex[1]}\n$$`), markdown);
  assert.ok((await copyAs(page, 'text', '$')).text.includes(`$${tex[0]}$`));
  assert.match((await copyAs(page, 'html', '<math')).html, /<math display="block"><semantics>/);
  await page.close();
});

test('footnotes: superscript links to the notes gathered at the end, once; [^n] in Markdown', async () => {
  const page = await open(PAGES.footnotes);
  const notes = items(PAGES.footnotes).footnotes;
  const shown = await inPanel(page, (root) => ({
    refs: [...root.querySelectorAll('article sup.footnote-ref > a')].map((a) => [a.textContent, a.getAttribute('href')]),
    notes: [...root.querySelectorAll('article ol.footnotes > li')].map((li) => li.textContent.trim()),
    backLinks: root.querySelector('article').textContent.includes('↩'),
  }));
  assert.deepEqual(shown.refs, [
    ['1', '#pith-fn-1'],
    ['2', '#pith-fn-2'],
    ['3', '#pith-fn-3'],
  ]);
  assert.deepEqual(shown.notes, notes);
  assert.equal(shown.backLinks, false);
  // A click on a reference brings its note into view, inside the panel.
  await clickInPanel(page, 'article sup.footnote-ref > a[href="#pith-fn-3"]');
  const inView = await waitFor(
    () =>
      inPanel(page, (root) => {
        const { top, bottom } = root.getElementById('pith-fn-3').getBoundingClientRect();
        return top >= 0 && bottom <= innerHeight;
      }),
    'the note to scroll into view',
  );
  assert.ok(inView);
  assert.equal(new URL(page.url()).hash, '', 'the page itself did not navigate');
  const markdown = (await copyAs(page, 'markdown', '[^1]')).text;
  assert.match(markdown, /The main\[\^2\] benefits/);
  assert.ok(markdown.includes(`[^3]: ${notes[2]}`), markdown);
  await page.close();
});

test('a wide table scrolls inside the column, its header row kept', async () => {
  // At 420 px the nine columns' longest words alone are wider than the column.
  const page = await open(PAGES.tables, { width: 420 });
  const tables = await inPanel(page, (root) =>
    [...root.querySelectorAll('article table')].map((t) => ({
      header: [...t.querySelectorAll('tr:first-child > th')].map((th) => th.textContent),
      scrolls: t.scrollWidth > t.clientWidth + 20,
      fits: t.getBoundingClientRect().right <= root.querySelector('article').getBoundingClientRect().right + 1,
    })),
  );
  assert.equal(tables.length, 2, 'the layout table is unwrapped, the two data tables stay');
  assert.deepEqual(tables[0].header, ['Crop', '2022', '2023', 'Notes']);
  assert.ok(tables[1].scrolls && tables[1].fits, JSON.stringify(tables));
  await page.close();
});

test('screenshots of code, math and footnotes, light and dark', async () => {
  const dir = process.env.TECH_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'pith-tech-shots-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, slug] of Object.entries(PAGES)) {
    const page = await open(slug);
    // The part of the article that shows the feature.
    const selector = { code: 'article pre', math: 'article math[display=block]', footnotes: 'article ol.footnotes', tables: 'article table + p' }[name];
    await inPanel(page, (root, sel) => root.querySelector(sel)?.scrollIntoView({ block: 'center' }), selector);
    for (const theme of ['light', 'dark']) {
      await chooseInPanel(page, 'theme', theme);
      const path = join(dir, `${name}-${theme}.png`);
      await page.screenshot({ path });
      assert.ok(statSync(path).size > 10_000, `${path} holds a picture`);
    }
    await page.close();
  }
  await browser.worker.evaluate(() => chrome.storage.sync.clear());
  if (!process.env.TECH_SCREENSHOTS) rmSync(dir, { recursive: true, force: true });
});
