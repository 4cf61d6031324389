// Listen (issue 19): the article read aloud with the Web Speech API, sentence by sentence
// (the engine's splitter), local voices only unless the reader allows online ones, play,
// pause, stop and speed, the sentence being read highlighted and kept in view.
//
// Headless browsers here have no voices, so a test copy of the extension puts a stand-in
// speech engine in the content scripts' world: it offers the voices the test page names in
// <html data-test-voices>, "speaks" each utterance for a few milliseconds, and writes what
// it spoke, with which voice and speed, to <html data-test-spoken> for the test to read.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER, FIREFOX_BUILD, ROOT, chooseInPanel, clickInPanel, extensionCopy, inPanel, launch, page as pageFile, panelText, serve, waitFor, test } from './harness.mjs';

const STAND_IN = `(() => {
  const SPEAK_MS = 120;
  const html = document.documentElement;
  const queue = [];
  let timer = null;
  let paused = false;
  const spoken = [];
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.rate = 1; this.voice = null; this.lang = ''; }
  }
  const next = () => {
    timer = null;
    const utterance = queue[0];
    if (!utterance) return;
    if (paused) { timer = setTimeout(next, SPEAK_MS); return; }
    if (!utterance.started) {
      utterance.started = true;
      spoken.push({ text: utterance.text, voice: utterance.voice?.name ?? null, rate: utterance.rate });
      html.dataset.testSpoken = JSON.stringify(spoken);
      utterance.dispatchEvent(new Event('start'));
      timer = setTimeout(next, SPEAK_MS);
      return;
    }
    queue.shift();
    utterance.dispatchEvent(new Event('end'));
    if (!timer && queue.length) timer = setTimeout(next, 0);
  };
  const engine = {
    getVoices: () => JSON.parse(html.dataset.testVoices ?? '[]'),
    addEventListener() {},
    speak(utterance) { queue.push(utterance); if (!timer) timer = setTimeout(next, 0); },
    cancel() { for (const u of queue.splice(0)) u.dispatchEvent(new Event('end')); },
    pause() { paused = true; },
    resume() { paused = false; },
  };
  Object.defineProperty(globalThis, 'speechSynthesis', { value: engine, configurable: true });
  Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
})();
`;

const DEVICE = { name: 'Device voice', lang: 'en-GB', localService: true, default: false };
const ONLINE = { name: 'Online voice', lang: 'en-US', localService: false, default: true };

let server;
let browser;
let copy;

before(async () => {
  server = await serve({ '/long': pageFile('long.html') });
  const listen = join(BROWSER === 'firefox' ? FIREFOX_BUILD : ROOT, 'extension', 'content', 'listen.js');
  copy = extensionCopy([], { files: { 'extension/content/listen.js': STAND_IN + readFileSync(listen, 'utf8') } });
  browser = await launch({ extensionDir: copy });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

async function openPanel(voices) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.url('/long'));
  await page.evaluate((list) => (document.documentElement.dataset.testVoices = JSON.stringify(list)), voices);
  await browser.clickAction(page);
  await waitFor(() => panelText(page), 'the panel');
  await clickInPanel(page, 'button[data-action=listen]');
  return page;
}

const spoken = (page) => page.evaluate(() => JSON.parse(document.documentElement.dataset.testSpoken ?? '[]'));
const voiceLine = (page) => inPanel(page, (root) => root.querySelector('#pith-listen-popover .voice').textContent);
const highlighted = (page) =>
  inPanel(page, (root) => {
    let range = null;
    // forEach rather than spreading: Firefox's test sandbox cannot iterate the set.
    CSS.highlights.get('pith-speaking')?.forEach((item) => (range ??= item));
    if (!range) return null;
    const box = range.getBoundingClientRect();
    const view = root.querySelector('.backdrop').getBoundingClientRect();
    return { text: range.toString(), inView: box.top >= view.top && box.bottom <= view.bottom };
  });

