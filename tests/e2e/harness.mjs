// Shared end-to-end test harness: a local page server, Debian's Chromium with the
// unpacked extension, a real toolbar click, and a window into the closed-shadow panel.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function fixture(name) {
  return readFileSync(join(FIXTURES, name), 'utf8');
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

/**
 * Launches Chromium with the extension loaded from `extensionDir` (the repository root
 * by default, as a user's "Load unpacked" does). Every request that leaves the machine
 * is recorded in `offsiteRequests`: Pith must make none.
 */
export async function launch({ extensionDir = ROOT } = {}) {
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
  const extensionId = new URL(worker.url()).host;
  const offsiteRequests = [];
  const isLocal = (url) => /^(chrome-extension|data|blob|about|chrome):/.test(url) || /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url);
  context.on('request', (request) => {
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

  async function close() {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }

  return { context, worker, extensionId, offsiteRequests, clickAction, close };
}

/**
 * Runs `fn(shadowRoot, ...args)` against the panel's closed shadow root (reachable
 * through the DevTools protocol, as a person can inspect it; never from the page).
 * Resolves to fn's result, or null when no panel is open.
 */
export async function inPanel(page, fn, ...args) {
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    // The one with a shadow root: a page may hold <pith-reader> elements of its own.
    const host = findNode(root, (n) => n.nodeName === 'PITH-READER' && n.shadowRoots?.length);
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

function findNode(node, match) {
  if (match(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), node.contentDocument].filter(Boolean)) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return null;
}

/** Waits until `check()` resolves truthy (polling), or fails with `what`. */
export async function waitFor(check, what, { timeout = 10_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The panel's visible text once it shows an article (or a message), else null. */
export function panelText(page) {
  return inPanel(page, (root) => {
    const sheet = root.querySelector('[role=dialog]');
    return sheet && !sheet.textContent.includes('Cleaning this page') ? sheet.innerText : null;
  });
}
