// What a web page can do against the reading panel (issue 15), written as the attacker
// would write it: plain functions evaluated in the page's own JavaScript world, with
// every API a page has. Each returns (or leaves in window.__attack) everything the page
// managed to observe, as strings; the tests then look for the reader's history in them.
//
// Browser-neutral on purpose: each function goes to `page.evaluate(fn, arg)` (Playwright
// and Puppeteer alike), so the Firefox suite can run the same attacks.

/**
 * Installed before the page's own scripts run (an init script): records what a page can
 * watch passively while the panel opens, fills and is used: DOM mutations (with their
 * text), focus and blur, messages posted to the window, every performance entry (resource
 * timing, layout shifts with their rectangles, LCP, long animation frames with their
 * scripts' URLs, user timing), Navigation API events, resizes of the panel's host, and
 * print events. Read with `observed()`.
 */
export function watch() {
  const log = [];
  const note = (kind, value) => log.push(`${kind}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  Object.defineProperty(window, '__attack', { value: { log, note } });
  const describe = (node) => (node ? `${node.nodeName} ${node.textContent?.slice(0, 500) ?? ''}` : 'null');
  const watchTree = new MutationObserver((records) => {
    for (const r of records) {
      note('mutation', `${r.type} on ${describe(r.target)} +[${[...r.addedNodes].map(describe).join(' | ')}] attr ${r.attributeName ?? ''}=${r.attributeName ? r.target.getAttribute?.(r.attributeName) : ''}`);
      for (const added of r.addedNodes) {
        if (added.nodeType !== 1) continue;
        // The panel's host: watch its size and visibility as well.
        new ResizeObserver((entries) => entries.forEach((e) => note('resize', [e.target.nodeName, e.contentRect]))).observe(added);
        new IntersectionObserver((entries) => entries.forEach((e) => note('intersection', [e.target.nodeName, e.intersectionRect, e.isIntersecting]))).observe(added);
        note('host', { innerText: added.innerText, outerHTML: added.outerHTML, shadow: String(added.shadowRoot), aria: [...added.attributes].map((a) => `${a.name}=${a.value}`) });
        // An open shadow root (the panel's, for translators): watched from the start too,
        // so that nothing passing through it (an address, a word) goes unseen.
        if (added.shadowRoot) watchTree.observe(added.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
      }
    }
  });
  watchTree.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  for (const type of ['focus', 'blur', 'focusin', 'focusout', 'message', 'visibilitychange', 'beforeprint', 'afterprint', 'selectionchange', 'copy', 'keydown']) {
    window.addEventListener(
      type,
      (event) => note(`event ${type}`, { target: event.target?.nodeName, data: event.data, origin: event.origin, key: event.key, active: document.activeElement?.nodeName, selection: String(getSelection()) }),
      true,
    );
  }
  // (The text fragments probeChannels navigates to name its guesses: elided, they are the page's own.)
  globalThis.navigation?.addEventListener('navigate', (event) => note('navigate', event.destination.url.replace(/:~:text=.*/, ':~:text=…')));
  // What a copy that goes through the page's document (a copy event: Pith's fallback, or
  // the reader's own Ctrl+C) carries, read by the page's last listener, once Pith's has run.
  window.addEventListener('copy', (event) => note('copied', [...(event.clipboardData?.types ?? [])].map((type) => `${type}=${event.clipboardData.getData(type)}`).join(' ')));
  // The faces the document's font set loads (Pith's bundled face is added from bytes).
  document.fonts?.addEventListener('loadingdone', (event) => note('fonts', event.fontfaces.map((face) => `${face.family} ${face.status}`)));
  const entry = (e) => ({
    type: e.entryType,
    name: e.name,
    url: e.url,
    size: e.size,
    value: e.value,
    element: e.element ? `${e.element.nodeName} ${e.element.textContent?.slice(0, 300)}` : null,
    sources: e.sources?.map((s) => ({ node: s.node?.nodeName, textContent: s.node?.textContent?.slice(0, 300), previous: s.previousRect, current: s.currentRect })),
    scripts: e.scripts?.map((s) => ({ sourceURL: s.sourceURL, invoker: s.invoker, sourceFunctionName: s.sourceFunctionName })),
    detail: e.detail,
  });
  for (const type of PerformanceObserver.supportedEntryTypes) {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((e) => note('performance', entry(e)))).observe({ type, buffered: true });
    } catch {
      // an entry type this browser lists but cannot observe this way
    }
  }
}

/** Everything `watch()` saw so far (strings). */
export function observed() {
  return window.__attack?.log ?? ['watch() was not installed'];
}

/**
 * The review's exploit and its relatives: window.find() on labels and on whatever the
 * attacker guesses, then Selection.modify to extend over the rest of the document (by
 * document, paragraph, line and word), in both directions; and find() as a yes/no oracle
 * on guessed titles (`guesses`, which must not be in the page itself). An exception is an
 * answer too (Firefox throws a SecurityError when the search reaches a cross-origin
 * frame): it is recorded as the oracle's answer.
 */
export function findAndExtend({ labels, guesses }) {
  const out = [];
  const selection = getSelection();
  // (string, caseSensitive, backwards, wrapAround, wholeWord, searchInFrames)
  const find = (text) => {
    try {
      return window.find(text, false, false, true, false, true) ? 'FOUND' : 'no';
    } catch (error) {
      return `threw ${error.name}`;
    }
  };
  for (const label of labels) {
    for (const [direction, granularity] of [
      ['forward', 'documentboundary'],
      ['backward', 'documentboundary'],
      ['forward', 'paragraphboundary'],
      ['forward', 'line'],
      ['backward', 'line'],
      ['forward', 'word'],
    ]) {
      selection.removeAllRanges();
      const found = find(label);
      if (found !== 'FOUND') {
        out.push(`find ${label}: ${found}`);
        continue;
      }
      for (let step = 0; step < (granularity.endsWith('boundary') ? 1 : 40); step++) selection.modify('extend', direction, granularity);
      out.push(`find ${label} ${direction} ${granularity}: ${selection.toString()}`);
      out.push(`anchor ${selection.anchorNode?.nodeName} ${selection.anchorNode?.textContent?.slice(0, 300)}`);
    }
  }
  for (const guess of guesses) out.push(`oracle ${guess}: ${find(guess)}`);
  selection.removeAllRanges();
  return out;
}

/**
 * Select everything, every way a page can: execCommand('selectAll') (from the document
 * and with the panel's host focused), selectAllChildren of the root and of the host,
 * Ctrl+A's equivalent by Selection.modify, a Range over the whole document, the host's
 * innerText/textContent/outerHTML, the document's innerText, and composed ranges.
 */
export function selectEverything() {
  const out = [];
  const selection = getSelection();
  const host = document.querySelector('pith-reader');
  const read = (how) => out.push(`${how}: ${selection.toString()}`);
  selection.removeAllRanges();
  document.execCommand('selectAll');
  read('execCommand selectAll');
  if (host) {
    host.tabIndex = -1;
    host.focus();
    document.execCommand('selectAll');
    read('execCommand selectAll in host');
    selection.selectAllChildren(host);
    read('selectAllChildren host');
    out.push(`composed ${JSON.stringify(selection.getComposedRanges?.().map((r) => [r.startContainer.nodeName, r.startOffset, r.endContainer.nodeName, r.endOffset]))}`);
    out.push(`host innerText: ${host.innerText}`, `host textContent: ${host.textContent}`, `host outerHTML: ${host.outerHTML}`);
    out.push(`host shadowRoot: ${host.shadowRoot}`, `host children: ${host.children.length}`);
  }
  selection.selectAllChildren(document.documentElement);
  read('selectAllChildren root');
  selection.collapse(document.body ?? document.documentElement, 0);
  selection.modify('extend', 'forward', 'documentboundary');
  read('modify from the start');
  const range = document.createRange();
  range.selectNodeContents(document.documentElement);
  out.push(`range: ${range.toString()}`, `fragment: ${range.cloneContents().textContent}`);
  out.push(`document innerText: ${document.documentElement.innerText}`);
  selection.removeAllRanges();
  return out;
}

/**
 * Point probes over the whole viewport: caretRangeFromPoint, caretPositionFromPoint (with
 * and without asking for shadow roots), elementsFromPoint, and a selection extended from
 * each caret. Layout (the host's rectangles) goes in too: the tests compare it between
 * histories.
 */
export function probePoints({ step = 40 } = {}) {
  const out = [];
  const describe = (node, offset) => (node ? `${node.nodeName}@${offset}:${node.textContent?.slice(0, 200)}` : 'null');
  const selection = getSelection();
  for (let y = 0; y < innerHeight; y += step) {
    for (let x = 0; x < innerWidth; x += step * 4) {
      const range = document.caretRangeFromPoint?.(x, y);
      out.push(`caretRange ${x},${y} ${describe(range?.startContainer, range?.startOffset)}`);
      const position = document.caretPositionFromPoint?.(x, y);
      out.push(`caretPosition ${x},${y} ${describe(position?.offsetNode, position?.offset)}`);
      out.push(`elements ${x},${y} ${document.elementsFromPoint(x, y).map((e) => e.nodeName).join(',')}`);
      if (range) {
        selection.removeAllRanges();
        selection.addRange(range);
        selection.modify('extend', 'forward', 'paragraphboundary');
        out.push(`from caret ${x},${y}: ${selection.toString()}`);
      }
    }
  }
  selection.removeAllRanges();
  return out;
}

/**
 * The panel's host as the page's layout and style engine see it: rectangles, every
 * computed property, focus state, accessibility attributes. (Compared between
 * histories by the tests: nothing here may depend on what the history holds.)
 */
export function hostLayout() {
  const host = document.querySelector('pith-reader');
  if (!host) return ['no host'];
  const style = getComputedStyle(host);
  return [
    `rect ${JSON.stringify(host.getBoundingClientRect())}`,
    `client rects ${JSON.stringify([...host.getClientRects()])}`,
    `scroll ${host.scrollWidth}x${host.scrollHeight} ${host.offsetWidth}x${host.offsetHeight}`,
    `document ${document.documentElement.scrollWidth}x${document.documentElement.scrollHeight}`,
    `style ${[...style].map((name) => `${name}:${style.getPropertyValue(name)}`).join(';')}`,
    `aria ${host.role} ${host.ariaLabel} ${host.getAttributeNames().join(',')}`,
    `focus ${host.matches(':focus')} ${host.matches(':focus-within')} active ${document.activeElement?.nodeName} hasFocus ${document.hasFocus()}`,
  ];
}

/**
 * Frames: window.length, every window.frames[i] and window[i], what can be read from
 * them, messages posted into each, navigating them away, and the iframes in the document.
 */
export function probeFrames() {
  const out = [`length ${window.length}`, `iframes ${document.querySelectorAll('iframe').length}`];
  for (let i = 0; i < 10; i++) {
    const frame = window.frames[i] ?? window[i];
    if (!frame) continue;
    out.push(`frame ${i} present, its length ${frame.length}`);
    for (const read of [() => frame.location.href, () => frame.document.body.innerText, () => frame.name, () => frame.origin]) {
      try {
        out.push(`frame ${i} read: ${read()}`);
      } catch (error) {
        out.push(`frame ${i} refused: ${error.name}`);
      }
    }
    for (const message of [{ type: 'pith:theme', theme: 'dark' }, { type: 'pith:focus' }, 'dump', { nonce: 'guess' }]) frame.postMessage(message, '*');
    try {
      frame.location = 'about:blank';
      out.push(`frame ${i} navigated`);
    } catch (error) {
      out.push(`frame ${i} not navigated: ${error.name}`);
    }
  }
  return out;
}

/** What the page's own storage, APIs and timeline show of the extension. */
export async function probeEnvironment() {
  return [
    `chrome runtime ${typeof globalThis.chrome?.runtime?.sendMessage}`,
    `browser ${typeof globalThis.browser}`,
    `databases ${JSON.stringify(await indexedDB.databases?.())}`,
    `entries ${JSON.stringify(performance.getEntries().map((e) => [e.entryType, e.name]))}`,
    `globals ${Object.getOwnPropertyNames(window).filter((name) => /pith/i.test(name)).join(',')}`,
  ];
}

/**
 * Tries to load each of `paths` from the extension at its fixed address
 * (chrome-extension://<id>/<path>), by fetch and by <img>, <script>, <link> and <iframe>.
 * Resolves to the loads that succeeded (must be none).
 */
export async function loadExtensionFiles({ base, paths }) {
  const succeeded = [];
  const element = (tag, attribute, url) =>
    new Promise((resolve) => {
      const node = document.createElement(tag);
      if (tag === 'link') node.rel = 'stylesheet';
      let settled = false;
      const done = (ok) => {
        if (settled) return;
        settled = true;
        node.remove();
        resolve(ok);
      };
      node.onload = () => done(true);
      node.onerror = () => done(false);
      node[attribute] = url;
      document.body.append(node);
      // An iframe reports load even for an error page: judge it by what loaded in it.
      setTimeout(() => done(false), 1500);
    });
  for (const path of paths) {
    const url = `${base}${path}`;
    try {
      const response = await fetch(url);
      succeeded.push(`fetch ${url} ${response.status}`);
    } catch {
      // refused: as it must be
    }
    if (/\.(png)$/.test(path) && (await element('img', 'src', url))) succeeded.push(`img ${url}`);
    if (/\.m?js$/.test(path) && (await element('script', 'src', url))) succeeded.push(`script ${url}`);
    if (/\.css$/.test(path) && (await element('link', 'href', url))) succeeded.push(`link ${url}`);
  }
  return succeeded;
}

/**
 * The panel's open shadow root (issue 19: open, for translators), read every way: its text,
 * every attribute of every element (addresses, data-*), the state of every control (the
 * reader's settings), its style sheets, and every shadow root and frame inside it.
 */
export function readOpenRoot() {
  const root = document.querySelector('pith-reader')?.shadowRoot;
  if (!root) return ['open root: none'];
  const out = [`open root text: ${root.textContent}`, `open root innerText: ${root.querySelector('.backdrop')?.innerText}`];
  const all = [...root.querySelectorAll('*')];
  for (const node of all) {
    out.push(`open root ${node.nodeName}: ${[...node.attributes].map((a) => `${a.name}=${a.value}`).join(' ')}`);
    if ('value' in node) out.push(`open root value ${node.nodeName}#${node.id}: ${node.value} ${node.checked ?? ''}`);
    if (node.shadowRoot) out.push(`open root inner root: ${node.shadowRoot.innerHTML}`);
    // Hosts of shadow roots of their own: custom elements, and the frames' (a <section>).
    if (node.localName.includes('-') || node.localName === 'section') out.push(`open root ${node.nodeName} shadowRoot: ${node.shadowRoot}`);
  }
  out.push(`open root iframes: ${root.querySelectorAll('iframe').length}`);
  for (const sheet of [...root.adoptedStyleSheets, ...root.styleSheets]) out.push(`open root css: ${[...sheet.cssRules].map((r) => r.cssText).join(' ')}`);
  return out;
}

