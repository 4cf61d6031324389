// Shared end-to-end test harness: a local page server, the browser with the unpacked
// extension, a real toolbar click, and a window into the closed-shadow panel.
//
// Two browsers, one suite: PITH_BROWSER=firefox runs the tests in Firefox ESR with the
// Firefox build (dist/firefox), else Debian's Chromium with the repository root. Each test
// is named after its browser ("firefox: …"). Firefox is driven over WebDriver BiDi
// (./firefox.mjs), behind the same small API as Playwright's Chromium objects.
import { createServer } from 'node:http';
import { test as nodeTest } from 'node:test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { launchFirefox } from './firefox.mjs';
import { firefoxManifest } from '../../tools/package.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const BROWSER = process.env.PITH_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const FIREFOX_BUILD = join(ROOT, 'dist', 'firefox');

/** node:test's test(), named after the browser it runs in ("firefox: …"). */
export function test(name, ...rest) {
  return nodeTest(`${BROWSER}: ${name}`, ...rest);
}

/** The manifest's shortcuts, e.g. 'Alt+Shift+C' → 'copy-clean-article'. */
const SHORTCUTS = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).commands).map(([name, c]) => [c.suggested_key.default, name]),
);

/** A page fixture's source: `tests/pages/<slug>/source.html`. */
export function fixture(slug) {
  return readFileSync(join(ROOT, 'tests', 'pages', slug, 'source.html'), 'utf8');
}

/**
 * Serves `routes` ({ '/path': { body, headers? } | string }) on 127.0.0.1.
 * Resolves to { origin, url(path), close() }.
 */
export async function serve(routes) {
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const { body, headers = {} } = typeof route === 'string' ? { body: route } : route;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: (path) => origin + path, close: () => new Promise((r) => server.close(r)) };
}

// (*.localhost hosts are this machine too: browsers resolve them to the loopback address.)
const isLocal = (url) => /^(chrome-extension|moz-extension|data|blob|about|chrome):/.test(url) || /^https?:\/\/(127\.0\.0\.1|([a-z0-9-]+\.)*localhost)[:/]/.test(url);

/**
 * Launches the browser with the extension loaded from `extensionDir` (by default the
 * repository root in Chromium, as a user's "Load unpacked" does; the Firefox build in
 * Firefox, as "Load Temporary Add-on" does). Every request that leaves the machine is
 * recorded in `offsiteRequests` (complete after `collectRequests()`): Pith must make none.
 *
 * Resolves to { context, worker, origin, offsiteRequests, requests, clickAction,
 * pressShortcut, chooseFromContextMenu, collectRequests, close, … }: `worker` evaluates in
 * the extension's origin (Chromium: its service worker; Firefox: an extension page, the
 * background page being out of BiDi's reach); `origin` is chrome-extension://… or
 * moz-extension://….
 */
export function launch({ extensionDir } = {}) {
  return BROWSER === 'firefox' ? launchInFirefox(extensionDir ?? FIREFOX_BUILD) : launchInChromium(extensionDir ?? ROOT);
}

async function launchInFirefox(extensionDir) {
  const firefox = await launchFirefox(extensionDir);
  const requests = [];
  const offsiteRequests = [];
  return {
    ...firefox,
    requests,
    offsiteRequests,
    /** Pulls the browser window's record of every HTTP request into requests/offsiteRequests. */
    async collectRequests() {
      const seen = await firefox.requestsSeen();
      requests.splice(0, Infinity, ...seen.map(({ url, addonId }) => ({ url, fromExtension: addonId === firefox.addonId })));
      offsiteRequests.splice(0, Infinity, ...requests.filter((r) => !isLocal(r.url)).map((r) => r.url));
    },
  };
}

