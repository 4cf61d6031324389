// Private means private (issue 15): every test here is an attack that must fail.
//
// The reader first reads three articles on a news site; their titles carry names found
// nowhere else (Quillmoor, Brackenfold, Tarrowby). Then a page on another origin, whose
// article is close to all three (so the panel's history frame lists them, which the first
// test checks: the attacks are not vacuous), tries every way a page has to read them, with
// a click and, on a site set to clean automatically, without one. Then: a page naming
// another site's address in its JSON-LD, a javascript: address, and a page probing the
// extension's files at their fixed addresses.
//
// The attacks themselves are in attacks.mjs, browser-neutral, for the Firefox suite too.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { MESSAGE } from '../../extension/shared/protocol-module.js';
import { BROWSER, ROOT, clickInPanel, clipboardOf, extensionCopy, historyFrame, historyRecords, historyText, inPanel, launch, panelText, readerScrolls, serve, test, waitFor } from './harness.mjs';
import { acceptDrops, findAndExtend, hostLayout, loadExtensionFiles, observed, panelBatches, patchPrototypes, probeApis, probeChannels, probeMemory, probeEnvironment, probeFrameHosts, probeFrames, probePoints, probeStorage, readOpenRoot, readDrops, readPatched, readTrapped, selectEverything, speakProtocol, trapHosts, untrustedEvents, watch, watchPanelRoot } from './attacks.mjs';

/** A plain news page: title, paragraphs, and anything extra in <head>. */
function article(title, paragraphs, head = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body><nav><a href="/">Home</a></nav><main><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main><footer>Local news</footer></body></html>`;
}

// The reader's history: three readings whose titles name places found nowhere else.
const CANCER = [
  'Quillmoor oncologist confirms a stage four cancer diagnosis',
  [
    'The oncologist at the regional hospital said the scans confirmed a stage four cancer diagnosis, and that treatment with chemotherapy would begin next week.',
    'Patients facing a late cancer diagnosis often ask about survival rates, palliative care and clinical trials, the hospital oncologist explained.',
    'The cancer charity offers counselling to families, help with hospital transport and advice on the cost of treatment.',
    'Doctors stressed that every diagnosis is different and that chemotherapy has improved a great deal in ten years.',
    'The patient said she wanted to speak openly about her cancer so that others would ask their doctor sooner about symptoms that do not go away.',
    'Her family has started a fund for the hospital\u2019s cancer ward, which will buy reclining chairs for the room where chemotherapy is given.',
  ],
];
const DEBT = [
  'Brackenfold family clears forty thousand in credit card debt',
  [
    'A family who owed forty thousand in credit card debt say a debt relief plan agreed with their bank let them clear it in six years.',
    'Debt advisers say people with credit card debt should ask their bank about a repayment plan before interest and late fees grow.',
    'The family cut their spending, sold a car and paid the most expensive card first, a method debt charities recommend.',
    'Free debt advice is available from charities, which can negotiate with the bank on a borrower\u2019s behalf.',
    'The couple said the hardest part of their debt was the letters from the bank, which they stopped opening until a friend sat down with them.',
    'They now keep a budget on the kitchen wall and have cut up every credit card but one, which they clear in full each month.',
  ],
];
const LIGHTHOUSE = [
  'Tarrowby harbour votes to restore its old lighthouse',
  [
    'The harbour town voted on Tuesday to restore its old lighthouse, which has stood dark on the headland since the lamp was switched off in 1987.',
    'Volunteers will repair the lantern room, repaint the tower and open a small museum about the keepers who lived there.',
    'The council said the lighthouse restoration would cost two hundred thousand, paid by a heritage grant and donations from the harbour community.',
    'Fishermen welcomed the plan, saying the lighthouse is the first thing they see when they come home across the bay.',
    'The last keeper\u2019s daughter, now ninety, said she remembered climbing the tower every evening with her father to light the lamp.',
    'Work on the lighthouse should start in the spring, and the restored light will shine again, for visitors rather than ships, by next summer.',
  ],
];
const READINGS = { '/cancer': CANCER, '/debt': DEBT, '/lighthouse': LIGHTHOUSE };
const TITLES = [CANCER[0], DEBT[0], LIGHTHOUSE[0]];
// What must never reach the attacker: the titles, and the names only they contain.
const SECRETS = [...TITLES, 'Quillmoor', 'Brackenfold', 'Tarrowby'];

// The attacker's article: close to all three readings, so that all three are listed.
const BAIT_PARAGRAPHS = [
  'The oncologist at the hospital said a late cancer diagnosis is hard for families, and that chemotherapy and palliative care have improved.',
  'A family with credit card debt agreed a debt relief plan with their bank, and debt charities offer free advice on repayment.',
  'The harbour town will restore its old lighthouse: volunteers will repair the lantern room and open a museum about the keepers.',
  'Cancer charities, debt advisers and lighthouse volunteers all said donations from the community made the difference.',
];
const BAIT = article('Hospital, harbour and bank: a week in the town', BAIT_PARAGRAPHS);
// A long article on the attacker's site (about 2,400 words): the reader stops in its middle,
// so that on the next visit its panel shows the resume line ("Continue reading where you
// stopped"), which the attacks must not read either.
const TOPICS = ['hospital', 'harbour', 'bank', 'lighthouse', 'ferry', 'council', 'charity', 'museum'];
const LONG_BAIT = article('Hospital, harbour and bank: the long read', Array.from({ length: 40 }, (_, n) =>
  Array.from({ length: 4 }, (_, s) => `Paragraph ${n + 1} follows the ${TOPICS[n % TOPICS.length]} story through week ${n + 1}, sentence ${s + 1} giving what the town said of it.`).join(' ')));
/** A long story (40 paragraphs of 4 sentences, `sentence(paragraph, n)`), for the resume line. */
const longStory = (title, sentence, head = '') => article(title, Array.from({ length: 40 }, (_, n) => Array.from({ length: 4 }, (_, s) => sentence(n + 1, s + 1)).join(' ')), head);
// What the resume line says, and must say to the reader only.
const RESUME_WORDS = ['Continue reading', 'where you stopped', '% in'];

// The bait with the clipboard API denied, and a copy listener of the page's, first on the window
// (capturing): it stops the event before Pith's listener and puts its own text on the clipboard.
const STEAL_COPY = `<script>addEventListener('copy', (event) => { event.stopImmediatePropagation(); event.preventDefault(); event.clipboardData.setData('text/plain', 'ATTACKER: pay here'); }, true);</script>`;
// …and one that lets Pith's listener run, then writes over it from the window's last listener.
const OVERWRITE_COPY = `<script>addEventListener('copy', (event) => { event.preventDefault(); event.clipboardData.setData('text/plain', 'ATTACKER: pay here'); });</script>`;

/**
 * The bait at a story's address on an auto-clean site, moving itself on to `next` once the
 * panel is painted (and a moment more, for the worker to record): a tracker stepping through
 * the site's stories in a tab the reader may not even be looking at. Before it moves it
 * sends the panel the reader's moves, synthesised (keys, the wheel, presses, touches).
 */
const movingBait = (next) =>
  BAIT.replace('</head>', `<script>
addEventListener('load', () => {
  const poll = setInterval(() => {
    if (!performance.getEntriesByName('pith:panel-painted').length) return;
    clearInterval(poll);
    const sheet = document.querySelector('pith-reader')?.shadowRoot?.querySelector('.sheet');
    for (const event of [new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }), new WheelEvent('wheel', { deltaY: 100, bubbles: true, composed: true }),
      new PointerEvent('pointerdown', { bubbles: true, composed: true }), new Event('touchstart', { bubbles: true, composed: true })]) sheet?.dispatchEvent(event);
    ${next ? `setTimeout(() => location.replace(${JSON.stringify(next)}), 1500);` : ''}
  }, 50);
});
</script></head>`);
const MOVES = ['one', 'two', 'three'].map((n) => `/news/harbour-hospital-and-bank-week-${n}`);

// A word in no page and no reading: what window.find answers for text that is nowhere.
const NOWHERE = 'Zyxquorbant';

// Labels the attacker searches for: the panel's own words, and the frame's.
const LABELS = ['Similar readings', 'You already read this', 'Your reading history', 'Hospital, harbour and bank', 'Summary', 'Open'];

let news; // the site the reader reads
let attacker; // another origin (localhost, not 127.0.0.1)
const attackerUrl = (path) => attacker.url(path).replace('127.0.0.1', 'localhost');

before(async () => {
  news = await serve({
    ...Object.fromEntries(Object.entries(READINGS).map(([path, [title, paragraphs]]) => [path, article(title, paragraphs)])),
    // The same story at other addresses of the same site.
    '/amp/lighthouse': article(LIGHTHOUSE[0], LIGHTHOUSE[1], '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","url":"/lighthouse"}</script><link rel="canonical" href="/lighthouse">'),
    // Another story on the same site, which moves its own address onto the debt story's
    // (history.replaceState) before the reader clicks.
    '/moved': article('ATTACKER: the debt story rewritten', [
      'The bank wrote to every borrower this week to say that their credit card debt would be sold to a collection agency.',
      'Borrowers were told to call a number printed in the letter and to pay the agency directly, by bank transfer, within ten days.',
      'Debt charities warned that genuine lenders never ask for payment to a new account in a letter, and urged people to call their bank first.',
      'The agency did not answer questions about where it is registered, or how it came to hold the debts of so many families.',
      'Families who paid said they received no receipt, and that the number in the letter now rings without an answer.',
    ], '<script>history.replaceState(null, "", "/debt")</script>'),
    // Two long stories on the same site (the resume line's length): the second moves its own
    // address onto the first's (history.replaceState) before the reader clicks.
    '/long-ferry': longStory('Winter on the island ferry', (n, s) => `Part ${n} of the ferry diary, crossing ${s}: the wind, the tide and the timetable on the island.`),
    '/long-school': longStory('A year at the village school', (n, s) => `Chapter ${n} of the school year, lesson ${s}: pupils, teachers and exams in the valley.`, '<script>history.replaceState(null, "", "/long-ferry")</script>'),
    // Another story on the same site, naming the lighthouse's address as its own.
    '/ferry': article('Tarrowby ferry timetable changes for the winter', [
      'The ferry company will run four crossings a day in winter instead of six, starting in November.',
      'Passengers said the early crossing matters most for workers and pupils, and the company promised to keep it.',
      'Tickets bought for the summer timetable will be refunded or exchanged at the harbour office.',
      'The company blamed the cost of fuel and a shortage of crew, and said the summer timetable would return in April if bookings allowed it.',
      'Islanders who depend on the ferry for hospital visits asked for a guaranteed seat on the first crossing of every day.',
    ], `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","url":"/lighthouse","headline":"Tarrowby ferry timetable changes"}</script>`),
  });
  attacker = await serve({
    '/bait': BAIT,
    // The bait at a story's address, for automatic mode, which reads the address: a
    // one-word path like /bait reads as a section front.
    '/news/harbour-hospital-and-bank-week': BAIT,
    '/long': LONG_BAIT,
    // The bait with the clipboard API denied to the document (and so to Pith's content
    // script): Pith's copy then goes through a copy event in the page's document.
    '/bait-no-clipboard': { body: BAIT, headers: { 'permissions-policy': 'clipboard-write=()' } },
    '/bait-steal-copy': { body: BAIT.replace('</head>', `${STEAL_COPY}</head>`), headers: { 'permissions-policy': 'clipboard-write=()' } },
    '/bait-overwrite-copy': { body: BAIT.replace('</head>', `${OVERWRITE_COPY}</head>`), headers: { 'permissions-policy': 'clipboard-write=()' } },
    ...Object.fromEntries(MOVES.map((path, i) => [path, movingBait(MOVES[i + 1] ?? null)])),
    // A long bait at a story's address: its panel has the resume frame as well.
    '/news/harbour-long-read': LONG_BAIT,
    // The bait cross-origin isolated (COOP and COEP), which opens measureUserAgentSpecificMemory to it.
    '/bait-isolated': { body: BAIT, headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } },
    // The bait greyed, as some sites are on days of mourning: a filter on <html>, the panel's ancestor.
    '/bait-grey': BAIT.replace('</head>', '<style>html { filter: grayscale(1); }</style></head>'),
    // The lighthouse story copied word for word, claiming the news site's address, with
    // the attacker's own headline.
    '/republished': article('ATTACKER: lighthouse scam, send donations now', LIGHTHOUSE[1], `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', url: `${news.origin}/lighthouse`, headline: 'ATTACKER: lighthouse scam, send donations now' })}</script><link rel="canonical" href="${news.origin}/lighthouse">`),
    '/javascript': article('Harbour, hospital and bank: another week in the town', BAIT.match(/<p>.*?<\/p>/g).map((p) => p.slice(3, -4)), `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","url":"javascript:alert(document.domain)"}</script><link rel="canonical" href="javascript:alert(1)">`),
  });
});