/**
 * The page acts on the panel through its open root: click() on every control, synthetic
 * pointer, key and change events (Enter, Space, Escape, arrows, a new value in every
 * select, every checkbox toggled), a scroll of the panel; then the same after rewriting
 * the panel (every action renamed, every label changed). Returns what it saw of the panel
 * afterwards; the test checks from the extension's side that nothing was stored or sent.
 */
export function untrustedEvents() {
  const root = document.querySelector('pith-reader')?.shadowRoot;
  if (!root) return ['open root: none'];
  const controls = () => [...root.querySelectorAll('button, select, input, summary, a[href], [tabindex]')];
  const keys = ['Enter', ' ', 'Escape', 'ArrowDown', 'Tab'];
  const poke = () => {
    for (const node of controls()) {
      node.focus();
      node.click();
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) node.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
      for (const key of keys) for (const type of ['keydown', 'keypress', 'keyup']) node.dispatchEvent(new KeyboardEvent(type, { key, bubbles: true, composed: true, cancelable: true }));
      if (node.localName === 'select') {
        node.selectedIndex = (node.selectedIndex + 1) % node.options.length;
        for (const type of ['input', 'change']) node.dispatchEvent(new Event(type, { bubbles: true }));
      }
      if (node.type === 'checkbox') node.dispatchEvent(new Event('change', { bubbles: true }));
    }
    const backdrop = root.querySelector('.backdrop');
    backdrop?.dispatchEvent(new WheelEvent('wheel', { deltaY: 500, bubbles: true }));
    if (backdrop) backdrop.scrollTop = backdrop.scrollHeight / 2;
  };
  poke();
  // Rewritten: every control now claims another action or setting, with another label.
  const actions = ['site', 'copy', 'open-history', 'open-options', 'pickText', 'forgetPick', 'close', 'listen', 'print', 'larger'];
  controls().forEach((node, i) => {
    if (node.dataset.action) node.dataset.action = actions[i % actions.length];
    if (node.dataset.setting) node.dataset.setting = ['theme', 'textSize', 'summary', 'copySource'][i % 4];
    if (node.localName === 'button') node.textContent = 'Always clean';
  });
  poke();
  return [`open root after events: panel ${document.querySelector('pith-reader')?.isConnected} shown ${document.querySelector('pith-reader')?.checkVisibility()} picker ${document.querySelector('pith-picker') !== null} speaking ${globalThis.speechSynthesis?.speaking}`];
}