async function launchInChromium(extensionDir) {
  const profile = mkdtempSync(join(tmpdir(), 'pith-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // Ready for a click only once the worker's script has added its listeners. Each launch
  // installs the extension anew, and until the first run of the worker's top level has
  // registered `action.onClicked`, the browser knows no listener and drops a click: no
  // panel, no badge (a later click, or one while a stopped worker starts again, is queued
  // for the listener the browser knows; the faults suite checks both). The worker's target
  // appears before its script has run, and on a loaded machine the test's first click
  // could come first: the first-click flake. So wait for the listener, not the target.
  await waitFor(() => worker.evaluate(() => chrome.action.onClicked.hasListeners()), 'the service worker to listen for clicks', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  const offsiteRequests = [];
  // Every request, with who made it: proof that the watch covers the service worker too.
  const requests = [];
  context.on('request', (request) => {
    requests.push({ url: request.url(), fromExtension: Boolean(request.serviceWorker()) });
    if (!isLocal(request.url())) offsiteRequests.push(request.url());
  });
  const browserSession = await context.browser()?.newBrowserCDPSession?.();
  const cdp = browserSession ?? (await context.newCDPSession(context.pages()[0] ?? (await context.newPage())));

  /** Clicks Pith's toolbar button on `page`'s tab (grants activeTab like a real click). */
  async function clickAction(page) {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  }

  /**
   * Runs a panel action ('toggle', 'copy', …) in `page`'s tab the way the service worker
   * does for a shortcut or the context menu (needs the activeTab grant of a click first).
   */
  async function runAction(page, action) {
    await page.bringToFront();
    await worker.evaluate(async (name) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: (n) => globalThis.__pith.run(n), args: [name] });
    }, action);
  }

  /**
   * Synthetic key presses do not reach Chromium's extension commands, nor can a test open
   * its context menu: both run their action the way the service worker does (after a click
   * granted activeTab). Firefox presses the real keys and chooses the real menu item.
   */
  const pressShortcut = (page, keys) => runAction(page, { 'copy-clean-article': 'copy', _execute_action: 'toggle' }[SHORTCUTS[keys]]);
  const chooseFromContextMenu = (page, label) => runAction(page, { 'Copy clean article': 'copy' }[label]);

  async function close() {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }

  return {
    context,
    worker,
    extensionId,
    origin: `chrome-extension://${extensionId}`,
    offsiteRequests,
    requests,
    clickAction,
    runAction,
    pressShortcut,
    chooseFromContextMenu,
    // Test copies grant their host permissions at install, which Chromium never takes back.
    allowPermissionPrompt: async () => false,
    collectRequests: async () => {}, // recorded as they happen
    close,
  };
}

/**
 * A copy of the extension whose manifest grants `hostPermissions` at install: the
 * permission prompt of optional_host_permissions cannot be answered in a headless test,
 * so auto-clean tests start from "the user said yes". Resolves to its directory.
 */
export function extensionCopy(hostPermissions, { files = {}, manifest: changes = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pith-ext-'));
  // Firefox: a copy of the Firefox build, with the manifest derived the same way.
  const source = BROWSER === 'firefox' ? FIREFOX_BUILD : ROOT;
  for (const part of ['extension', 'pkg']) cpSync(join(source, part), join(dir, part), { recursive: true });
  // Test-only files (e.g. a service worker wrapping the real one), and manifest changes.
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const manifest = { ...JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')), host_permissions: hostPermissions, ...changes };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(BROWSER === 'firefox' ? firefoxManifest(manifest) : manifest));
  return dir;
}

/** Stops every service worker of the browser (MV3 may do so at any time), via `page`'s DevTools session. */
export async function stopServiceWorkers(page) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
  } finally {
    await session.detach();
  }
}

/**
 * Runs `fn(shadowRoot, ...args)` against the panel's shadow root, found through the
 * DevTools protocol (as a person can inspect it), so that a page's own <pith-reader>
 * element or a tampered `shadowRoot` getter cannot stand in for it. What the test does
 * there is a script's doing, not the reader's: the panel ignores its synthetic events
 * (clickInPanel and chooseInPanel act as the reader does). Resolves to fn's result, or
 * null when no panel is open.
 */
export function inPanel(page, fn, ...args) {
  return inShadow(page, 'pith-reader', fn, ...args);
}

