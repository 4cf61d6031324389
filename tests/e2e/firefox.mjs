// Firefox ESR for the end-to-end tests: the same small API as Playwright's Chromium objects
// that the tests use (context.newPage, page.goto/evaluate/locator/…), over WebDriver BiDi
// with puppeteer-core (Playwright cannot drive a stock Firefox). What BiDi does not offer
// runs in Firefox's own browser window (the "chrome"), which BiDi reaches when Firefox starts
// with --remote-allow-system-access:
//   - the toolbar click: a real mouse click on Pith's button, pinned to the toolbar as a
//     user does ("Pin to toolbar"); keyboard shortcuts: real key presses in the browser
//     window; the context menu: opened by a right click in the page, its item chosen;
//   - reading the clipboard, the colour scheme, and watching every HTTP request.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

/* global Cc, Ci, CustomizableUI, Services, gBrowser -- the browser window's globals, in functions run there */

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Firefox's id for a browser-window widget of an add-on (ExtensionCommon.makeWidgetId). */
const widgetId = (addonId) => addonId.toLowerCase().replace(/[^a-z0-9_-]/g, '_');

/**
 * Launches headless Firefox ESR with the unpacked Firefox build in `extensionDir` installed
 * as a temporary add-on (as about:debugging's "Load Temporary Add-on" does).
 */