/**
 * Installed before the page's own scripts (an init script): custom elements under the
 * names of Pith's host elements, defined before Pith creates them. Pith's content script
 * runs in its own world, but the custom element registry is the document's: an element it
 * creates with such a name runs the page's constructor, which takes the element's
 * ElementInternals, and ElementInternals.shadowRoot hands out the shadow root Pith then
 * attaches, closed or not. Each trapped element is kept in `window.__trapped`.
 */
export function trapHosts() {
  const trapped = [];
  Object.defineProperty(window, '__trapped', { value: trapped });
  for (const name of ['pith-reader', 'pith-frame', 'pith-picker', 'pith-toast', 'pith-history', 'pith-resume']) {
    try {
      customElements.define(
        name,
        class extends HTMLElement {
          constructor() {
            super();
            trapped.push({ name, node: this, internals: this.attachInternals() });
          }
        },
      );
    } catch {
      // a name the browser refuses (none here): nothing to trap
    }
  }
}

/** What `trapHosts` caught: every trapped host's shadow root (through its internals), its markup and frames. */
export function readTrapped() {
  const out = [`trapped ${(window.__trapped ?? []).map((t) => t.name).join(',')}`];
  for (const { name, node, internals } of window.__trapped ?? []) {
    const root = internals.shadowRoot;
    out.push(`trapped ${name} connected ${node.isConnected} root ${root ? root.mode : 'none'}`);
    if (!root) continue;
    out.push(`trapped ${name} text: ${root.textContent}`, `trapped ${name} html: ${root.innerHTML}`);
    for (const frame of root.querySelectorAll('iframe')) out.push(`trapped ${name} iframe src: ${frame.src}`);
  }
  return out;
}

