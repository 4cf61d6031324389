// The extension's one protocol: every message between its contexts (names, who may send
// it, payload and reply shapes), the scripts injected into pages, the history frame's
// address and the settings' value lists. Nothing else names them.
//
// A classic script, because content scripts are classic scripts: injected first by
// `scripting.executeScript({ files })` and by the registered auto-clean scripts (see
// CONTENT_SCRIPTS), it defines `PithProtocol` in the content scripts' isolated world. ES
// modules import it for that same effect through protocol-module.js, which re-exports it
// by name. It holds data only, frozen, so the two readings cannot disagree.
(() => {
  // Injected possibly more than once per page (a click on an auto-cleaned page); an own
  // property only: an element with id="PithProtocol" is a named property of window.
  if (Object.hasOwn(globalThis, 'PithProtocol')) return;

  /**
   * Who may send a message. The service worker checks it from `sender` (never from the
   * message): a content script is in a tab's top frame at the page's origin; the history
   * frame is an extension page (the extension's origin) at HISTORY_FRAME, inside a tab.
   */
  const SENDER = Object.freeze({ contentScript: 'content script', historyFrame: 'history frame' });

  /**
   * Every message, by name. Requests are `{ type, ...payload }`; a failed request replies
   * `{ error: string, retry: boolean }` (`retry`: a fault that may pass, such as a stopped
   * worker or an engine trap, rather than the engine's answer about the page).
   *
   * Content script → service worker:
   * @typedef {{ type: 'pith:clean', html: string, url: string, options?: object }} CleanRequest
   *   → `{ article: Article }`, the engine's Article (src/article.rs): the page read by the
   *   content script, cleaned by the background's engine (content scripts load none).
   * @typedef {{ type: 'pith:settings', url: string }} SettingsRequest → PageContext
   * @typedef {{ settings: object|null, site: Site|null, picked: string|null, keepRepeats: boolean, notice: string|null, address: string|null }} PageContext
   *   `settings`: the PANEL_SETTINGS fields as shared/settings.js gives them; `site`: the
   *   sender's site; `picked`: the selector of the text the reader chose by hand on the
   *   sender's host (never another host's); `keepRepeats`: the reader keeps every paragraph,
   *   repeats included, on that host; `notice` names settings that could not be read;
   *   `address`: the sender's own address, canonical (shared/address.js), which a copy cites. The worker also
   *   hands one over with the injection, saving this round trip.
   * @typedef {{ pattern: string, label: string, enabled: boolean }} Site  "Always clean <site>"
   * @typedef {{ type: 'pith:settings-save', changes: object }} SaveSettingsRequest → `{ settings }`
   *   Only the panel's own fields (PANEL_SETTINGS) are taken; anything else is dropped.
   * @typedef {{ type: 'pith:site-add' }} AddSiteRequest → `{ opened: true }`
   *   For the sender's own site: opens the options page in a small window over the
   *   article, where the user confirms (the permission prompt needs a click there).
   * @typedef {{ type: 'pith:open-page', page: 'history'|'options' }} OpenPageRequest → `{ opened: true }`
   *   The panel's menu: that extension page in a new tab.
   * @typedef {{ type: 'pith:site-remove' }} RemoveSiteRequest → `{ removed: true }`  The sender's own site.
   * @typedef {{ type: 'pith:position', at: number, of: number, reading: string }} PositionRequest → `{}`
   *   Where the reader of a long article is (block `at` of the article's `of` top-level
   *   blocks), kept in the history record the panel's reading was saved in (`reading`: the
   *   key the record request's reply gave, for the sender's tab only; not when paused). The
   *   reply says nothing, not even whether it was kept.
   * @typedef {{ type: 'pith:pick-save', selector: string }} PickSaveRequest → `{ saved: true }`
   *   "Pick the text": remembers `selector` for the sender's own host (from `sender.url`).
   * @typedef {{ type: 'pith:pick-forget' }} PickForgetRequest → `{ forgotten: true }`  The sender's own host.
   * @typedef {{ type: 'pith:keep-repeats', keep: boolean }} KeepRepeatsRequest → `{ kept: boolean }`  "Keep everything on
   *   this site" (every paragraph, repeats included) or its undo, for the sender's own host.
   * @typedef {{ type: 'pith:record', article: Article, canonical: string|null, loaded: string|null,
   *   save?: boolean, answer?: boolean }} RecordRequest → `{ nonce: string, reading: string|null }`
   *   (no `nonce` with `answer: false`; `reading`, a random key for the positions of this
   *   reading, null when it was not saved)
   *   The panel shows `article`: the worker records it under the address of the sender's
   *   tab (never under a URL the page names: `article.url` and the page's `canonical` link
   *   only continue a record of the same story on the same site; when the page moved its own
   *   address by script since it was `loaded` from another one of its origin, the record at the
   *   new address is continued only with the same story, else the reading goes under `loaded`)
   *   and keeps its answer for the history frame,
   *   which the content script then creates with `nonce`. The reply holds nothing from the
   *   history: a content script lives in a web page. An automatic panel (no click) asks first
   *   with `save: false` (the answer, nothing written), then, at the reader's first input in
   *   the panel, with `answer: false` (the reading saved, no answer kept).
   *
   * History frame → service worker:
   * @typedef {{ type: 'pith:history', nonce: string, part?: 'history'|'resume' }} HistoryRequest → HistoryAnswer | ResumeAnswer
   *   Answered once per nonce and part, only to a history frame in the tab that recorded it.
   *   The 'history' part is the HistoryAnswer; the 'resume' part (asked by the same page at
   *   `?part=resume`, the resume frame at the top of long articles) is the ResumeAnswer.
   * @typedef {{ position: { at: number, of: number, read: string }|null, paused: boolean }} ResumeAnswer
   *   Where the reader stopped last time (block `at` of `of`; `read`: when), or null.
   * @typedef {{ saved: boolean, paused: boolean, problem: string|null,
   *   similar: Reading[], already_read: (Reading & { last_read: string })|null }} HistoryAnswer
   * @typedef {{ title: string|null, url: string|null, site: string|null }} Reading
   *   `url` only when it is a web (http or https) address.
   *
   * @typedef {{ type: 'pith:frame', event: FRAME_EVENTS, position?: { at: number, of: number } }} FrameEvent → `{ relayed: true }`
   *   History frame → service worker → the frame's tab's content script: the worker passes
   *   it on with tabs.sendMessage (which no page can send) to the top frame of the tab the
   *   frame is in, adding `origin`, the frame's origin from `sender.url` (in Chromium the
   *   frame's document has the extension's origin, not that of the dynamic URL it was
   *   loaded from). Through the worker because a frame in a web page may have no `tabs` API
   *   (Firefox gives extension frames in web content the content scripts' APIs).
   *   'ready': the answer is drawn (the panel then sends its theme); 'close': Escape pressed
   *   in the frame; 'tab-*': Tab or Shift+Tab leaving the frame (one Tab stop); 'resume':
   *   the reader clicked "Continue reading" (with `position`). The worker adds `part`
   *   (which frame, from its address) and passes `block`, the position, for 'resume' only:
   *   the one moment something from the history reaches the page's document, on the
   *   reader's own click.
   * @typedef {{ type: 'pith:confirm-closed' }} ConfirmClosed
   *   Service worker → the content script of the tab whose panel opened the "Always clean"
   *   window (tabs.sendMessage, top frame): that window closed, answered or not; the panel
   *   reads its site again and says when it was not added.
   * Content script → history frame (window.postMessage to the frame's origin):
   * @typedef {{ type: 'pith:theme', theme: string }} FrameTheme  The panel's theme changed.
   * @typedef {{ type: 'pith:focus' }} FrameFocus  Focus came in from the panel: to the frame's Tab stop.
   */
  const MESSAGE = Object.freeze({
    clean: 'pith:clean',
    settings: 'pith:settings',
    saveSettings: 'pith:settings-save',
    addSite: 'pith:site-add',
    removeSite: 'pith:site-remove',
    openPage: 'pith:open-page',
    pickSave: 'pith:pick-save',
    pickForget: 'pith:pick-forget',
    keepRepeats: 'pith:keep-repeats',
    record: 'pith:record',
    position: 'pith:position',
    history: 'pith:history',
    frame: 'pith:frame',
    confirmClosed: 'pith:confirm-closed',
    theme: 'pith:theme',
    focus: 'pith:focus',
  });

  // Who may send each request to the service worker.
  const SENDERS = Object.freeze({
    [MESSAGE.clean]: SENDER.contentScript,
    [MESSAGE.settings]: SENDER.contentScript,
    [MESSAGE.saveSettings]: SENDER.contentScript,
    [MESSAGE.addSite]: SENDER.contentScript,
    [MESSAGE.removeSite]: SENDER.contentScript,
    [MESSAGE.openPage]: SENDER.contentScript,
    [MESSAGE.pickSave]: SENDER.contentScript,
    [MESSAGE.pickForget]: SENDER.contentScript,
    [MESSAGE.keepRepeats]: SENDER.contentScript,
    [MESSAGE.record]: SENDER.contentScript,
    [MESSAGE.position]: SENDER.contentScript,
    [MESSAGE.history]: SENDER.historyFrame,
    [MESSAGE.frame]: SENDER.historyFrame,
  });

  // The events a history frame tells its panel (FrameEvent).
  const FRAME_EVENTS = Object.freeze(['ready', 'close', 'tab-forward', 'tab-backward', 'resume']);

  // The protocol, the panel and its tools, the shell, in this order. No engine: the
  // extension's background runs it for the content scripts (MESSAGE.clean).
  const CONTENT_SCRIPTS = Object.freeze([
    'extension/shared/protocol.js',
    // The panel's reading tools (issue 19), which panel.js draws: contents, listen, toolbar.
    'extension/content/contents.js',
    'extension/content/listen.js',
    'extension/content/toolbar.js',
    // Where a copy comes from (title, byline, site, date, address), which panel.js copies with.
    'extension/content/source.js',
    'extension/content/panel.js',
    // "Pick the text" (issue 19): the block picker over the page.
    'extension/content/picker.js',
    // The page's HTML without what the engine drops first, lighter to send (content.js).
    'extension/content/lean.js',
    'extension/content/content.js',
  ]);
  // On an auto-clean site: the same, then "open if this page is an article".
  const AUTO_SCRIPTS = Object.freeze([...CONTENT_SCRIPTS, 'extension/content/auto.js']);

  // The reading history shown in the panel: an extension page in an iframe, so that no
  // page can search, select or read it. Web-accessible only at the session's dynamic URL.
  const HISTORY_FRAME = 'extension/history-frame/frame.html';

  // The settings' value lists (shared/settings.js validates against them, the panel offers them).
  const THEMES = Object.freeze(['auto', 'light', 'sepia', 'dark']);
  // Text size steps in px, even steps of 2 from 14 to 32 (large print for low vision; the
  // column keeps its width in px, so fewer words a line at the largest sizes).
  const TEXT_SIZES = Object.freeze([14, 16, 18, 20, 22, 24, 26, 28, 30, 32]);
  const WIDTHS = Object.freeze(['narrow', 'medium', 'wide']);
  const COPY_FORMATS = Object.freeze(['text', 'markdown', 'html']);
  // The article's face: a serif, a sans-serif, or Atkinson Hyperlegible (bundled, OFL;
  // extension/fonts/), drawn to tell apart the letters readers confuse (b d p q, I l 1, O 0).
  const FONT_FAMILIES = Object.freeze(['serif', 'sans', 'hyperlegible']);
  // Line heights (unitless, times the text size).
  const LINE_HEIGHTS = Object.freeze([1.4, 1.65, 1.9, 2.2]);
  // Reading-aloud speeds (the Web Speech API's rate; 1 is the voice's normal speed).
  const LISTEN_RATES = Object.freeze([0.75, 1, 1.25, 1.5, 1.75, 2]);
  // The summary above the article: 'auto' opens it only where it does not push the article
  // off the first screen and does not repeat a short article; 'open' and 'closed' are the
  // reader's own choice, remembered from the last time they opened or closed it.
  const SUMMARY_STATES = Object.freeze(['auto', 'open', 'closed']);
  // Each theme's colours, for the two documents that draw the panel: the panel in the page
  // and the history frame. Every theme passes WCAG AA (4.5:1) for text, muted text, links
  // and controls against its backgrounds (tests/e2e/panel.test.mjs measures them).
  const THEME_COLOURS = Object.freeze({
    light: Object.freeze({ bg: '#fdfdfb', fg: '#1d1d1f', muted: '#55555a', accent: '#1f5e6b', panel: '#eef3f4', line: '#77777d', code: '#f0f0ee', ink: 'none', scheme: 'light' }),
    sepia: Object.freeze({ bg: '#f4ecd8', fg: '#35291a', muted: '#5c4a33', accent: '#7a3b0c', panel: '#eadfc4', line: '#7d6a52', code: '#ebe1c8', ink: 'none', scheme: 'light' }),
    dark: Object.freeze({ bg: '#1b1c1e', fg: '#e8e6e3', muted: '#b4b2ad', accent: '#8fcfe0', panel: '#2a2d31', line: '#8a8a8f', code: '#2a2d31', ink: 'invert(0.9)', scheme: 'dark' }),
  });

  /**
   * CSS that gives `selector` the colours of its `data-theme` attribute as custom
   * properties (--bg, --fg, --muted, --accent, --panel, --line, --code, --ink: the
   * filter drawing formula images in the theme's ink) and its
   * color-scheme; light when unset, and for 'auto' the system's light or dark.
   */
  function themeRules(selector) {
    const block = ({ scheme, ...colours }) =>
      `${Object.entries(colours).map(([name, value]) => `--${name}: ${value};`).join(' ')} color-scheme: ${scheme};`;
    return [
      `${selector} { ${block(THEME_COLOURS.light)} }`,
      `${selector}[data-theme=sepia] { ${block(THEME_COLOURS.sepia)} }`,
      `${selector}[data-theme=dark] { ${block(THEME_COLOURS.dark)} }`,
      `@media (prefers-color-scheme: dark) { ${selector}[data-theme=auto] { ${block(THEME_COLOURS.dark)} } }`,
    ].join('\n');
  }

  // The settings a panel (a content script) may change; sites and the history's switches
  // change only on the extension's own pages.
  const PANEL_SETTINGS = Object.freeze([
    'theme',
    'textSize',
    'width',
    'copyFormat',
    'copySource',
    'summary',
    'fontFamily',
    'lineHeight',
    'justify',
    'listenRate',
    'onlineVoices',
  ]);

  Object.defineProperty(globalThis, 'PithProtocol', {
    value: Object.freeze({
      SENDER,
      MESSAGE,
      SENDERS,
      FRAME_EVENTS,
      CONTENT_SCRIPTS,
      AUTO_SCRIPTS,
      HISTORY_FRAME,
      THEMES,
      TEXT_SIZES,
      WIDTHS,
      COPY_FORMATS,
      FONT_FAMILIES,
      LINE_HEIGHTS,
      LISTEN_RATES,
      SUMMARY_STATES,
      PANEL_SETTINGS,
      THEME_COLOURS,
      themeRules,
    }),
  });
})();