export async function launchFirefox(extensionDir) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const addonId = manifest.browser_specific_settings.gecko.id;
  // The moz-extension:// host is random per profile; fixing it lets tests open its pages.
  const uuid = randomUUID();
  const downloads = mkdtempSync(join(tmpdir(), 'pith-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      // navigator.clipboard.read() from a page without Firefox's paste prompt (tests only).
      'dom.events.testing.asyncClipboard': true,
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
    // Playwright's default, which the tests' coordinates assume.
    defaultViewport: { width: 1280, height: 720 },
  });
  await browser.installExtension(extensionDir);
  const connection = browser.connection;
  const origin = `moz-extension://${uuid}`;
  const widget = `${widgetId(addonId)}-browser-action`;

  const {
    result: { contexts },
  } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chromeWindow = contexts[0].context;

  /** Runs `fn(...args)` in the browser window (privileged); resolves to its JSON result. */
  async function inChrome(fn, ...args) {
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration: `async function (json) { const value = await (${fn})(...JSON.parse(json)); return JSON.stringify(value ?? null); }`,
      arguments: [{ type: 'string', value: JSON.stringify(args) }],
      target: { context: chromeWindow },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (result.type === 'exception') throw new Error(`in the browser window: ${result.exceptionDetails.text}`);
    return JSON.parse(result.result.value);
  }

  // Every HTTP(S) request of every process (pages, content scripts, the add-on's background
  // and pages all load through the parent's network stack), with who asked for it.
  await inChrome(() => {
    const seen = (window.__pithRequests = []);
    const observer = {
      observe(subject) {
        const channel = subject.QueryInterface(Ci.nsIHttpChannel);
        const principal = channel.loadInfo?.triggeringPrincipal;
        // The browser's own requests (system principal: remote settings and Firefox's
        // other services, which Chromium's --disable-background-networking turns off
        // there) are not a page's or an add-on's; every other request is recorded.
        if (principal?.isSystemPrincipal) return;
        seen.push({ url: channel.URI.spec, addonId: principal?.addonId || null });
      },
    };
    Services.obs.addObserver(observer, 'http-on-modify-request');
    window.__pithRequestObserver = observer;
    // The browser console's messages (the add-on's background page and content scripts
    // log there), printed at close with PITH_FIREFOX_CONSOLE=1, for debugging.
    const messages = (window.__pithConsole = []);
    Services.console.registerListener({ observe: (message) => messages.push(message.message ?? String(message)) });
  });
  // The toolbar button, pinned where a user would click it.
  await inChrome((id) => CustomizableUI.addWidgetToArea(id, CustomizableUI.AREA_NAVBAR), widget);

  const wrap = (page) => new FirefoxPage(page, { connection, context });
  const context = {
    async newPage() {
      return wrap(await browser.newPage());
    },
    /** Resolves to the next page opened (Playwright's context.waitForEvent('page')). */
    waitForEvent(event) {
      if (event !== 'page') throw new Error(`waitForEvent(${event}) is not supported in Firefox`);
      return new Promise((resolve) => {
        // Frames are targets too (the panel's history frame, when it loads meanwhile), of the
        // same type() as tabs: told apart by puppeteer's class for them.
        const isTab = (target) => target.constructor.name !== 'BidiFrameTarget';
        const onTarget = async (target) => {
          if (!isTab(target)) return;
          const opened = await target.page();
          browser.off('targetcreated', onTarget);
          const page = wrap(opened);
          let href = 'about:blank';
          await waitUntil(async () => (href = await page.evaluate(() => location.href).catch(() => 'about:blank')) !== 'about:blank', 'the new page');
          if (href.startsWith('moz-extension:')) page.currentUrl = href;
          resolve(page);
        };
        browser.on('targetcreated', onTarget);
      });
    },
    grantPermissions: async () => {}, // the clipboard pref above stands for the permission
    downloads,
    browser: () => browser,
    emulateColorScheme: (page, scheme) => emulateColorScheme(page, scheme),
    emulateMedium: (page, medium) => emulateMedium(page, medium),
  };

  // The extension's privileged context for tests: Firefox's background page cannot be
  // reached through BiDi, so an extension page in a tab of its own stands for it (same
  // origin, same APIs: storage, scripting, IndexedDB).
  const workerPage = await context.newPage();
  await workerPage.goto(`${origin}/extension/options/options.html`);

  /** Selects `page`'s tab, as the user looks at the page they act on. */
  async function select(page) {
    await page.bringToFront();
    const url = page.url();
    await inChrome(async (expected) => {
      for (let i = 0; i < 100 && gBrowser.selectedBrowser.currentURI.spec !== expected; i++) await new Promise((r) => setTimeout(r, 20));
      if (gBrowser.selectedBrowser.currentURI.spec !== expected) throw new Error(`the tab of ${expected} is not selected`);
      gBrowser.selectedBrowser.focus();
    }, url);
  }

  /** Clicks Pith's toolbar button with the mouse while `page`'s tab is selected. */
  async function clickAction(page) {
    await select(page);
    await inChrome((id) => {
      const button = CustomizableUI.getWidget(id).forWindow(window).node.querySelector('.unified-extensions-item-action-button');
      const box = button.getBoundingClientRect();
      const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
      for (const type of ['mousedown', 'mouseup']) window.synthesizeMouseEvent(type, x, y, { button: 0, clickCount: 1 }, { isDOMEventSynthesized: true });
    }, widget);
  }

  /** Presses a shortcut such as 'Alt+Shift+C' in the browser window, `page`'s tab selected. */
  async function pressShortcut(page, shortcut) {
    await select(page);
    await inChrome((keys) => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      tip.beginInputTransactionForTests(window);
      const MODIFIERS = { Alt: ['AltLeft', 18], Shift: ['ShiftLeft', 16], Control: ['ControlLeft', 17], Ctrl: ['ControlLeft', 17] };
      const events = keys.split('+').map((key) => {
        const [code, keyCode] = MODIFIERS[key] ?? [`Key${key.toUpperCase()}`, key.toUpperCase().charCodeAt(0)];
        return new KeyboardEvent('', { key: MODIFIERS[key] ? (key === 'Ctrl' ? 'Control' : key) : key.toUpperCase(), code, keyCode });
      });
      for (const event of events) tip.keydown(event);
      for (const event of events.reverse()) tip.keyup(event);
    }, shortcut);
  }

  /** Opens the page's context menu with a right click at (x, y) and chooses `label`. */
  async function chooseFromContextMenu(page, label, { x = 300, y = 300 } = {}) {
    await select(page);
    const shown = inChrome(
      () =>
        new Promise((resolve) => {
          const menu = document.getElementById('contentAreaContextMenu');
          menu.addEventListener('popupshown', () => resolve(true), { once: true });
          setTimeout(() => resolve(false), 5000);
        }),
    );
    await page.mouse.click(x, y, { button: 'right' });
    if (!(await shown)) throw new Error('the context menu did not open');
    const chosen = await inChrome((text) => {
      const menu = document.getElementById('contentAreaContextMenu');
      const item = [...menu.querySelectorAll('menuitem')].find((node) => node.label === text && !node.hidden);
      if (item) menu.activateItem(item);
      else menu.hidePopup();
      return Boolean(item);
    }, label);
    if (!chosen) throw new Error(`no "${label}" in the context menu`);
  }

  /**
   * Answers the add-on permission prompt ("Pith requests additional permissions") with
   * "Allow", as the user would; resolves to false when none showed within `timeout` ms.
   */
  function allowPermissionPrompt(timeout = 3000) {
    return inChrome(async (ms) => {
      const deadline = Date.now() + ms;
      let node;
      while (!(node = document.getElementById('addon-webext-permissions-notification')) || node.hidden || !node.button) {
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      node.button.click();
      return true;
    }, timeout);
  }

  /**
   * allowPermissionPrompt for a prompt in any browser window (a popup window the extension
   * opened has its own): accepts the first one shown; false after `timeout` ms.
   */
  function allowPermissionPromptInAnyWindow(timeout = 3000) {
    return inChrome(async (ms) => {
      const deadline = Date.now() + ms;
      for (;;) {
        for (const win of Services.wm.getEnumerator('navigator:browser')) {
          const node = win.document.getElementById('addon-webext-permissions-notification');
          if (node && !node.hidden && node.button) {
            node.button.click();
            return true;
          }
        }
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
    }, timeout);
  }

  /** Sets the colour scheme `page` sees ('light' | 'dark'), as the system setting would. */
  function emulateColorScheme(page, scheme) {
    return inChrome(async (url, value) => {
      const tab = gBrowser.browsers.find((b) => b.currentURI.spec === url);
      tab.browsingContext.prefersColorSchemeOverride = value;
    }, page.url(), scheme);
  }

  /** Sets the CSS medium `page` is laid out for ('print' | 'screen'), as print preview does. */
  function emulateMedium(page, medium) {
    return inChrome(async (url, value) => {
      const tab = gBrowser.browsers.find((b) => b.currentURI.spec === url);
      tab.browsingContext.mediumOverride = value === 'screen' ? '' : value;
    }, page.url(), medium);
  }

  /** What the clipboard holds: { text, html } (null for a missing flavour). */
  function clipboard() {
    return inChrome(() => {
      const read = (flavour) => {
        const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
        transferable.init(null);
        transferable.addDataFlavor(flavour);
        try {
          Services.clipboard.getData(transferable, Services.clipboard.kGlobalClipboard);
          const data = {};
          transferable.getTransferData(flavour, data);
          return data.value?.QueryInterface(Ci.nsISupportsString).data ?? null;
        } catch {
          return null;
        }
      };
      return { text: read('text/plain'), html: read('text/html') };
    });
  }

  /** Every HTTP(S) request seen so far: [{ url, addonId }]. */
  const requestsSeen = () => inChrome(() => window.__pithRequests);

  async function close() {
    if (process.env.PITH_FIREFOX_CONSOLE) {
      for (const line of await inChrome(() => window.__pithConsole).catch(() => [])) console.log(`firefox console: ${line}`);
    }
    await browser.close();
    rmSync(downloads, { recursive: true, force: true });
  }

  return {
    browser,
    context,
    worker: workerPage,
    addonId,
    origin,
    downloads,
    inChrome,
    clickAction,
    pressShortcut,
    chooseFromContextMenu,
    allowPermissionPrompt,
    allowPermissionPromptInAnyWindow,
    emulateColorScheme,
    clipboard,
    requestsSeen,
    close,
  };
}

/** Puppeteer's keyboard, taking Playwright's key combinations ('Shift+Tab'). */
class Keyboard {
  constructor(keyboard) {
    this.keyboard = keyboard;
  }

  async press(keys) {
    const parts = keys.split('+');
    const key = parts.pop();
    for (const modifier of parts) await this.keyboard.down(modifier);
    await this.keyboard.press(key);
    for (const modifier of parts.reverse()) await this.keyboard.up(modifier);
  }

  type(text) {
    return this.keyboard.type(text);
  }
}

/** A puppeteer frame with Playwright's Frame calls the tests use. */
class FirefoxFrame {
  constructor(frame, connection) {
    this.frame = frame;
    this.bidi = { connection, browsingContext: frame._id };
  }

  url() {
    return this.frame.url();
  }

  evaluate(fn, arg) {
    return this.frame.evaluate(fn, arg);
  }

  goto(url) {
    return this.bidi.connection.send('browsingContext.navigate', { context: this.bidi.browsingContext, url, wait: 'none' });
  }

  locator(selector, { hasText = null } = {}) {
    return new Locator(this.frame, (root, sel) => [...root.querySelectorAll(sel)], selector, { hasText });
  }
}

/**
 * A puppeteer page with the part of Playwright's Page API the tests use. `context()` gives
 * the BiDi connection and the page's browsing context id (for the panel's shadow root).
 */
class FirefoxPage {
  constructor(page, { connection, context }) {
    this.page = page;
    this.bidi = { connection, browsingContext: page.mainFrame()._id };
    this.owner = context;
    this.keyboard = new Keyboard(page.keyboard);
    this.mouse = page.mouse;
  }

  context() {
    return this.owner;
  }

  async goto(url) {
    // Extension pages report no "load" over BiDi: wait for their document instead.
    if (url.startsWith('moz-extension:')) {
      const { connection, browsingContext } = this.bidi;
      await connection.send('browsingContext.navigate', { context: browsingContext, url, wait: 'none' });
      await this.waitForURL(url);
      await this.waitForLoadState();
      return;
    }
    await this.page.goto(url);
  }

  /** page.url() follows BiDi's navigation events, which extension pages do not send. */
  url() {
    return this.currentUrl ?? this.page.url();
  }

  async waitForURL(url) {
    await waitUntil(async () => (await this.page.evaluate(() => location.href).catch(() => null)) === url, url);
    this.currentUrl = url.startsWith('moz-extension:') ? url : null;
  }

  waitForLoadState() {
    return waitUntil(async () => (await this.page.evaluate(() => document.readyState).catch(() => null)) === 'complete', 'the page to load');
  }

  async reload() {
    if (this.url().startsWith('moz-extension:')) {
      await this.page.evaluate(() => {
        document.documentElement.dataset.pithStale = '1';
        location.reload();
      });
      const deadline = Date.now() + 10_000;
      while ((await this.page.evaluate(() => document.readyState === 'complete' && !document.documentElement.dataset.pithStale).catch(() => false)) !== true) {
        if (Date.now() > deadline) throw new Error('timed out reloading');
        await sleep(50);
      }
      return;
    }
    await this.page.reload();
  }

  evaluate(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  bringToFront() {
    return this.page.bringToFront();
  }

  close() {
    return this.page.close();
  }

  focus(selector) {
    return this.page.focus(selector);
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  setViewportSize({ width, height }) {
    return this.page.setViewport({ width, height });
  }

  /** Playwright's emulateMedia: the colour scheme, and the medium ('print' | 'screen'). */
  async emulateMedia({ colorScheme, media }) {
    if (colorScheme !== undefined) await this.owner.emulateColorScheme(this, colorScheme);
    if (media !== undefined) await this.owner.emulateMedium(this, media);
  }

  screenshot(options) {
    return this.page.screenshot(options);
  }

  on(event, handler) {
    this.page.on(event, handler);
    return this;
  }

  once(event, handler) {
    this.page.once(event, handler);
    return this;
  }

  locator(selector, { hasText = null } = {}) {
    return new Locator(this.page, (root, sel) => [...root.querySelectorAll(sel)], selector, { hasText });
  }

  /** The page's frames (Playwright's page.frames()), its own first. */
  frames() {
    return this.page.frames().map((frame) => new FirefoxFrame(frame, this.bidi.connection));
  }

  /** Runs `fn(arg)` in every new document of this page before its own scripts. */
  addInitScript(fn, arg) {
    return this.page.evaluateOnNewDocument(fn, arg);
  }

  /** Buttons, links, checkboxes… by role and accessible name (the subset the tests use). */
  getByRole(role, { name }) {
    const TAGS = { button: 'button, [role=button], input[type=button], input[type=submit]', checkbox: 'input[type=checkbox], [role=checkbox]', link: 'a[href]' };
    return new Locator(
      this.page,
      (root, [sel, label]) =>
        [...root.querySelectorAll(sel)].filter((node) => (node.getAttribute('aria-label') ?? node.textContent ?? node.value).trim() === label),
      [TAGS[role], name],
    );
  }

  click(selector) {
    return this.locator(selector).click();
  }

  async fill(selector, value) {
    await this.page.evaluate((sel) => {
      const input = document.querySelector(sel);
      input.focus();
      input.value = '';
    }, selector);
    if (value) await this.page.type(selector, value);
    else await this.page.evaluate((sel) => document.querySelector(sel).dispatchEvent(new Event('input', { bubbles: true })), selector);
  }

  async check(selector) {
    if (!(await this.page.$eval(selector, (node) => node.checked))) await this.click(selector);
  }

  async uncheck(selector) {
    if (await this.page.$eval(selector, (node) => node.checked)) await this.click(selector);
  }

  /** Playwright's setInputFiles with an in-memory file: written to a temporary file first. */
  async setInputFiles(selector, { name, buffer }) {
    const dir = mkdtempSync(join(tmpdir(), 'pith-upload-'));
    const path = join(dir, name);
    writeFileSync(path, buffer);
    try {
      await (await this.page.$(selector)).uploadFile(path);
    } finally {
      setTimeout(() => rmSync(dir, { recursive: true, force: true }), 5000);
    }
  }

  /** 'download': resolves to { path() } once a new file is complete in the download folder. */
  waitForEvent(event) {
    if (event !== 'download') throw new Error(`waitForEvent(${event}) is not supported in Firefox`);
    return waitForDownload(this.owner.downloads);
  }
}

async function waitForDownload(dir) {
  const before = new Set(readdirSync(dir));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const complete = readdirSync(dir).filter((name) => !before.has(name) && !name.endsWith('.part'));
    const partial = readdirSync(dir).some((name) => name.endsWith('.part'));
    if (complete.length && !partial) {
      const path = join(dir, complete[0]);
      // Seen once more with the same size: the file is written.
      const size = statSync(path).size;
      await sleep(100);
      if (existsSync(path) && statSync(path).size === size) return { path: async () => path };
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for a download');
    await sleep(50);
  }
}

/** Elements found by `find(document, arg)` in a page or frame (Playwright's Locator, in small). */
class Locator {
  constructor(target, find, arg, { index = null, hasText = null } = {}) {
    Object.assign(this, { target, find, arg, index, hasText });
  }

  /** The expression that finds the nodes (run by BiDi: no page CSP applies to it). */
  nodes() {
    const pick = this.index === null ? '' : `.slice(${this.index}, ${this.index + 1})`;
    const text = this.hasText === null ? '' : `.filter((node) => node.textContent.includes(${JSON.stringify(this.hasText)}))`;
    return `(${this.find})(document, ${JSON.stringify(this.arg)})${text}${pick}`;
  }

  /** Runs `fn(nodes)` in the page on the matched nodes. */
  run(fn) {
    return this.target.evaluate(`(${fn})(${this.nodes()})`);
  }

  first() {
    return new Locator(this.target, this.find, this.arg, { index: 0, hasText: this.hasText });
  }

  count() {
    return this.run((nodes) => nodes.length);
  }

  isVisible() {
    return this.run((nodes) => nodes.length > 0 && nodes[0].checkVisibility());
  }

  innerText() {
    return this.run((nodes) => nodes[0].innerText);
  }

  allInnerTexts() {
    return this.run((nodes) => nodes.map((node) => node.innerText));
  }

  /** A real mouse click on the element (scrolled into view; it must be there, as for a person). */
  async click() {
    await waitUntil(() => this.run((nodes) => nodes.length > 0 && nodes[0].checkVisibility()), 'an element to click', 5000);
    const handle = await this.target.evaluateHandle(`(${this.nodes()})[0]`);
    try {
      await handle.click();
    } finally {
      await handle.dispose();
    }
  }
}