/**
 * Installed before the page's own scripts (an init script): the page wraps the prototypes
 * and globals a content script would use to build the panel, frame it and talk to it
 * (attachShadow, appendChild, append, replaceWith, setAttribute, the iframe's src,
 * textContent, postMessage, addEventListener, JSON, Array's push, Promise's then,
 * fetch, structuredClone), noting every string that passes through them. Pith's content
 * scripts run in their own world (Chromium's isolated world, Firefox's Xray vision), so
 * none of this should see them: what it notes is the page's own doing. Read with
 * `readPatched()`.
 */
export function patchPrototypes() {
  const noted = [];
  Object.defineProperty(window, '__patched', { value: noted });
  // The originals, and a guard: noting uses push and stringify, which are wrapped too.
  const { push } = Array.prototype;
  const { stringify } = JSON;
  let noting = false;
  const note = (line) => {
    if (noting || noted.length > 20_000) return;
    noting = true;
    try {
      push.call(noted, line());
    } catch {
      // a value that cannot be written down
    } finally {
      noting = false;
    }
  };
  const text = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Node) return `${value.nodeName} ${value.textContent?.slice(0, 300) ?? ''} ${value.src ?? ''}`;
    return stringify(value)?.slice(0, 300) ?? String(value);
  };
  const wrap = (owner, name, label = name) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (...args) {
      note(() => `${label}(${args.map(text).join(', ')})`);
      return original.apply(this, args);
    };
  };
  wrap(Element.prototype, 'attachShadow');
  wrap(Node.prototype, 'appendChild');
  wrap(Node.prototype, 'insertBefore');
  wrap(Element.prototype, 'append');
  wrap(Element.prototype, 'replaceWith');
  wrap(Element.prototype, 'replaceChildren');
  wrap(ShadowRoot.prototype, 'append');
  wrap(Element.prototype, 'setAttribute');
  wrap(EventTarget.prototype, 'addEventListener');
  wrap(window, 'postMessage', 'window.postMessage');
  wrap(JSON, 'parse', 'JSON.parse');
  wrap(JSON, 'stringify', 'JSON.stringify');
  wrap(Array.prototype, 'push', 'Array.push');
  wrap(window, 'fetch');
  wrap(window, 'structuredClone');
  wrap(document, 'createElement', 'document.createElement');
  const { then } = Promise.prototype;
  Promise.prototype.then = function (onFulfilled, onRejected) {
    const seen = typeof onFulfilled === 'function' ? (value) => (note(() => `then ${text(value)}`), onFulfilled(value)) : onFulfilled;
    return then.call(this, seen, onRejected);
  };
  for (const [proto, property] of [[HTMLIFrameElement.prototype, 'src'], [Node.prototype, 'textContent']]) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    Object.defineProperty(proto, property, {
      ...descriptor,
      set(value) {
        note(() => `${property} = ${text(value)}`);
        descriptor.set.call(this, value);
      },
    });
  }
}