after(async () => {
  await news?.close();
  await attacker?.close();
});

/** An extension page of `browser` (the options page): the extension's origin, where modules can be imported. */
async function extensionPage(browser) {
  const page = await browser.context.newPage();
  await page.goto(`${browser.origin}/extension/options/options.html`);
  return page;
}

/** Opens `url` in a new tab with the attacker's watch() (and `traps`) installed before any script. */
async function openWatched(browser, url, { traps = false } = {}) {
  const page = await browser.context.newPage();
  await page.addInitScript(watch);
  // Custom elements under Pith's host names, and patched DOM prototypes (see attacks.mjs).
  if (traps) for (const script of [trapHosts, patchPrototypes]) await page.addInitScript(script);
  await page.goto(url);
  return page;
}

/**
 * Runs the call named `name` with `arg` in Pith's content-script world of `page` (the
 * extension's isolated world, where its content scripts run), as a compromised content
 * script would; resolves to its value. Injected by the extension itself
 * (scripting.executeScript from `browser.worker`), which both browsers allow after the
 * toolbar click's activeTab grant. The calls are written inside the evaluated function:
 * executeScript sends each one to the tab as its source.
 */
async function inContentScript(browser, page, name, arg = null) {
  await page.bringToFront();
  return browser.worker.evaluate(
    async ([call, value]) => {
      const calls = {
        // Records a reading, then asks for the history with the real nonce it got, and
        // reads the session storage where the worker keeps the answers.
        askHistory: async (text) => {
          const { MESSAGE } = globalThis.PithProtocol;
          const article = { title: 'x', text, word_count: 80, summary: [] };
          const recorded = await chrome.runtime.sendMessage({ type: MESSAGE.record, article });
          let history;
          try {
            history = await chrome.runtime.sendMessage({ type: MESSAGE.history, nonce: recorded.nonce });
          } catch (error) {
            history = `refused: ${error.message}`;
          }
          let session;
          try {
            session = JSON.stringify(await chrome.storage.session.get(null));
          } catch (error) {
            session = `refused: ${error.message}`;
          }
          return { recorded, history: history ?? 'no answer', session };
        },
        // Is there an engine in the content scripts' world (the glue's global)?
        engineHere: () => typeof wasm_bindgen !== 'undefined',
      };
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      const [{ result }] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: calls[call], args: [value] });
      return result;
    },
    [name, arg],
  );
}

/** Reads `path` of the news site with a click, and waits until the reading is recorded. */
async function read(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  const before = (await historyRecords(browser.worker)).reduce((n, r) => n + r.read_count, 0);
  await browser.clickAction(page);
  await waitFor(() => panelText(page), `the panel on ${url}`);
  await waitFor(async () => (await historyRecords(browser.worker)).reduce((n, r) => n + r.read_count, 0) > before, `the record of ${url}`);
  await historyFrame(page);
  return page;
}

/** The reader reads the three articles. */
async function seed(browser) {
  for (const path of Object.keys(READINGS)) await (await read(browser, news.url(path))).close();
}

/**
 * Every active attack, then what the page watched meanwhile: one list of strings. The
 * reader also moves through the panel with the keyboard (into the history frame and out),
 * and the page is switched to print media and searched again.
 */
