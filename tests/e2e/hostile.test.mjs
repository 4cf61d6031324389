// Hostile pages in Chromium: every vector of tests/fixtures/hostile/vectors.txt is planted
// in an article page; the reading panel must show the article and run none of them.
//
// The page is hostile to itself: its own vectors may fire while it loads (that is the
// page's business, not Pith's). So the test lets the page settle, then "arms" the
// recorder (window.__pith_hits, reset to []), opens the panel, moves the mouse over
// it, and asserts that no vector fired, nothing navigated, and the panel's DOM holds
// only allow-listed markup.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, inPanel, launch, panelText, serve, waitFor, test } from './harness.mjs';

const TITLE = /Harbour town votes to restore its old lighthouse/;
const SETTLE_MS = 500; // lets the page's own late handlers (image errors, autofocus) fire before arming

/** The corpus, parsed as tests/hostile.rs does. */
function vectors() {
  const out = [];
  for (const line of readFileSync(join(FIXTURES, 'hostile', 'vectors.txt'), 'utf8').split('\n')) {
    const header = line.match(/^== (\S+) ?(.*)$/);
    if (header) out.push({ id: header[1], flags: header[2], html: '' });
    else if (out.length && !line.startsWith('#')) out[out.length - 1].html += line + '\n';
  }
  return out.map((v) => ({
    ...v,
    html: v.html
      .trim()
      .replaceAll('{JS}', `top.__pith_hit('${v.id}')`)
      .replaceAll('{NAV}', `/nav/${v.id}`)
      .replaceAll('{ID}', v.id),
  }));
}

const ALL = vectors();
const ARTICLE = readFileSync(join(FIXTURES, 'hostile', 'article.html'), 'utf8');
const plant = (html) => ARTICLE.replace('{{VECTOR}}', html);
const has = (flag) => (v) => v.flags.includes(`[${flag}]`);
const not = (flag) => (v) => !has(flag)(v);
// Meta refresh to the server would take the page away before the panel opens; clobbering
// of the content scripts' own globals is tested on its own (see the last test).
const inPage = ALL.filter(not('solo')).filter(not('navigates')).filter(not('self'));
const solo = ALL.filter(has('solo'));
const clobber = ALL.filter(has('clobber')).filter(not('self'));
const clobberSelf = ALL.filter(has('self'));

let server;
let browser;
let armed = false;
const navigations = []; // /nav/ID requests made after arming

before(async () => {
  const routes = {
    '/all': plant(inPage.map((v) => `<div>${v.html}</div>`).join('\n')),
    '/clobber': plant(clobber.map((v) => v.html).join('\n')),
    '/clobber-self': plant(clobberSelf.map((v) => v.html).join('\n')),
    ...Object.fromEntries(solo.map((v) => [`/solo/${v.id}`, plant(v.html)])),
  };
  // A proxy so that every /nav/ID request is recorded (and answered).
  const recording = new Proxy(routes, {
    get(target, path) {
      if (typeof path === 'string' && path.startsWith('/nav/')) {
        if (armed) navigations.push(path);
        return 'navigated';
      }
      return target[path];
    },
  });
  server = await serve(recording);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What in the panel's DOM is not allow-listed markup (empty = safe). */
function panelProblems(page) {
  return inPanel(page, (root) => {
    const tags = new Set(
      'h1 h2 h3 h4 h5 h6 p pre blockquote ul ol li dl dt dd figure figcaption table caption thead tbody tfoot tr th td hr a em strong b i u s del ins mark small sub sup code kbd samp var q cite abbr time br img'.split(
        ' ',
      ),
    );
    const attrs = new Set('href src alt title lang dir datetime colspan rowspan start width height rel target'.split(' '));
    const found = [];
    const article = root.querySelector('article');
    if (!article) return ['no article in the panel'];
    for (const el of article.querySelectorAll('*')) {
      const tag = el.localName;
      if (!tags.has(tag) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`tag ${tag}`);
      for (const { name, value } of el.attributes) {
        if (!attrs.has(name)) found.push(`attribute ${name} on ${tag}`);
        if (name === 'href' && !/^(https?|mailto):/i.test(value)) found.push(`href ${value}`);
        if (name === 'src' && !/^https?:/i.test(value)) found.push(`src ${value}`);
      }
    }
    return found;
  });
}

/** Opens `path`, arms the recorder, opens the panel and checks that nothing ran. */
async function openAndCheck(path) {
  const page = await browser.context.newPage();
  const consoleHits = [];
  page.on('console', (message) => {
    if (armed && message.text().startsWith('PITH-HIT')) consoleHits.push(message.text());
  });
  await page.goto(server.url(path));
  await page.waitForTimeout(SETTLE_MS);
  // The vectors are live: many fired in the page itself while it loaded, which shows
  // the recorder works (the panel test below is not vacuous).
  const fired = await page.evaluate(() => {
    const hits = window.__pith_hits;
    window.__pith_hits = [];
    return hits;
  });
  armed = true;
  try {
    await browser.clickAction(page);
    const text = await waitFor(() => panelText(page), `the panel on ${path}`);
    assert.match(text, TITLE, `the panel shows the article on ${path}`);
    // Hover and focus handlers would fire now, if any had got through.
    for (const [x, y] of [
      [200, 200],
      [400, 300],
      [600, 500],
      [300, 700],
    ]) {
      await page.mouse.move(x, y);
    }
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    assert.deepEqual(await panelProblems(page), [], `panel markup on ${path}`);
    assert.deepEqual(await page.evaluate(() => window.__pith_hits ?? ['the recorder is gone']), [], `hits on ${path}`);
    assert.deepEqual(consoleHits, [], `console markers on ${path}`);
    assert.deepEqual(navigations, [], `navigations from ${path}`);
    assert.equal(page.url(), server.url(path), 'the page did not navigate');
  } finally {
    armed = false;
  }
  return { page, fired };
}

test(`${inPage.length} vectors in one article page: none runs from the panel`, async (t) => {
  const { page, fired } = await openAndCheck('/all');
  t.diagnostic(`${new Set(fired).size} vectors fired in the page itself before the panel opened`);
  assert.ok(fired.length > 10, 'the page\'s own copies of the vectors ran (the recorder works)');
  await page.close();
});

test(`${solo.length} raw-text breakout vectors, each in its own page`, async () => {
  for (const v of solo) {
    const { page } = await openAndCheck(`/solo/${v.id}`);
    await page.close();
  }
});

/** Clobbering test: the panel opens, a second click closes it, a third reopens it. */
async function toggles(path) {
  const { page } = await openAndCheck(path);
  // The page may hold <pith-reader> elements of its own (D011): count only the panel.
  const fakes = await page.evaluate(() => document.querySelectorAll('pith-reader').length - 1);
  await browser.clickAction(page);
  await waitFor(async () => (await page.locator('pith-reader').count()) === fakes, 'the panel to close');
  await browser.clickAction(page);
  assert.match(await waitFor(() => panelText(page), 'the panel to reopen'), TITLE);
  await page.close();
}

test(`DOM clobbering (${clobber.length} vectors: id="chrome", name="document", name="createElement"...) cannot break the content script`, () =>
  toggles('/clobber'));

// An element with id="__pithPanel" or id="__pith" is a named property of window that the
// isolated world sees too: the content scripts test Object.hasOwn(globalThis, …), which no
// element can fake.
test(`clobbering the content scripts' own globals (${clobberSelf.map((v) => v.id).join(', ')})`, () =>
  toggles('/clobber-self'));