/** inPanel for the shadow root of Pith's other host elements (`tag`: 'pith-picker'). */
export async function inShadow(page, tag, fn, ...args) {
  if (page.bidi) return inShadowBidi(page.bidi, tag, fn, args);
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    // The one with a shadow root: a page may hold <pith-reader> elements of its own.
    const host = findNode(root, (n) => n.nodeName === tag.toUpperCase() && n.shadowRoots?.length);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result, exceptionDetails } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (...args) { return (${fn})(this, ...args); }`,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await session.detach();
  }
}

/**
 * inShadow over WebDriver BiDi (Firefox): the serialiser hands out closed shadow roots when
 * asked for `includeShadowTree: 'all'`; the function runs in a sandbox of the page (the
 * page's own scripts cannot tamper with the DOM methods it calls).
 */
async function inShadowBidi({ connection, browsingContext }, tag, fn, args) {
  const target = { context: browsingContext, sandbox: 'pith-tests' };
  const found = await connection.send('script.evaluate', {
    expression: `[...document.querySelectorAll(${JSON.stringify(tag)})]`,
    target,
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  const hosts = found.result.result?.value ?? [];
  // The one with a shadow root: a page may hold <pith-reader> elements of its own.
  const shadow = hosts.map((host) => host.value?.shadowRoot).find(Boolean);
  if (!shadow) return null;
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration: `async function (json) { return JSON.stringify(await (${fn})(this, ...JSON.parse(json)) ?? null); }`,
    this: { sharedId: shadow.sharedId },
    arguments: [{ type: 'string', value: JSON.stringify(args) }],
    target,
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (result.type === 'exception') throw new Error(result.exceptionDetails.text);
  return JSON.parse(result.result.value);
}

function findNode(node, match) {
  if (match(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), node.contentDocument].filter(Boolean)) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return null;
}

/**
 * Every record of the reading history's IndexedDB, read in `context` (the service
 * worker, or any extension page: the extension's origin) without changing anything.
 */
export function historyRecords(context) {
  return context.evaluate(
    async () =>
      // Opening a database that does not exist would create an empty one: check first.
      !(await indexedDB.databases()).some((d) => d.name === 'pith-history')
        ? []
        : new Promise((resolve, reject) => {
            const open = indexedDB.open('pith-history');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('records')) return resolve([]);
              const req = db.transaction('records').objectStore('records').getAll();
              req.onsuccess = () => {
                db.close(); // an open connection would block a later upgrade
                resolve(req.result);
              };
              req.onerror = () => reject(req.error);
            };
          }),
  );
}

/**
 * A check still unsettled this long after the deadline counts as a miss: an `evaluate` in a
 * frame caught between two documents can wait for a context that never comes (a full run
 * once hung there for good), and a poll must fail, not hang the suite.
 */
const CHECK_GRACE_MS = 5_000;
const UNSETTLED = Symbol('unsettled');

/** Waits until `check()` resolves truthy (polling), or fails with `what`. */
export async function waitFor(check, what, { timeout = 10_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()) + CHECK_GRACE_MS, UNSETTLED);
    });
    const checked = Promise.resolve(check());
    // Left behind when unsettled, it may still fail later (its page closed): not a test's error.
    checked.catch(() => {});
    const value = await Promise.race([checked, late]).finally(() => clearTimeout(timer));
    if (value && value !== UNSETTLED) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${value === UNSETTLED ? ' (the check never settled)' : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The panel's visible text once it shows an article (or a message), else null. */
/**
 * Opens `url` in a new tab of `browser` (at `viewport` if given), clicks Pith's button and
 * waits for the panel, as a reader does. Resolves to { page, text }: the tab and the
 * panel's text.
 */
export async function openPanelAt(browser, url, { viewport } = {}) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(url);
  await browser.clickAction(page);
  const text = await waitFor(() => panelText(page), 'the panel');
  return { page, text };
}

export function panelText(page) {
  return inPanel(page, async (root) => {
    const sheet = root.querySelector('[role=dialog]');
    if (!sheet || sheet.textContent.includes('Cleaning this page')) return null;
    // innerText leaves out what the browser has not laid out yet: the article's blocks are
    // content-visibility: auto, laid out at the next rendering update after the panel is
    // drawn (read before it, the seed's panel once ended at "Summary"). Two frames on, the
    // blocks on screen are there, as the reader sees them. (A timer beside: a tab in the
    // background gets no frames.)
    await new Promise((done) => {
      requestAnimationFrame(() => requestAnimationFrame(done));
      setTimeout(done, 250);
    });
    return sheet.innerText;
  });
}

/** Reads a page from tests/e2e/pages/. */
export function page(name) {
  return readFileSync(join(ROOT, 'tests', 'e2e', 'pages', name), 'utf8');
}

/**
 * Clicks the panel control matching `selector` with a real (trusted) mouse click, as a
 * person does: clipboard writes need that user activation.
 */
export async function clickInPanel(page, selector) {
  const box = await inPanel(
    page,
    async (root, sel) => {
      const node = root.querySelector(sel);
      if (!node) return null;
      node.scrollIntoView({ block: 'center' });
      // Where the reader would see it: after what the last input set off has been laid out
      // (a popover is placed by its toggle event, which comes after the click that opened
      // it; measured before, a click on its button once landed where it was not yet).
      // (A timer beside: a tab in the background gets no frames.)
      await new Promise((done) => {
        requestAnimationFrame(() => requestAnimationFrame(done));
        setTimeout(done, 250);
      });
      const { x, y, width, height } = node.getBoundingClientRect();
      return { x: x + width / 2, y: y + height / 2 };
    },
    selector,
  );
  if (!box) throw new Error(`no ${selector} in the panel`);
  await page.mouse.click(box.x, box.y);
}

/**
 * The reader scrolls: a turn of the mouse wheel over the panel (the panel sends a reading
 * position only after the reader's own input, never after a script's scrolling).
 */
export async function readerScrolls(page) {
  const { x, y } = await inPanel(page, (root) => {
    const box = root.querySelector('.backdrop').getBoundingClientRect();
    return { x: box.width / 2, y: box.height / 2 };
  });
  await page.mouse.move(x, y);
  // (Puppeteer's wheel, in the Firefox driver, takes an object.)
  if (BROWSER === 'firefox') await page.mouse.wheel({ deltaY: 40 });
  else await page.mouse.wheel(0, 40);
}

/**
 * Chooses `value` in the panel's <select data-setting=name> as a keyboard user does: its
 * popover shown, the select focused, the arrow keys pressed (each a choice, as in both
 * browsers on a closed select), the popover closed again with Escape if it was not open
 * before. Nothing when it is chosen already.
 */
export async function chooseInPanel(page, name, value) {
  const { moves, wasOpen } = await inPanel(
    page,
    (root, n, v) => {
      const select = root.querySelector(`select[data-setting=${n}]`);
      const to = [...select.options].findIndex((option) => option.value === v);
      if (to < 0) throw new Error(`no ${v} in the ${n} select`);
      const popover = select.closest('[popover]');
      const wasOpen = !popover || popover.matches(':popover-open');
      if (!wasOpen) popover.showPopover();
      select.focus();
      return { moves: to - select.selectedIndex, wasOpen };
    },
    name,
    value,
  );
  for (let step = 0; step < Math.abs(moves); step++) await page.keyboard.press(moves > 0 ? 'ArrowDown' : 'ArrowUp');
  // Escape closes the popover (the focus goes back to its button, in the panel).
  if (!wasOpen) await page.keyboard.press('Escape');
  const chosen = await inPanel(page, (root, n, open) => {
    const popover = root.querySelector(`select[data-setting=${n}]`).closest('[popover]');
    return popover && popover.matches(':popover-open') !== open ? `the popover ${open ? 'closed' : 'still open'}` : root.querySelector(`select[data-setting=${n}]`).value;
  }, name, wasOpen);
  if (chosen !== value) throw new Error(`chose ${chosen}, not ${value}, in the ${name} select`);
}

/** WCAG contrast ratio of two CSS `rgb(…)` colours. */
export function contrast(a, b) {
  const luminance = (css) => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The history frame's address, as the browser reports frames (issue 15). */
export const HISTORY_FRAME_PATH = '/extension/history-frame/frame.html';

/**
 * The panel's history frame (an extension page inside the panel) once it has drawn the
 * service worker's answer: a Playwright Frame, read as the reader sees it. The frame
 * loads when the reader comes near it, so the panel is scrolled to it first, as the
 * reader would. Fails after `timeout` when there is none.
 */
export function historyFrame(page, { timeout = 10_000 } = {}) {
  return waitFor(
    async () => {
      await inPanel(page, (root) => root.querySelector('.history')?.scrollIntoView({ block: 'end' }));
      // Asked of each frame: Firefox's BiDi reports no navigation of moz-extension frames,
      // so their url() stays about:blank.
      for (const frame of page.frames()) {
        const drawn = await frame
          .evaluate((path) => location.pathname === path && document.getElementById('answer')?.childElementCount > 0, HISTORY_FRAME_PATH)
          .catch(() => false);
        if (drawn) return frame;
      }
      return null;
    },
    'the history frame',
    { timeout },
  );
}

/** The history frame's text, as the reader sees it. */
export async function historyText(page, options) {
  return (await historyFrame(page, options)).evaluate(() => document.body.innerText);
}

/**
 * What the clipboard holds: { text, html } (null for a missing flavour, and nulls while a
 * write is still landing). Firefox: read by the browser window (a page may read only while
 * it has the focus, which a context menu takes). Chromium: read by `page`, which needs
 * the clipboard-read permission granted to its origin.
 */
export async function clipboardOf(browser, page) {
  if (BROWSER === 'firefox') return browser.clipboard();
  const empty = { text: null, html: null };
  return page
    .evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const read = async (type) => (item.types.includes(type) ? (await item.getType(type)).text() : null);
      return { text: await read('text/plain'), html: await read('text/html') };
    })
    .catch(() => empty);
}