async function attack(page) {
  const seen = [];
  const run = async (fn, arg) => seen.push(...(await page.evaluate(fn, arg)));
  await run(findAndExtend, { labels: LABELS, guesses: [...SECRETS, NOWHERE] });
  await run(selectEverything);
  await run(probePoints);
  await run(hostLayout);
  await run(probeFrames);
  await run(probeEnvironment);
  await run(probeApis);
  await run(readOpenRoot);
  await run(probeFrameHosts);
  await run(probeChannels, { guesses: [...SECRETS, NOWHERE] });
  await run(probeStorage);
  // The reader tabs through the panel's controls and the frame's links, and back.
  for (let i = 0; i < 14; i++) await page.keyboard.press('Tab');
  await run(hostLayout);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
  await page.emulateMedia({ media: 'print' });
  await run(findAndExtend, { labels: LABELS, guesses: [...SECRETS, NOWHERE] });
  await run(selectEverything);
  await run(readOpenRoot);
  await page.emulateMedia({ media: 'screen' });
  seen.push(...(await page.evaluate(observed)));
  return seen;
}

/**
 * A text fragment (`#:~:text=`) naming each history title, and a word found nowhere, moved
 * neither the document nor the panel (`probeChannels`' lines, which name no guess).
 */
function assertNoFragmentScroll(seen) {
  const fragments = seen.filter((line) => line.startsWith('text fragment '));
  assert.ok(fragments.length > 0, 'the text fragments were tried');
  assert.deepEqual(fragments.filter((line) => !line.endsWith(': no scroll')), [], 'no text fragment scrolled anything');
}

/** The strings among `seen` that hold a secret (must be none); the oracle's own questions aside. */
function leaks(seen, secrets = SECRETS) {
  return seen.filter((line) => !line.startsWith('oracle ') && secrets.some((secret) => line.toLowerCase().includes(secret.toLowerCase())));
}

/**
 * window.find answers for every history title as for a word found nowhere, in each of
 * `rounds` rounds of guesses: 'no' in Chromium; in Firefox a SecurityError, thrown
 * whenever the search reaches the cross-origin frame, whatever it holds.
 */
function assertNoOracle(seen, rounds) {
  const oracle = seen.filter((line) => line.startsWith('oracle'));
  const nowhere = oracle.find((line) => line.startsWith(`oracle ${NOWHERE}:`)).split(': ')[1];
  assert.notEqual(nowhere, 'FOUND');
  const asked = [...SECRETS, NOWHERE].map((secret) => `oracle ${secret}: ${nowhere}`);
  assert.deepEqual(oracle, Array(rounds).fill(asked).flat(), 'window.find answers alike for every history title and a word found nowhere');
}

/**
 * Everything the page observed once its own loading is fully reported (in the page): after
 * the load event, two animation frames and a task.
 */
async function loadObserved() {
  if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve));
  return window.__attack.log;
}

/**
 * Where the focus is, read by the test (never by the page): the panel's focused element
 * (by its place in the panel) and the history frame's; `settled` is false while the focus
 * is on the frame but not yet on its link (the panel's message hands it in).
 */
async function focusIn(page, frame) {
  const panel = await inPanel(page, (root) => {
    const active = root.activeElement;
    return active ? `${active.nodeName} ${[...root.querySelectorAll('*')].indexOf(active)}` : 'none';
  });
  const inFrame = await frame.evaluate(() => (document.hasFocus() ? document.activeElement?.nodeName ?? 'none' : null));
  return { where: `${panel} / ${inFrame}`, settled: inFrame === null || inFrame === 'A' };
}