test('Listen reads the article sentence by sentence with a voice on this device, highlighting the sentence and keeping it in view', async () => {
  const page = await openPanel([ONLINE, DEVICE]);
  assert.equal(await voiceLine(page), 'Voice: Device voice (on this device).', 'the online voice is not used, though it is the default');
  await clickInPanel(page, '.listen-play');
  const first = await waitFor(async () => (await spoken(page))[0], 'the first sentence');
  assert.deepEqual(first, {
    text: 'Every morning, before most of the city is awake, a control room on the edge of the northern reservoir decides how much water will flow through nine hundred kilometres of pipe.',
    voice: 'Device voice',
    rate: 1,
  });
  // The engine's sentences, in order; each highlighted in the article as it is read.
  const second = await waitFor(async () => (await spoken(page))[1], 'the second sentence');
  assert.match(second.text, /^The engineers who work there rarely think of themselves as guardians of anything, yet .* narrow street\.$/);
  // Faster: from the next sentence on; remembered.
  await chooseInPanel(page, 'listenRate', '1.5');
  await waitFor(async () => (await spoken(page)).at(-1).rate === 1.5, 'the new speed');
  // Far into the article, the sentence being read is still highlighted, and on screen.
  await waitFor(async () => (await spoken(page)).length > 30, 'thirty sentences', { timeout: 20_000 });
  await waitFor(async () => {
    const [said, shown] = [await spoken(page), await highlighted(page)];
    return shown && shown.text === said.at(-1).text && shown.inView;
  }, 'the sentence being read to be highlighted, in view');
  // Pause: nothing more is read until Resume.
  await clickInPanel(page, '.listen-play');
  assert.equal(await inPanel(page, (root) => root.querySelector('.listen-play').textContent), 'Resume');
  const atPause = (await spoken(page)).length;
  await page.waitForTimeout(400);
  assert.ok((await spoken(page)).length <= atPause + 1, 'paused');
  await clickInPanel(page, '.listen-play');
  await waitFor(async () => (await spoken(page)).length > atPause + 2, 'reading to go on');
  // Stop: silence, no highlight.
  await clickInPanel(page, '.listen-stop');
  const atStop = (await spoken(page)).length;
  assert.equal(await highlighted(page), null);
  await page.waitForTimeout(300);
  assert.equal((await spoken(page)).length, atStop, 'stopped');
  const stored = (await browser.worker.evaluate(() => chrome.storage.sync.get('settings'))).settings;
  assert.equal(stored.listenRate, 1.5);
  // Closing the panel also stops it.
  await clickInPanel(page, '.listen-play');
  await waitFor(async () => (await spoken(page)).length > atStop, 'reading again');
  await page.keyboard.press('Escape'); // closes the Listen popover
  await page.keyboard.press('Escape'); // and the panel
  await waitFor(async () => (await page.locator('pith-reader').count()) === 0, 'the panel to close');
  const atClose = (await spoken(page)).length;
  await page.waitForTimeout(300);
  assert.ok((await spoken(page)).length <= atClose + 1, 'the panel closed, reading stopped');
  await browser.worker.evaluate(() => chrome.storage.sync.clear());
  await page.close();
});

test('with no voice on this device, Listen says so and sends nothing to an online voice unless allowed', async () => {
  const page = await openPanel([ONLINE]);
  assert.match(await voiceLine(page), /^No voice is installed on this device, and Pith does not send the article to online voices unless you allow them\./);
  await clickInPanel(page, '.listen-play');
  await page.waitForTimeout(300);
  assert.deepEqual(await spoken(page), [], 'nothing read');
  // The reader allows online voices: now the online one reads.
  await clickInPanel(page, '#pith-setting-onlineVoices');
  await waitFor(async () => (await voiceLine(page)).startsWith('Voice: Online voice (online'), 'the voice line to change');
  await clickInPanel(page, '.listen-play');
  assert.equal((await waitFor(async () => (await spoken(page))[0], 'a sentence')).voice, 'Online voice');
  await clickInPanel(page, '.listen-stop');
  await browser.worker.evaluate(() => chrome.storage.sync.clear());
  await page.close();
});