/** What `patchPrototypes` noted: every string that went through the patched prototypes. */
export function readPatched() {
  return (window.__patched ?? ['patchPrototypes was not installed']).map((line) => `patched ${line}`);
}

/**
 * The page accepts a drop anywhere (its capture listeners on the window cancel every
 * dragenter and dragover, which is what lets a drop happen) and notes each drag event with
 * every type of data it carries. Read with `readDrops()`.
 */
export function acceptDrops() {
  const drops = [];
  Object.defineProperty(window, '__drops', { value: drops });
  for (const type of ['dragenter', 'dragover', 'dragleave', 'drop']) {
    window.addEventListener(
      type,
      (event) => {
        event.preventDefault();
        const data = [...(event.dataTransfer?.types ?? [])].map((kind) => `${kind}=${event.dataTransfer.getData(kind)}`);
        drops.push(`${type} on ${event.target?.nodeName}: ${data.join(' ')}`);
      },
      true,
    );
  }
}

/** What `acceptDrops` noted. */
export function readDrops() {
  return (window.__drops ?? ['acceptDrops was not installed']).map((line) => `drag ${line}`);
}

/**
 * The page's other windows onto what is drawn in its document: every animation and its
 * target (document.getAnimations reaches into shadow trees), the document serialised with
 * its shadow roots (getHTML: the serializable ones, and any it can name), the fonts in the
 * document's font set, the CSS highlights registered on it (reading aloud marks the
 * sentence it speaks with one), the speech synthesiser's state and voices (Listen speaks
 * through the window's), the session history and Navigation API entries, the reader's
 * activation, and elements that match :defined among Pith's.
 */