describe('a page on another origin, with a click', () => {
  let browser;
  let baitText; // what the frame showed the reader
  before(async () => {
    browser = await launch();
    await seed(browser);
  });
  after(() => browser?.close());

  test('the reader sees the three readings in the history frame (the attacks below are not vacuous)', async () => {
    const page = await openWatched(browser, attackerUrl('/bait'));
    await browser.clickAction(page);
    baitText = await historyText(page);
    for (const title of TITLES) assert.ok(baitText.includes(title), `the frame lists "${title}": ${baitText}`);
    await page.close();
  });

  test('window.find, Selection.modify, selectAll, ranges, carets, focus, style, frames, messages, timing, observers, print: no history title', async () => {
    const page = await openWatched(browser, attackerUrl('/bait'));
    await browser.clickAction(page);
    await historyFrame(page);
    const seen = await attack(page);
    assert.ok(seen.length > 200, `the attacks observed things (${seen.length} lines)`);
    assert.ok(seen.some((line) => line.includes('Hospital, harbour and bank')), 'the attacks do read the panel (the article came from the page)');
    assert.deepEqual(leaks(seen), []);
    assertNoOracle(seen, 2); // on screen and in print
    assertNoFragmentScroll(seen);
    assert.ok(seen.includes('channels heard nothing'), 'no channel of the page\'s origin carried anything');
    // Nor where the history frame lives: its address would carry the session's dynamic id.
    assert.deepEqual(seen.filter((line) => /(chrome|moz)-extension:|history-frame/.test(line) || line.includes(new URL(browser.origin).host)), []);
    assert.equal(page.url(), attackerUrl('/bait'));
    assert.match(await historyText(page), /Similar readings/, 'the frame survived the attacks');
    await page.close();
  });

  test('the page reaches into the panel\'s open root: no history, no frame address; its events and rewrites make Pith do nothing', async () => {
    const state = () =>
      browser.worker.evaluate(async () => ({
        sync: await chrome.storage.sync.get(null),
        local: await chrome.storage.local.get(null),
        tabs: (await chrome.tabs.query({})).length,
      }));
    const page = await openWatched(browser, attackerUrl('/bait'));
    await browser.clickAction(page);
    await historyFrame(page);
    const before = { ...(await state()), records: await historyRecords(browser.worker) };
    const seen = await page.evaluate(readOpenRoot);
    assert.ok(seen.some((line) => line.includes('Hospital, harbour and bank')), 'the page reads the panel (its own article)');
    assert.ok(seen.includes('open root iframes: 0') && seen.some((line) => line === 'open root SECTION shadowRoot: null'), `the frames are in closed roots of their own: ${seen.filter((l) => /iframe|SECTION/.test(l))}`);
    assert.deepEqual(leaks(seen), []);
    assert.deepEqual(seen.filter((line) => /(chrome|moz)-extension:|history-frame|#[0-9a-f]{16}/.test(line) || line.includes(new URL(browser.origin).host)), []);
    // The page clicks, keys and changes every control, scrolls the panel, rewrites it, and again.
    const after = await page.evaluate(untrustedEvents);
    assert.deepEqual(after, ['open root after events: panel true shown true picker false speaking false'], 'no close, no picker, no reading aloud');
    await new Promise((resolve) => setTimeout(resolve, 2000)); // past the panel's quiet time before it sends a position
    assert.deepEqual({ ...(await state()), records: await historyRecords(browser.worker) }, before, 'no setting, site, picked text or history record changed; no tab opened');
    assert.equal(await inPanel(page, (root) => root.querySelector('.status').textContent), '', 'no action reported (copy, site, settings)');
    assert.match(await historyText(page), /Similar readings/, 'the frame is still there');
    await page.close();
  });

  test('custom elements named as Pith\'s hosts and patched DOM prototypes, from before Pith runs: no frame root, no frame address, no history', async () => {
    // A short article (the history frame) and a long one (the resume frame too).
    for (const path of ['/bait', '/long']) {
      const page = await openWatched(browser, attackerUrl(path), { traps: true });
      await browser.clickAction(page);
      await historyFrame(page);
      const trapped = await page.evaluate(readTrapped);
      // The trap works: the panel's own host (<pith-reader>, an open root) is caught and read.
      assert.ok(trapped.includes('trapped pith-reader connected true root open'), trapped.slice(0, 3).join('\n'));
      const seen = [...trapped, ...(await page.evaluate(readPatched)), ...(await page.evaluate(observed))];
      assert.ok(seen.some((line) => line.startsWith('trapped pith-reader text:') && line.includes('Hospital, harbour and bank')), 'the attack reads the panel');
      assert.deepEqual(leaks(seen), []);
      // No closed root reached (before the fix: the frames' <pith-frame> hosts, with the
      // iframe's chrome-extension://<session id>/…#<nonce>), no extension address at all.
      const closed = seen.filter((line) => /root closed|(chrome|moz)-extension:|history-frame|#[0-9a-f]{8}-/.test(line) || line.includes(new URL(browser.origin).host));
      assert.deepEqual(closed, []);
      if (path === '/bait') assert.match(await historyText(page), /Similar readings/, 'the frame is there for the reader');
      await page.close();
    }
  });

  test('a long article with the resume line: the same attacks read neither the history nor where the reader stopped', async () => {
    // The reader reads it to the middle (a turn of the wheel, then to paragraph 20) and leaves.
    const first = await read(browser, attackerUrl('/long'));
    await readerScrolls(first);
    await inPanel(first, (root) => [...root.querySelectorAll('article p')].find((p) => p.textContent.startsWith('Paragraph 20 ')).scrollIntoView({ block: 'start' }));
    await waitFor(async () => (await historyRecords(browser.worker)).find((r) => r.url === attackerUrl('/long'))?.position, 'the position in the history');
    await first.close();
    // Back on the page: the reader sees the offer; the page attacks.
    const page = await openWatched(browser, attackerUrl('/long'));
    await browser.clickAction(page);
    const offer = await waitFor(async () => {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(() => (new URLSearchParams(location.search).get('part') === 'resume' ? document.body.innerText : '')).catch(() => '');
        if (/Continue reading/.test(text)) return text;
      }
      return null;
    }, 'the resume line');
    assert.match(offer, /Continue reading where you stopped/, 'the attacks below are not vacuous');
    await historyFrame(page);
    const seen = await attack(page);
    assert.ok(seen.some((line) => line.includes('Paragraph 20 follows')), 'the attacks do read the panel');
    assert.deepEqual(leaks(seen, [...SECRETS, ...RESUME_WORDS]), []);
    assertNoOracle(seen, 2);
    assert.deepEqual(seen.filter((line) => /(chrome|moz)-extension:|history-frame/.test(line) || line.includes(new URL(browser.origin).host)), []);
    await page.close();
  });

  test('the frames\' places go into the panel with the article, not when the worker answers: the open root does not time the recording', async () => {
    // The worker records the reading, then answers; how long it takes grows with the history
    // and differs for an address read before. Before: the history frame's place went into the
    // open root with the answer, a mutation the page's observer timed. Now every element of
    // the open root is in at the moment the article is, for a short article and a long one
    // (the resume frame's place too), and nothing is added or removed after, frames loaded.
    for (const [path, places] of [['/bait', ['SECTION.history']], ['/long', ['SECTION.resume', 'SECTION.history']]]) {
      const page = await browser.context.newPage();
      await page.addInitScript(watchPanelRoot);
      await page.goto(attackerUrl(path));
      await browser.clickAction(page);
      await historyFrame(page); // answered and drawn, which needs the reader near the end
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [first, ...later] = await page.evaluate(panelBatches);
      assert.deepEqual(first?.places, places, `${path}: the frames' places are in with the article`);
      assert.deepEqual(later.flatMap((batch) => batch.moved), [], `${path}: nothing added to or removed from the open root afterwards`);
      await page.close();
    }
  });

  test('a page read again and again in one tab leaves one answer waiting in the worker, not one per reading', async () => {
    // A long article: its history frame (at the end) is never near, so its answer is never asked.
    const waiting = () => browser.worker.evaluate(async () => Object.values(await chrome.storage.session.get(null)).filter((kept) => kept?.parts?.history).length);
    const before = await waiting();
    const page = await browser.context.newPage();
    const reads = async () => (await historyRecords(browser.worker)).find((record) => record.url === attackerUrl('/long'))?.read_count ?? 0;
    for (let visit = 0; visit < 3; visit++) {
      const read = await reads();
      await page.goto(attackerUrl('/long'));
      await browser.clickAction(page);
      await waitFor(async () => (await reads()) > read || null, 'the reading recorded');
      await new Promise((resolve) => setTimeout(resolve, 300)); // its answer put away
    }
    // Before: one per reading (3), each for a day: a page could fill storage.session's quota.
    assert.equal(await waiting(), before + 1);
    await page.close();
  });

  test('a page stepping through many long articles in one tab leaves at most four answers waiting', async () => {
    // Four: the tab's last addresses, kept so that Back to one of them (the back-forward cache) still has its answer.
    const waiting = () => browser.worker.evaluate(async () => Object.values(await chrome.storage.session.get(null)).filter((kept) => kept?.parts?.history).length);
    const before = await waiting();
    const page = await browser.context.newPage();
    const reads = async (url) => (await historyRecords(browser.worker)).find((record) => record.url === url)?.read_count ?? 0;
    for (let step = 0; step < 7; step++) {
      const url = `${attackerUrl('/long')}?part=${step}`;
      const read = await reads(url);
      await page.goto(url);
      await browser.clickAction(page);
      await waitFor(async () => (await reads(url)) > read || null, `the reading of part ${step}`);
      await new Promise((resolve) => setTimeout(resolve, 300)); // its answer put away
    }
    assert.equal(await waiting(), before + 4);
    await page.close();
  });

  test('nothing the page can measure depends on the history: the same observations with and without it', async (t) => {
    // Deterministic observations only (no timings): layout, selections, carets, frames,
    // mutations, resizes, layout shifts.
    const measure = async () => {
      const page = await openWatched(browser, attackerUrl('/bait'));
      await page.setViewportSize({ width: 1000, height: 700 });
      // What the page saw of its own loading (the parser's mutations, batched as it goes,
      // and the first sizes of its elements) is left out: it differs from load to load,
      // with or without Pith. Counted once all of it is in: after the load event (the
      // parser's mutations are delivered before it) and two rendering updates (the
      // observers' first reports are delivered in the first), never after a fixed time.
      const loaded = (await page.evaluate(loadObserved)).length;
      await browser.clickAction(page);
      // The short article's end is on screen: the frame takes its place at once. Waited for
      // before the test scrolls, so that the page (which observes the panel's open root)
      // sees it placed at the same scroll position in both runs, not at a moment that
      // depends on the test's timing.
      await waitFor(() => inPanel(page, (root) => root.querySelector('section.history') !== null || null), 'the frame placed');
      const frame = await historyFrame(page);
      const seen = [];
      for (const fn of [hostLayout, probeFrames, probeApis, probeFrameHosts, probeStorage]) seen.push(...(await page.evaluate(fn)));
      seen.push(...(await page.evaluate(findAndExtend, { labels: ['Hospital, harbour and bank', 'Summary'], guesses: [] })));
      seen.push(...(await page.evaluate(selectEverything)));
      seen.push(...(await page.evaluate(probePoints)));
      // The reader tabs through the panel, into the history frame and out again: where the
      // focus is, and whether the page's window has it, at every step.
      let frameFocused = false;
      for (let step = 0; step < 16; step++) {
        const from = await focusIn(page, frame);
        await page.keyboard.press('Tab');
        // Tab always moves the focus in the dialog; into and out of the frame it moves in two
        // hops (the frame hands Tab back through the extension; the panel hands it in with a
        // message): read where it is once it has arrived, however long the hops take.
        await waitFor(async () => {
          const to = await focusIn(page, frame);
          return to.where !== from.where && to.settled;
        }, `the focus to move (Tab ${step})`);
        seen.push(`tab ${step}: ${await page.evaluate(() => `${document.activeElement?.nodeName} ${document.hasFocus()}`)}`);
        frameFocused ||= await frame.evaluate(() => document.hasFocus());
      }
      assert.ok(frameFocused, 'the walk went through the history frame');
      // Observers report in no fixed order: compared as sets.
      const passive = (await page.evaluate(observed)).slice(loaded).filter((line) => /^(mutation|resize|intersection|host|event|performance: \{"type":"layout-shift")/.test(line)).sort();
      await page.close();
      return [...seen, ...passive];
    };
    const withHistory = await measure();
    const control = await extensionPage(browser);
    await control.evaluate(async () => {
      const { deleteAll, announceChange } = await import('../shared/history/store.js');
      await deleteAll();
      await announceChange();
    });
    await control.close();
    const withoutHistory = await measure();
    const focus = withHistory.filter((line) => /^event (focus|blur)/.test(line)).map((line) => line.split(':')[0]);
    t.diagnostic(`focus events the page saw during the walk: ${focus.join(', ')}`);
    assert.deepEqual(withHistory, withoutHistory);
  });

  test('clicking a similar reading opens it in a new tab; the page learns nothing of where', async () => {
    await seed(browser); // the test above emptied the history
    const page = await openWatched(browser, attackerUrl('/bait'));
    await browser.clickAction(page);
    const frame = await historyFrame(page);
    // The frame is the last thing in the panel: the reader scrolls down to it.
    await inPanel(page, (root) => root.querySelector('section.history').scrollIntoView({ block: 'end' }));
    const link = frame.locator('li a', { hasText: 'Tarrowby' });
    const opened = browser.context.waitForEvent('page');
    await link.click();
    const tab = await opened;
    await tab.waitForLoadState();
    assert.equal(tab.url(), news.url('/lighthouse'));
    assert.equal(await tab.evaluate(() => document.referrer), '', 'no referrer');
    assert.equal(await tab.evaluate(() => window.opener), null, 'no opener');
    const seen = await page.evaluate(observed);
    assert.deepEqual(leaks(seen, [...SECRETS, '/lighthouse']), []);
    await Promise.all([tab.close(), page.close()]);
  });

  test('the reader drags a similar reading out of the frame onto the panel: no drag starts, the page gets nothing', async () => {
    const page = await openWatched(browser, attackerUrl('/bait'));
    await page.evaluate(acceptDrops);
    await browser.clickAction(page);
    const frame = await historyFrame(page);
    await inPanel(page, (root) => root.querySelector('section.history').scrollIntoView({ block: 'end' }));
    // Where the reader's pointer goes: the link's box in the frame, moved by the frame's host.
    await frame.evaluate(() => {
      window.__dragStarts = [];
      document.addEventListener('dragstart', (event) => window.__dragStarts.push(`dragstart cancelled ${event.defaultPrevented}`));
    });
    const link = await frame.evaluate(() => {
      const { x, y, height } = [...document.querySelectorAll('li a')].find((a) => a.textContent.includes('Tarrowby')).getBoundingClientRect();
      return { x: x + 8, y: y + height / 2 };
    });
    const host = await inPanel(page, (root) => {
      const { x, y } = root.querySelector('section.history').getBoundingClientRect();
      return { x, y };
    });
    const start = { x: host.x + link.x, y: host.y + link.y };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    // Up and away, over the panel's article, where the page listens.
    for (let step = 1; step <= 10; step++) await page.mouse.move(start.x + step * 4, start.y - step * 30);
    await page.mouse.up();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await frame.evaluate(() => window.__dragStarts.filter((line) => line.endsWith('false'))), [], 'every drag the frame began is cancelled');
    const seen = [...(await page.evaluate(readDrops)), ...(await page.evaluate(observed))];
    assert.deepEqual(leaks(seen, [...SECRETS, '/lighthouse']), []);
    assert.deepEqual(seen.filter((line) => line.startsWith('drag drop')), [], 'nothing dropped');
    await page.close();
  });

  test('the page hides the history frame under the reader\'s pointer (clickjacking): a click on a reading it cannot see opens nothing', async (t) => {
    if (BROWSER === 'firefox') {
      // Firefox has no IntersectionObserver v2: not closed there (README, threat model).
      t.skip('Firefox cannot tell the frame whether it is seen');
      return;
    }
    const tabs = () => browser.worker.evaluate(async () => (await chrome.tabs.query({})).length);
    const page = await openWatched(browser, attackerUrl('/bait'));
    await browser.clickAction(page);
    const frame = await historyFrame(page);
    await inPanel(page, (root) => root.querySelector('section.history').scrollIntoView({ block: 'end' }));
    // Where a reading's link is: the attacker knows the frame's layout (the panel's fonts and sizes).
    const link = await frame.evaluate(() => {
      window.__presses = 0;
      window.addEventListener('pointerdown', () => window.__presses++, true);
      const { x, y, height } = [...document.querySelectorAll('li a')].find((a) => a.textContent.includes('Tarrowby')).getBoundingClientRect();
      return { x: x + 8, y: y + height / 2 };
    });
    // The page makes the frame invisible (its host is in the open root), where it stands: the
    // reader clicks there, on what looks like the page (or the panel's empty end).
    const host = await page.evaluate(() => {
      const node = document.querySelector('pith-reader').shadowRoot.querySelector('section.history');
      node.style.opacity = '0.01'; // (not 0: Chromium sometimes routes a click past a fully transparent out-of-process frame)
      const { x, y } = node.getBoundingClientRect();
      return { x, y };
    });
    await new Promise((resolve) => setTimeout(resolve, 800)); // well past what the frame needs to learn it is unseen
    const before = await tabs();
    await page.mouse.click(host.x + link.x, host.y + link.y);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await frame.evaluate(() => window.__presses), 1, 'the click reached the frame (the attack is real)');
    assert.equal(await tabs(), before, 'no reading opened: the page sees no new tab come to the front');
    assert.deepEqual((await page.evaluate(observed)).filter((line) => line.startsWith('event visibilitychange')), []);
    // Seen again, the same link opens the reading.
    await page.evaluate(() => (document.querySelector('pith-reader').shadowRoot.querySelector('section.history').style.opacity = ''));
    await new Promise((resolve) => setTimeout(resolve, 800)); // its being seen is reported within 100 ms
    const opened = browser.context.waitForEvent('page');
    await page.mouse.click(host.x + link.x, host.y + link.y);
    const tab = await opened;
    assert.equal(tab.url(), news.url('/lighthouse'));
    await Promise.all([tab.close(), page.close()]);
  });

  test('a cross-origin-isolated page measures its memory (measureUserAgentSpecificMemory): no frame address in its frames\' attributions', async (t) => {
    const page = await openWatched(browser, attackerUrl('/bait-isolated'));
    await browser.clickAction(page);
    // Both frames placed (the history frame once the reader is near it), in closed roots the
    // page cannot look into: counted among the page's frames by the test. COEP keeps their
    // page out, not their element.
    await waitFor(async () => {
      await inPanel(page, (root) => root.querySelector('.history')?.scrollIntoView({ block: 'end' }));
      return page.frames().length > 1 || null;
    }, 'the history frame placed');
    const seen = await page.evaluate(probeMemory);
    t.diagnostic(seen.join(' | ').slice(0, 600));
    // Before: "container":{"src":"chrome-extension://<the session's id>/extension/history-frame/frame.html?theme=auto#<nonce>"}
    if (BROWSER === 'chromium') assert.ok(seen.some((line) => line.includes('cross-origin-aggregated')), 'the frame is measured (the attack is real)');
    assert.deepEqual(seen.filter((line) => /(chrome|moz)-extension:|history-frame|#[0-9a-f]{8}-/.test(line) || line.includes(new URL(browser.origin).host)), []);
    await page.close();
  });

  test('on a page that greys itself (a filter on <html>), the reader\'s click on a similar reading opens it', async () => {
    const page = await openWatched(browser, attackerUrl('/bait-grey'));
    await browser.clickAction(page);
    const frame = await historyFrame(page);
    await inPanel(page, (root) => root.querySelector('section.history').scrollIntoView({ block: 'end' }));
    await new Promise((resolve) => setTimeout(resolve, 800)); // its being seen is reported within 100 ms
    const link = await frame.evaluate(() => {
      const { x, y, height } = [...document.querySelectorAll('li a')].find((a) => a.textContent.includes('Tarrowby')).getBoundingClientRect();
      return { x: x + 8, y: y + height / 2 };
    });
    const host = await inPanel(page, (root) => {
      const { x, y } = root.querySelector('section.history').getBoundingClientRect();
      return { x, y };
    });
    const opened = browser.context.waitForEvent('page');
    await page.mouse.click(host.x + link.x, host.y + link.y);
    const tab = await opened;
    await tab.waitForLoadState();
    assert.equal(tab.url(), news.url('/lighthouse'));
    await Promise.all([tab.close(), page.close()]);
  });

  test('the reader copies the article while the page listens to copy events, the clipboard API denied: the page reads its own article only', async (t) => {
    const page = await openWatched(browser, attackerUrl('/bait-no-clipboard'));
    await browser.clickAction(page);
    await historyFrame(page);
    await clickInPanel(page, 'button[data-action=copy]');
    await waitFor(() => inPanel(page, (root) => /^Copied|^Could not copy/.test(root.querySelector('.status').textContent) || null), 'the copy');
    const seen = await page.evaluate(observed);
    const copied = seen.filter((line) => line.startsWith('copied: '));
    t.diagnostic(`copies the page read: ${copied.length} (${copied.map((line) => line.slice(0, 120)).join(' | ')})`);
    // What the page reads is what Pith copies: the page's own article with its source.
    for (const line of copied) assert.match(line, /Hospital, harbour and bank/);
    assert.deepEqual(leaks(seen), []);
    assert.deepEqual(seen.filter((line) => /(chrome|moz)-extension:|history-frame/.test(line)), []);
    await page.close();
  });

  test('the page replaces what Pith copies (the clipboard API denied): stopped before Pith\'s listener, no "Copied"; written over after it, Pith writes last', async (t) => {
    if (BROWSER === 'chromium') await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: attacker.origin.replace('127.0.0.1', 'localhost') });
    for (const path of ['/bait-steal-copy', '/bait-overwrite-copy']) {
      const page = await openWatched(browser, attackerUrl(path));
      await browser.clickAction(page);
      await waitFor(() => panelText(page), 'the panel');
      await clickInPanel(page, 'button[data-action=copy]');
      const said = await waitFor(() => inPanel(page, (root) => (/^Copied|^Could not copy/.test(root.querySelector('.status').textContent) ? root.querySelector('.status').textContent : null)), 'the copy');
      const viaPage = (await page.evaluate(observed)).some((line) => line.startsWith('event copy'));
      const { text } = await clipboardOf(browser, page);
      t.diagnostic(`${path}: ${said} (through the page's copy event: ${viaPage}; clipboard: ${text?.slice(0, 60)})`);
      // Where Pith's copy went through the page's copy event, "Copied" only with Pith's text.
      if (/^Copied/.test(said) && text !== null) assert.doesNotMatch(text, /ATTACKER/, `${path}: "Copied" and the page's text on the clipboard`);
      if (path === '/bait-steal-copy' && viaPage) assert.match(said, /^Could not copy: the page stopped the copy/);
      if (path === '/bait-overwrite-copy' && viaPage && text !== null) assert.match(text, /Hospital, harbour and bank/);
      await page.close();
    }
  });

  test('a page that removes the panel\'s host: the reader\'s next click opens a new panel, with its frame', async () => {
    const page = await openWatched(browser, attackerUrl('/bait'));
    await browser.clickAction(page);
    await historyFrame(page);
    await page.evaluate(() => document.querySelector('pith-reader').remove());
    assert.equal(await page.locator('pith-reader').count(), 0);
    // Before: the click closed the panel the page had removed (nothing to see); a second click opened one.
    await browser.clickAction(page);
    await waitFor(async () => (await page.locator('pith-reader').count()) === 1 && /Hospital, harbour and bank/.test(await panelText(page).catch(() => '')), 'a new panel on the next click');
    assert.match(await historyText(page), /Similar readings/, 'with its history frame');
    assert.deepEqual(leaks(await page.evaluate(observed)), []);
    await page.close();
  });

  test('a history frame navigated to another document is dropped from the panel', async () => {
    const page = await browser.context.newPage();
    await page.goto(attackerUrl('/bait'));
    await browser.clickAction(page);
    const frame = await historyFrame(page);
    // What a page would do if it could reach the frame (it cannot: see probeFrames).
    await frame.goto(attackerUrl('/bait')).catch(() => {});
    await waitFor(async () => (await inPanel(page, (root) => root.querySelector('section.history'))) === null, 'the frame to go');
    assert.match(await panelText(page), /Hospital, harbour and bank/, 'the panel stays');
    await page.close();
  });

  test('a page that speaks Pith\'s protocol (posted, dispatched, sent) before and after the click: nothing recorded, changed, opened or answered', async () => {
    const state = async () => ({
      sync: await browser.worker.evaluate(() => chrome.storage.sync.get(null)),
      tabs: await browser.worker.evaluate(async () => (await chrome.tabs.query({})).length),
      records: (await historyRecords(browser.worker)).map(({ url, title, read_count: count }) => ({ url, title, count })),
    });
    const page = await openWatched(browser, attackerUrl('/javascript'));
    const before = await state();
    const speak = { types: Object.values(MESSAGE), article: { title: 'Planted by the page', text: 'Planted text.', word_count: 2, summary: [] } };
    const answers = await page.evaluate(speakProtocol, speak);
    assert.deepEqual(await state(), before, 'before the click: nothing stored, no tab');
    await browser.clickAction(page);
    await historyFrame(page);
    answers.push(...(await page.evaluate(speakProtocol, speak)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await state();
    // The click itself records the page's own reading (its own title, its own address): nothing else.
    const own = after.records.filter((r) => r.url === attackerUrl('/javascript'));
    assert.equal(own.length, 1);
    assert.deepEqual({ ...after, records: after.records.filter((r) => r !== own[0]) }, { ...before, records: before.records.filter((r) => r.url !== attackerUrl('/javascript')) });
    assert.ok(!after.records.some((r) => /Planted|planted/.test(`${r.title} ${r.url}`)), 'no planted reading');
    assert.ok(answers.every((line) => / refused: |: undefined$/.test(line)), `no answer: ${answers.filter((line) => !/ refused: |: undefined$/.test(line))}`);
    assert.deepEqual(leaks([...answers, ...(await page.evaluate(observed))]), []);
    assert.match(await panelText(page), /Harbour, hospital and bank/, 'the panel is as it was');
    await page.close();
  });

  test('a content script is never answered about the history (even one that has a real nonce)', async () => {
    const page = await browser.context.newPage();
    await page.goto(attackerUrl('/bait'));
    await browser.clickAction(page);
    await historyFrame(page);
    // Run code in Pith's own content-script world, as a compromised content script would.
    const { recorded, history, session } = await inContentScript(browser, page, 'askHistory', BAIT.replace(/<[^>]+>/g, ' '));
    // A nonce for the frame and a key for the reading's positions: two random keys, nothing from the history.
    assert.deepEqual(Object.keys(recorded), ['nonce', 'reading'], 'recording replies with two keys only');
    for (const key of Object.values(recorded)) assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a random key');
    assert.ok(typeof history === 'string' && leaks([history]).length === 0, `the history request was refused: ${JSON.stringify(history)}`);
    // Nor can it read the answers the worker keeps for history frames.
    assert.ok(!session.includes('history-answer') && leaks([session]).length === 0, `storage.session is closed to content scripts: ${session}`);
    await page.close();
  });

  test('the frame page opened on its own (not in the panel) is not answered', async () => {
    // A real nonce (which a page could not have), kept for a tab as the worker keeps it.
    const control = await extensionPage(browser);
    const nonce = await control.evaluate(async () => {
      const { recordReading } = await import('../background/history.js');
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return (await recordReading({ title: 'x', text: 'Some text here.', word_count: 3, summary: [] }, 'https://news.example/x', tab.id)).nonce;
    });
    const page = control;
    await page.goto(`${browser.origin}/extension/history-frame/frame.html#${nonce}`);
    await waitFor(() => page.evaluate(() => document.getElementById('answer').innerText), 'the frame page');
    assert.match(await page.evaluate(() => document.getElementById('answer').innerText), /cannot be shown here/);
    await page.close();
  });
});

describe('a page on an automatically cleaned site, without a click', () => {
  let browser;
  let extensionDir;
  const SITE = 'http://localhost/*';
  before(async () => {
    extensionDir = extensionCopy([SITE]);
    browser = await launch({ extensionDir });
    await seed(browser);
    await browser.worker.evaluate((site) => chrome.storage.sync.set({ settings: { schema: 1, sites: [site] } }), SITE);
    await waitFor(async () => (await browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length === 1, 'the registration');
  });
  after(async () => {
    await browser?.close();
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  });

  test('the panel opens by itself and lists the readings; the page sees none of them', async () => {
    const page = await openWatched(browser, attackerUrl('/news/harbour-hospital-and-bank-week'), { traps: true });
    const text = await historyText(page);
    for (const title of TITLES) assert.ok(text.includes(title), `the frame lists "${title}"`);
    // What the traps caught first: the page's own attacks below go through its patched push too.
    const seen = [...(await page.evaluate(observed)), ...(await page.evaluate(readTrapped)), ...(await page.evaluate(readPatched))];
    seen.push(...(await page.evaluate(findAndExtend, { labels: LABELS, guesses: [...SECRETS, NOWHERE] })));
    seen.push(...(await page.evaluate(selectEverything)));
    seen.push(...(await page.evaluate(probePoints)));
    seen.push(...(await page.evaluate(probeFrames)));
    seen.push(...(await page.evaluate(probeApis)));
    seen.push(...(await page.evaluate(probeFrameHosts)));
    seen.push(...(await page.evaluate(probeChannels, { guesses: [...SECRETS, NOWHERE] })));
    seen.push(...(await page.evaluate(observed)));
    assert.ok(seen.some((line) => line.includes('Hospital, harbour and bank')), 'the attacks do read the panel');
    assertNoFragmentScroll(seen);
    assert.deepEqual(leaks(seen), []);
    assert.ok(seen.includes('trapped pith-reader connected true root open'), 'the trap caught the panel\'s host');
    assert.deepEqual(seen.filter((line) => /root closed|(chrome|moz)-extension:|history-frame/.test(line)), [], 'no frame root, no frame address');
    assertNoOracle(seen, 1);
    await page.close();
  });

  test('nothing is recorded at each address it steps to, nor for its synthetic input: the reading is saved at the reader\'s own first input', async () => {
    const recorded = async () => (await historyRecords(browser.worker)).filter((record) => MOVES.some((path) => record.url === attackerUrl(path))).map((record) => `${new URL(record.url).pathname} ${record.read_count}`);
    const page = await browser.context.newPage();
    await page.goto(attackerUrl(MOVES[0]));
    await waitFor(() => page.url().endsWith(MOVES.at(-1)) || null, 'the page to step through its stories', { timeout: 20_000 });
    // The last one's panel opened by itself and is answered (the similar readings, as before)…
    assert.match(await historyText(page), /Similar readings/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // …but no reading is kept for any of the three (before: one at each address).
    assert.deepEqual(await recorded(), [], 'nothing recorded without the reader');
    // The reader's own key in the panel: now this reading is saved, once.
    await page.bringToFront();
    await inPanel(page, (root) => root.querySelector('.sheet').focus());
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => (await recorded()).length > 0 || null, 'the reading recorded');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await recorded(), [`${MOVES.at(-1)} 1`]);
    await page.close();
  });

  test('a long article opened by itself still offers to continue where the reader stopped', async () => {
    // The resume line's answer never needed this reading saved: read once in an automatic
    // panel (the reader's turn of the wheel saves it), left in its middle, the next automatic
    // panel offers to continue.
    const url = attackerUrl('/news/harbour-long-read');
    const first = await browser.context.newPage();
    await first.goto(url);
    await waitFor(() => panelText(first).catch(() => null), 'the automatic panel');
    await first.bringToFront();
    await readerScrolls(first); // the reader's first input: the reading is saved, and left at paragraph 20
    await inPanel(first, (root) => [...root.querySelectorAll('article p')].find((p) => p.textContent.startsWith('Paragraph 20 ')).scrollIntoView({ block: 'start' }));
    await waitFor(async () => (await historyRecords(browser.worker)).find((record) => record.url === url)?.position || null, 'the position kept');
    await first.close();
    const again = await browser.context.newPage();
    await again.goto(url);
    const resume = await waitFor(async () => {
      for (const frame of again.frames()) {
        const text = await frame.evaluate(() => document.getElementById('resume')?.innerText ?? null).catch(() => null);
        if (text) return text;
      }
      return null;
    }, 'the resume line');
    assert.match(resume, /Continue reading where you stopped/);
    await again.close();
  });
});

describe('what a page can write into the history', () => {
  let browser;
  before(async () => {
    browser = await launch();
    await seed(browser);
  });
  after(() => browser?.close());

  const records = () => historyRecords(browser.worker);
  const byUrl = async (url) => (await records()).filter((r) => r.url === url);
  /** The address the engine reads from a page (its JSON-LD), as the content script gets it. */
  const claimedUrl = async (url) => {
    const html = await (await fetch(url)).text();
    const cli = join(ROOT, 'target', 'release', 'pith');
    return JSON.parse(execFileSync(cli, ['--format', 'json', '--url', url, '-'], { input: html })).url;
  };

  test('JSON-LD naming another site\'s address leaves that site\'s record untouched', async () => {
    // The attack is real: the page's article claims the news site's address.
    assert.equal(await claimedUrl(attacker.url('/republished')), news.url('/lighthouse'));
    const before = await byUrl(news.url('/lighthouse'));
    assert.equal(before.length, 1);
    const page = await read(browser, attackerUrl('/republished'));
    // The reader is told (in the frame) that this is a story already read; the page is not.
    assert.match(await historyText(page), /You already read this[\s\S]*Tarrowby harbour votes/);
    await page.close();
    assert.deepEqual(await byUrl(news.url('/lighthouse')), before, 'the news site\'s record is as it was');
    const planted = await byUrl(attackerUrl('/republished'));
    assert.equal(planted.length, 1, 'the reading is recorded under the address read');
    assert.match(planted[0].title, /^ATTACKER/);
    assert.equal(planted[0].read_count, 1);
  });

  test('a javascript: address is never stored, and never becomes a link', async () => {
    assert.equal(await claimedUrl(attacker.url('/javascript')), 'javascript:alert(document.domain)', 'the page claims a script address');
    const page = await read(browser, attackerUrl('/javascript'));
    await page.close();
    for (const record of await records()) assert.match(record.url, /^https?:\/\//, `stored address ${record.url}`);
    // One imported before this version (or by hand) is shown as plain text.
    const history = await browser.context.newPage();
    await history.goto(`${browser.origin}/extension/history/history.html`);
    // Each record holds half of the bait's text: related to it (listed among the similar
    // readings), but neither the same story as the bait nor as each other (one story is
    // listed once).
    const halves = [BAIT_PARAGRAPHS.filter((_, i) => i % 2 === 0).join(' '), BAIT_PARAGRAPHS.filter((_, i) => i % 2 === 1).join(' ')];
    await history.evaluate(async ([scriptText, noUrlText]) => {
      const { putRecords, announceChange } = await import('../shared/history/store.js');
      const { fingerprint, default: init } = await import('../../pkg/pith.js');
      await init();
      const now = new Date().toISOString();
      const base = { schema: 1, site: 'x', published: null, created: now, updated: now, last_read: now, read_count: 1, word_count: 80, summary: [], text: null };
      await putRecords([
        { ...base, id: 'script-url', url: 'javascript:alert(1)', title: 'A script for an address', representation: fingerprint('A script for an address', scriptText) },
        { ...base, id: 'no-url', url: null, title: 'A reading without an address', representation: fingerprint('A reading without an address', noUrlText) },
      ]);
      await announceChange();
    }, halves);
    await history.close();
    const bait = await read(browser, attackerUrl('/bait'));
    const frame = await historyFrame(bait);
    const shown = await frame.evaluate(() => ({
      text: document.body.innerText,
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    }));
    assert.match(shown.text, /A script for an address/);
    assert.match(shown.text, /A reading without an address/);
    for (const href of shown.hrefs) assert.match(href, /^(https?:\/\/|\.\.\/history\/history\.html$)/, `link ${href}`);
    await bait.close();
  });

  test('the same page at a tracking link, a fragment or its AMP address is one record; another story naming it is not', async () => {
    const lighthouse = async () => (await byUrl(news.url('/lighthouse')))[0];
    const first = await lighthouse();
    for (const path of ['/lighthouse?utm_source=newsletter&fbclid=abc#comments', '/amp/lighthouse']) await (await read(browser, news.url(path))).close();
    const after = await lighthouse();
    assert.equal(after.id, first.id);
    assert.equal(after.read_count, first.read_count + 2, 'read twice more, in the same record');
    assert.equal((await byUrl(news.url('/amp/lighthouse'))).length, 0, 'no record for the AMP address');
    await (await read(browser, news.url('/ferry'))).close();
    const unchanged = await lighthouse();
    assert.deepEqual(unchanged, after, 'another story of the same site naming that address leaves its record alone');
    assert.equal((await byUrl(news.url('/ferry'))).length, 1);
  });

  test('a page that moves its own address (history.replaceState) onto another story of its site leaves that story\'s record alone', async () => {
    const debt = await byUrl(news.url('/debt'));
    assert.equal(debt.length, 1);
    const page = await browser.context.newPage();
    await page.goto(news.url('/moved'));
    assert.equal(page.url(), news.url('/debt'), 'the page moved its address');
    await browser.clickAction(page);
    await waitFor(() => panelText(page), 'the panel');
    await historyFrame(page);
    await page.close();
    assert.deepEqual(await byUrl(news.url('/debt')), debt, 'the debt story\'s record is as it was');
    // The reading is the page's own: recorded under the address its document was loaded from.
    const own = await byUrl(news.url('/moved'));
    assert.equal(own.length, 1);
    assert.match(own[0].title, /^ATTACKER/);
  });

  test('a page that moves its own address onto another long story: the reader\'s position goes to its own record, never to that story\'s', async () => {
    const positionAt = async (path) => (await byUrl(news.url(path)))[0]?.position ?? null;
    /** The reader's turn of the wheel in the panel, then the panel at the paragraph starting `start`; the position once kept. */
    const readTo = async (page, start) => {
      await readerScrolls(page);
      await inPanel(page, (root, text) => [...root.querySelectorAll('article p')].find((p) => p.textContent.startsWith(text)).scrollIntoView({ block: 'start' }), start);
      await new Promise((resolve) => setTimeout(resolve, 2500)); // the position is sent once scrolling pauses (1 s)
    };
    // The reader leaves the ferry story at part 30.
    const ferry = await read(browser, news.url('/long-ferry'));
    await readTo(ferry, 'Part 30 ');
    const kept = await positionAt('/long-ferry');
    assert.ok(kept?.at > 20, `the ferry story's position ${JSON.stringify(kept)}`);
    await ferry.close();
    // The school story moves itself onto the ferry story's address; the reader reads it to chapter 8.
    const school = await read(browser, news.url('/long-school'));
    assert.equal(school.url(), news.url('/long-ferry'), 'the page moved its address (the attack is real)');
    await readTo(school, 'Chapter 8 ');
    await school.close();
    // Before: the position went to the record at the tab's address, the ferry story's (part 30 became 7).
    assert.deepEqual(await positionAt('/long-ferry'), kept, 'the ferry story keeps its position');
    assert.ok((await positionAt('/long-school'))?.at < 12, 'the school story has its own');
  });

  test('a single-page site that moves its address onto a story never read: the reading is recorded there', async () => {
    const page = await browser.context.newPage();
    await page.goto(news.url('/cancer'));
    await page.evaluate(() => {
      history.pushState(null, '', '/stories/cancer-ward-fund');
    });
    await browser.clickAction(page);
    await waitFor(() => panelText(page), 'the panel');
    await historyFrame(page);
    await page.close();
    assert.equal((await byUrl(news.url('/stories/cancer-ward-fund'))).length, 1, 'recorded at the address moved to');
  });

  test('a single-page site that moves on to another story after a first reading in the tab: the second is recorded at its own address, the first record left alone', async () => {
    const page = await browser.context.newPage();
    await page.goto(news.url('/lighthouse'));
    // The reader reads the lighthouse story (Pith's content script is in the page from now on), then closes the panel.
    await browser.clickAction(page);
    await waitFor(() => panelText(page), 'the panel');
    await historyFrame(page);
    await browser.clickAction(page);
    await waitFor(async () => (await inPanel(page, () => true)) === null || !(await panelText(page)), 'the panel to close');
    const lighthouse = await byUrl(news.url('/lighthouse'));
    assert.equal(lighthouse.length, 1);
    // The site shows another story in place and moves its address there, as a single-page news app does.
    const BAKERY = ['The old bakery on Mill Street reopens', ['The bakery on Mill Street, closed for two years, reopened on Saturday under a family from the next valley.', 'They kept the wood-fired oven, which the town council had listed as worth saving, and bake rye bread and buns every morning.', 'A queue formed before the doors opened, and the first batch of bread was sold out within an hour.']];
    await page.evaluate(([title, paragraphs]) => {
      document.title = title;
      const story = document.querySelector('article');
      story.replaceChildren(Object.assign(document.createElement('h1'), { textContent: title }), ...paragraphs.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
      history.pushState(null, '', '/stories/bakery-reopens');
    }, BAKERY);
    await browser.clickAction(page);
    await waitFor(async () => (await panelText(page))?.includes(BAKERY[0]), 'the panel on the new story');
    // Before: Chromium gave the content script's first address as the sender's, and the bakery
    // reading continued the lighthouse record (its title and summary replaced).
    await waitFor(async () => (await byUrl(news.url('/stories/bakery-reopens'))).length === 1, 'the reading recorded at the address moved to');
    await page.close();
    assert.equal((await byUrl(news.url('/stories/bakery-reopens')))[0].title, BAKERY[0]);
    assert.deepEqual(await byUrl(news.url('/lighthouse')), lighthouse, 'the lighthouse record as its reading left it');
  });
});

describe('detecting Pith', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  /** Every file of the unpacked extension, relative to its root. */
  function packagedFiles() {
    const files = ['manifest.json'];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(relative(ROOT, path));
      }
    };
    walk(join(ROOT, 'extension'));
    walk(join(ROOT, 'pkg'));
    return files;
  }

  // The files a page may load, and only at an address it cannot know (manifest.json).
  // Sorted. The bundled reading face (issue 19) is loaded by the content script from the
  // same web-accessible entry as the history frame. Not the engine: content scripts load none.
  const WEB_ACCESSIBLE = [
    ...['latin-400', 'latin-700', 'latin-ext-400', 'latin-ext-700'].map((face) => `extension/fonts/atkinson-hyperlegible-${face}-normal.woff2`),
    'extension/history-frame/frame.html',
  ];

  test('no page can load any extension file at a fixed address', async () => {
    const page = await browser.context.newPage();
    await page.goto(attackerUrl('/bait'));
    const paths = packagedFiles();
    assert.ok(WEB_ACCESSIBLE.every((path) => paths.includes(path)));
    const loaded = await page.evaluate(loadExtensionFiles, { base: `${browser.origin}/`, paths });
    if (BROWSER === 'chromium') {
      // chrome-extension://<id>/ is the same on every machine: nothing loads there
      // (use_dynamic_url), so a page cannot tell that Pith is installed.
      assert.deepEqual(loaded, []);
    } else {
      // Firefox has no use_dynamic_url, nor a fixed address: each installation gets a
      // random moz-extension://<uuid>/. A page that knew it could load the web-accessible
      // files (this test knows it: it chose it); the attacks above check that no page
      // ever sees it. Everything else stays closed even then.
      const files = new Set(loaded.map((line) => line.split(' ')[1].slice(browser.origin.length + 1)));
      assert.deepEqual([...files].sort(), WEB_ACCESSIBLE, loaded.join('\n'));
    }
    // The probe itself works: the same page can load a file that exists at its address.
    const control = await page.evaluate(loadExtensionFiles, { base: `${attackerUrl('/')}`, paths: ['bait'] });
    assert.equal(control.length, 1);
    await page.close();
  });

  test('the engine runs in the extension, not in the page: nothing of it loads there', async () => {
    const page = await browser.context.newPage();
    await page.goto(attackerUrl('/bait'));
    await browser.clickAction(page);
    await waitFor(() => panelText(page), 'the panel');
    assert.equal(await inContentScript(browser, page, 'engineHere'), false);
    // The page's own record of what it loaded holds nothing of the extension's.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    assert.deepEqual(loaded.filter((url) => /^(chrome|moz)-extension:|\.wasm\b/.test(url)), []);
    await page.close();
  });

  test('nothing left the machine', async () => {
    await browser.collectRequests();
    assert.deepEqual(browser.offsiteRequests, []);
  });
});