export function probeApis() {
  const out = [];
  const target = (node) => (node ? `${node.nodeName} ${node.textContent?.slice(0, 300) ?? ''} ${node.getRootNode?.()?.mode ?? ''}` : 'none');
  for (const animation of document.getAnimations?.() ?? []) out.push(`animation ${animation.animationName ?? animation.id} on ${target(animation.effect?.target)}`);
  const host = document.querySelector('pith-reader');
  const shadowRoots = host?.shadowRoot ? [host.shadowRoot] : [];
  out.push(`getHTML ${document.documentElement.getHTML?.({ serializableShadowRoots: true, shadowRoots })}`);
  out.push(`fonts ${[...document.fonts].map((face) => `${face.family} ${face.status}`).join(', ')}`);
  for (const [name, highlight] of globalThis.CSS?.highlights ?? []) out.push(`highlight ${name}: ${[...highlight].map((range) => range.toString()).join(' | ')}`);
  const speech = globalThis.speechSynthesis;
  if (speech) out.push(`speech speaking ${speech.speaking} pending ${speech.pending} paused ${speech.paused} voices ${speech.getVoices().length}`);
  out.push(`history length ${history.length}`);
  out.push(`navigation ${JSON.stringify(globalThis.navigation?.entries?.().map((entry) => entry.url) ?? null)}`);
  out.push(`activation ${navigator.userActivation?.hasBeenActive} ${navigator.userActivation?.isActive}`);
  out.push(`defined ${[...document.querySelectorAll(':defined')].filter((node) => node.localName.startsWith('pith-')).map((node) => node.localName).join(',')}`);
  return out;
}

/**
 * The page speaks Pith's protocol (extension/shared/protocol.js) every way a page can:
 * each message, with a plausible payload (a reading to record, a nonce to answer, a
 * settings change, a site to add, a page to open), posted to its own window, its parent
 * and top, and dispatched as DOM events (plain and custom) on the document and window;
 * and, where a page has it, chrome.runtime.sendMessage / connect to every extension (no id
 * is known to it). Returns what came back.
 */
export async function speakProtocol({ types, article }) {
  const out = [];
  const payloads = { record: { article, canonical: 'https://news.example/planted' }, history: { nonce: '00000000-0000-4000-8000-000000000000' }, 'settings-save': { changes: { theme: 'dark', sites: ['https://*/*'] } }, 'open-page': { page: 'history' }, 'pick-save': { selector: 'body' }, 'keep-repeats': { keep: true }, position: { at: 3, of: 4 }, frame: { event: 'close' } };
  for (const type of types) {
    const message = { type, ...(payloads[type.replace(/^pith:/, '')] ?? {}) };
    for (const target of new Set([window, parent, top])) target.postMessage(message, '*');
    for (const node of [document, window]) {
      node.dispatchEvent(new CustomEvent(type, { detail: message, bubbles: true, composed: true }));
      node.dispatchEvent(new MessageEvent('message', { data: message, origin: location.origin }));
    }
    const runtime = globalThis.chrome?.runtime ?? globalThis.browser?.runtime;
    try {
      out.push(`runtime ${type}: ${JSON.stringify(await runtime?.sendMessage?.(message))}`);
    } catch (error) {
      out.push(`runtime ${type} refused: ${error.name}`);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  return out;
}

/**
 * The page's own stores and channels, and a search by address: what Pith left in the page's
 * origin (Web Storage, cookies, Cache Storage, its IndexedDB), BroadcastChannels under the
 * names Pith might use (listened to for a while), and a text fragment (`#:~:text=`) naming
 * each guess, which would scroll the document (or the panel) to a match if one were
 * searchable from here: the scroll positions before and after are noted.
 */
export async function probeChannels({ guesses }) {
  const out = [];
  const stores = { local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie };
  out.push(`stores ${JSON.stringify(stores)}`, `caches ${JSON.stringify(await globalThis.caches?.keys().catch((error) => error.name))}`);
  const heard = [];
  const channels = ['pith', 'pith:history', 'pith:frame', 'history'].map((name) => {
    const channel = new BroadcastChannel(name);
    channel.onmessage = (event) => heard.push(`${name}: ${JSON.stringify(event.data)}`);
    return channel;
  });
  const backdrop = document.querySelector('pith-reader')?.shadowRoot?.querySelector('.backdrop');
  const scrolled = () => `${scrollX},${scrollY} panel ${backdrop?.scrollTop ?? 'none'}`;
  const address = location.href;
  // Lines name the guess by its place only (`guesses[i]`): the tests look for the secrets in every line.
  for (const [i, guess] of guesses.entries()) {
    const before = scrolled();
    location.hash = `:~:text=${encodeURIComponent(guess)}`;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    const after = scrolled();
    out.push(`text fragment ${i}: ${after === before ? 'no scroll' : `scrolled ${before} -> ${after}`}`);
  }
  history.replaceState(history.state, '', address);
  await new Promise((resolve) => setTimeout(resolve, 300));
  channels.forEach((channel) => channel.close());
  out.push(`channels heard ${heard.length ? heard.join(' | ') : 'nothing'}`);
  return out;
}

/**
 * The frames' hosts (the <section>s in the panel's open root) as the page can probe them:
 * a style sheet it adds to the open root, whose selectors ask about them (`:has()`,
 * `:focus-within`, `:focus`, `:hover`, `:empty`, and their neighbours), read back through
 * custom properties; their boxes, scroll sizes and computed style, and the scroll sizes and
 * positions of the open root's containers around them; and a ResizeObserver's
 * and an IntersectionObserver's first reports on each. (The frames' documents are behind
 * closed roots and another origin: none of it may depend on what the history holds.)
 */
export async function probeFrameHosts() {
  const root = document.querySelector('pith-reader')?.shadowRoot;
  if (!root) return ['frame hosts: no open root'];
  const out = [];
  const probes = {
    '--probe-focus-within': 'section:focus-within',
    '--probe-focus': 'section:focus',
    '--probe-hover': 'section:hover',
    '--probe-empty': 'section:empty',
    '--probe-has-child': 'section:has(*)',
    '--probe-content-has': '.content:has(section.history:focus-within)',
    '--probe-next': 'section + *',
  };
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(Object.entries(probes).map(([name, selector]) => `${selector} { ${name}: yes; }`).join('\n'));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const hosts = [...root.querySelectorAll('section')];
  for (const node of [...hosts, root.querySelector('.content')].filter(Boolean)) {
    const style = getComputedStyle(node);
    const matched = Object.keys(probes).filter((name) => style.getPropertyValue(name).trim() === 'yes');
    out.push(`selectors ${node.nodeName}.${node.className}: ${matched.join(',') || 'none'}`);
  }
  root.adoptedStyleSheets = root.adoptedStyleSheets.filter((other) => other !== sheet);
  // The open root's containers around them: what scroll anchoring or a frame's growth would move.
  for (const selector of ['.backdrop', '.sheet', '.body', '.content']) {
    const node = root.querySelector(selector);
    if (node) out.push(`container ${selector}: scroll ${node.scrollWidth}x${node.scrollHeight} top ${node.scrollTop} client ${node.clientWidth}x${node.clientHeight}`);
  }
  for (const node of hosts) {
    const style = getComputedStyle(node);
    out.push(`frame host ${node.className}: ${JSON.stringify(node.getBoundingClientRect())} scroll ${node.scrollWidth}x${node.scrollHeight} client ${node.clientWidth}x${node.clientHeight} children ${node.childNodes.length} height ${style.height} overflow ${style.overflow} visible ${node.checkVisibility()}`);
  }
  const first = (Observer, describe) =>
    new Promise((resolve) => {
      if (!hosts.length) resolve([]);
      const observer = new Observer((entries) => {
        observer.disconnect();
        resolve(entries.map(describe));
      });
      hosts.forEach((node) => observer.observe(node));
    });
  out.push(...(await first(ResizeObserver, (e) => `resize ${e.target.className} ${JSON.stringify(e.contentRect)} ${JSON.stringify(e.borderBoxSize?.[0])}`)));
  out.push(...(await first(IntersectionObserver, (e) => `intersection ${e.target.className} ${e.isIntersecting} ${e.intersectionRatio} ${JSON.stringify(e.boundingClientRect)}`)));
  return out;
}

/**
 * What a cross-origin-isolated page (served with COOP and COEP) learns of the frames in its
 * document from `performance.measureUserAgentSpecificMemory()`: each measured part with its
 * attribution, which names a frame's `container` by its element's `id` and `src` attribute,
 * closed roots included (Chromium; Firefox has no such API).
 */
export async function probeMemory() {
  if (!globalThis.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return [`memory: not measurable (isolated ${globalThis.crossOriginIsolated})`];
  const result = await Promise.race([performance.measureUserAgentSpecificMemory(), new Promise((resolve) => setTimeout(() => resolve(null), 40_000))]);
  if (!result) return ['memory: no result in 40 s'];
  return result.breakdown.map((part) => `memory ${part.types.join(',')} ${JSON.stringify(part.attribution)}`);
}

/**
 * Installed before the page's scripts (an init script): times the panel's open root. Each
 * batch of mutations in it (a MutationObserver's callback) is kept in
 * `window.__panelBatches` with the page's clock, whether the article is in (`.content`), the
 * frames' places then (`.history`, `.resume`: element and class), and every element added
 * or removed. A place that went in only when the service worker answered would time its
 * recording, which takes longer with a larger history and for an address read before.
 */
export function watchPanelRoot() {
  const batches = [];
  Object.defineProperty(window, '__panelBatches', { value: batches });
  const name = (node) => `${node.nodeName}.${typeof node.className === 'string' ? node.className : ''}`;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        const root = node.nodeName === 'PITH-READER' ? node.shadowRoot : null;
        if (!root) continue;
        new MutationObserver((changes) => {
          const moved = changes.flatMap((change) => [...change.addedNodes, ...change.removedNodes]).filter((added) => added.nodeType === 1);
          batches.push({ at: performance.now(), content: root.querySelector('.content') !== null, places: [...root.querySelectorAll('.history, .resume')].map(name), moved: moved.map(name) });
        }).observe(root, { subtree: true, childList: true });
      }
    }
  }).observe(document, { childList: true, subtree: true }); // (no documentElement yet at document start)
}

/** What `watchPanelRoot` saw: the batches from the first one holding the article on. */
export function panelBatches() {
  const batches = window.__panelBatches ?? [];
  const first = batches.findIndex((batch) => batch.content);
  return first < 0 ? [] : batches.slice(first);
}

/** The page's storage estimate: its own origin's usage (Pith keeps nothing there), and whether the call answered. */
export async function probeStorage() {
  try {
    const { usage, usageDetails } = await navigator.storage.estimate();
    return [`storage usage ${usage} ${JSON.stringify(usageDetails ?? {})}`];
  } catch (error) {
    return [`storage refused ${error.name}`];
  }
}
