// The reading panel, drawn in the page inside an open shadow root: the page's CSS cannot
// reach in, and translators (the browser's page translation, translator extensions) can:
// they walk open roots (issue 19, docs/translation.md). The page's scripts can reach in too,
// so what is here came from the page (the article, its summary) or from the reader's
// settings, and only the reader's own input acts (onlyTrusted): a page's click() or
// dispatchEvent on a control does nothing. The reading history is never drawn here: it is
// shown by the history frame, an extension page in an iframe at the end of the panel
// (issue 15), kept with the resume frame in a closed root of its own (frameAt), so the page
// does not learn its address either. Styles are constructable stylesheets, which a page's
// style-src cannot block.
// Classic script (after protocol.js), injected possibly many times: defined once per page.
(() => {
  // An own property only: an element with id="__pithPanel" is a named property of window.
  if (Object.hasOwn(globalThis, '__pithPanel')) return;
  const { MESSAGE, TEXT_SIZES, LINE_HEIGHTS, FONT_FAMILIES, LISTEN_RATES, themeRules } = globalThis.PithProtocol;
  // The values the toolbar offers (validated by shared/settings.js against the same lists).
  const CHOICES = { textSizes: TEXT_SIZES, lineHeights: LINE_HEIGHTS, fontFamilies: FONT_FAMILIES, listenRates: LISTEN_RATES };
  // The toolbar, typography and printing (extension/content/toolbar.js, injected before).
  const toolbarTools = globalThis.__pithToolbar;

  // Column widths in px (the panel's own unit: rem would follow the page's root font size).
  const WIDTH_PX = { narrow: 560, medium: 700, wide: 920 };
  const COPY_NAMES = { text: 'plain text', markdown: 'Markdown', html: 'rich text' };
  // How long a copy confirmation stays on screen when no panel is open.
  const TOAST_MS = 2500;
  // The article comes first. Its summary starts collapsed (unless the reader chose
  // otherwise) on articles shorter than this many words, where three of their own
  // sentences repeat much of them…
  const SHORT_ARTICLE_WORDS = 500;
  // …and when, open, it would leave fewer than this many lines of the first paragraph on
  // the first screen.
  const FIRST_SCREEN_LINES = 3;
  // The history frame's height, whatever it holds: a page can measure the panel's layout
  // (the Layout Instability API reports every element that moves, with its rectangles),
  // so nothing in it may depend on the history. It fits a heading, "you already read
  // this" and five similar readings of one line each (Chromium 248 px, Firefox 252 px,
  // measured); more scrolls inside the frame.
  const HISTORY_FRAME_PX = 256;
  // Resume (issue 19): articles this long (about six minutes' reading) remember where the
  // reader stopped. The offer to continue is drawn by the resume frame, an extension page
  // like the history frame, of this fixed height in every long article's panel.
  const RESUME_MIN_WORDS = 1500;
  const RESUME_FRAME_PX = 48;
  // On a column narrower than this (a narrow window, or the narrow column in a small one)
  // the resume line does not fit on one line ("Continue reading where you stopped (42% in,
  // December 7, 2026)" is about 470 px): it takes two, in a frame of this height. The height
  // follows the column's width only, never what the line says (the page sees the frame's box).
  const RESUME_NARROW_COLUMN_PX = 540;
  const RESUME_FRAME_NARROW_PX = 68;
  // The reading position is sent this long after the reader stops scrolling (and on close).
  const POSITION_QUIET_MS = 1000;
  // The reader's input, the only events the panel acts on (the page's scripts can reach its
  // open root and dispatch any event at any control: those are not trusted, and are stopped
  // before Pith's handlers and the controls' default actions, such as a checkbox's toggle).
  // (Not wheel and touch: a listener that may cancel them would make scrolling wait for script.)
  const INPUT_EVENTS = ['click', 'auxclick', 'dblclick', 'contextmenu', 'mousedown', 'mouseup', 'pointerdown', 'pointerup',
    'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'submit'];
  // The input by which a reader moves through the article: only after one of these is a
  // reading position sent (a page that scrolls the panel by script moves no position).
  const READER_MOVES = ['wheel', 'keydown', 'pointerdown', 'touchstart'];
  // Removed repeats worth a word (issue 21): when the engine removed at least this share of
  // the article's words (removed ÷ kept + removed), or this many paragraphs, the panel says
  // so and offers to show them in place or keep everything on the site. Lists, recipes,
  // plans and results repeat lines legitimately, and there the removals run into the
  // dozens or a large part of the text (a meal plan lost 61 paragraphs of 1,005 words);
  // a stray repeated line or pull quote (one or two removals, a few per cent) gets only
  // the "What was removed" list. Not tuned on data: chosen so the ordinary news removal
  // (80 on 90 pages) stays quiet.
  const LARGE_REMOVAL_SHARE = 0.2;
  const LARGE_REMOVAL_PARAGRAPHS = 5;

  // The panel covers the viewport like a reader view. Colours: shared/protocol.js.
  const STYLE = `
    :host { all: initial; }
    ${themeRules('.backdrop')}
    .backdrop { position: fixed; inset: 0; z-index: 2147483647; display: flex; justify-content: center;
      align-items: flex-start; overflow: auto; overscroll-behavior: contain; background: var(--bg); color: var(--fg); }
    .sheet { box-sizing: border-box; width: min(100% - 32px, var(--width, 700px)); margin: 0 0 48px; padding: 12px 0 0;
      font: var(--size, 18px)/1.65 Charter, Georgia, 'Noto Serif', 'DejaVu Serif', serif; text-align: start; }
    .sheet:focus { outline: none; }
    .ui { font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; }
    .toolbar { position: sticky; top: 0; z-index: 1; background: var(--bg); display: flex; flex-wrap: wrap; gap: 6px 8px; align-items: center; justify-content: flex-end;
      padding-bottom: 12px; border-bottom: 1px solid var(--line); margin-bottom: 16px; }
    .toolbar .group { display: inline-flex; gap: 4px; align-items: center; }
    .spacer { flex: 1; }
    button, select { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
      border-radius: 6px; padding: 4px 10px; cursor: pointer; }
    button:hover, select:hover { background: var(--panel); }
    button:focus-visible, select:focus-visible, summary:focus-visible, a:focus-visible {
      outline: 3px solid var(--accent); outline-offset: 2px; }
    label { color: var(--muted); }
    span[dir=ltr] { unicode-bidi: isolate; }
    .site { margin: 8px 0 0; }
    .site button, .pick button { font-size: 13px; padding: 2px 8px; }
    .pick { margin: 4px 0 0; color: var(--muted); display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .status { min-height: 1.4em; color: var(--muted); margin: 0 0 8px; text-align: end; }
    h1 { font: 700 1.75em/1.2 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0 0 0.4em; }
    .meta, .stats { color: var(--muted); margin: 0.2em 0; }
    details.removed { color: var(--muted); margin: 0.2em 0 0; }
    details.removed li { margin: 0.4em 0; }
    details.removed q { color: var(--fg); }
    .repeats { margin: 4px 0 0; color: var(--muted); display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .repeats button { font-size: 13px; padding: 2px 8px; }
    /* A paragraph the engine removed, shown in place: a rule and a muted label. */
    article .repeat { position: relative; padding-inline-start: 12px; border-inline-start: 3px solid var(--line); color: var(--muted); }
    article .repeat::before { content: 'repeat'; display: block; font: 600 11px/1.6 system-ui, -apple-system, 'Segoe UI', sans-serif;
      letter-spacing: 0.05em; text-transform: uppercase; }
    summary { cursor: pointer; color: var(--accent); }
    .summary { background: var(--panel); border-radius: 8px; padding: 10px 16px; margin: 16px 0; }
    .summary > summary { font-weight: 600; color: var(--fg); }
    .summary ul { margin: 6px 0 0; padding-inline-start: 1.2em; }
    /* The history's place: an end section under a rule, on the panel's own background (the
       frame's page draws the same), so its fixed height reads as the panel's end margin and
       not as a box left half empty when few readings are listed. */
    .history { display: block; box-sizing: border-box; width: 100%; height: ${HISTORY_FRAME_PX}px; margin: 32px 0 0;
      border: 0; border-top: 1px solid var(--line); background: var(--bg); }
    .resume { display: block; box-sizing: border-box; width: 100%; height: ${RESUME_FRAME_PX}px; margin: 12px 0 0;
      border: 0; border-radius: 8px; background: var(--panel); }
    .sheet { container-type: inline-size; }
    @container (max-width: ${RESUME_NARROW_COLUMN_PX}px) { .resume { height: ${RESUME_FRAME_NARROW_PX}px; } }
    article { overflow-wrap: break-word; }
    /* Long articles: lay out only what is on screen, so the panel appears at once. */
    article > * { content-visibility: auto; contain-intrinsic-size: auto 4em; }
    article h2, article h3, article h4 { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.3; }
    article img, article video { max-width: 100%; height: auto; }
    article figure { margin: 1.2em 0; }
    article figcaption { color: var(--muted); font-size: 0.85em; }
    article blockquote { margin: 1em 0; padding-inline-start: 1em; border-inline-start: 3px solid var(--line); }
    article pre { overflow: auto; background: var(--code); padding: 12px; border-radius: 6px; font-size: 0.85em; }
    article code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.9em; }
    article table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; font-size: 0.9em; }
    article th, article td { border: 1px solid var(--line); padding: 4px 8px; text-align: start; vertical-align: top; }
    /* Wide blocks scroll inside the column; a shadow at an edge shows there is more. */
    article table, article pre, article math[display=block] {
      background: linear-gradient(to right, var(--cover) 30%, transparent) left / 32px 100%,
        linear-gradient(to left, var(--cover) 30%, transparent) right / 32px 100%,
        radial-gradient(farthest-side at 0 50%, rgb(0 0 0 / 0.3), transparent) left / 12px 100%,
        radial-gradient(farthest-side at 100% 50%, rgb(0 0 0 / 0.3), transparent) right / 12px 100%, var(--code);
      background-repeat: no-repeat; background-attachment: local, local, scroll, scroll, local; }
    /* The covers that hide the shadows at rest are the block's own background. */
    article pre { --cover: var(--code); }
    article table, article math[display=block] { --code: transparent; --cover: var(--bg); }
    article pre code { font-size: 1em; }
    article math { font-size: 1.1em; }
    article math[display=block] { display: block; overflow-x: auto; padding: 0.3em 0; }
    /* MathML Core has no menclose: the lines it names, drawn as borders and a stroke. */
    article menclose { padding: 0.1em 0.15em; }
    article menclose[notation~=top] { border-top: 1px solid; }
    article menclose[notation~=bottom] { border-bottom: 1px solid; }
    article menclose[notation~=left] { border-left: 1px solid; }
    article menclose[notation~=right] { border-right: 1px solid; }
    article menclose:is([notation~=box], [notation~=roundedbox], [notation~=circle]) { border: 1px solid; }
    article menclose[notation~=roundedbox] { border-radius: 0.3em; }
    article menclose[notation~=circle] { border-radius: 50%; }
    article menclose:is([notation~=updiagonalstrike], [notation~=horizontalstrike]) { --stroke: to bottom right;
      background: linear-gradient(var(--stroke), transparent calc(50% - 0.7px), currentColor calc(50% - 0.7px),
        currentColor calc(50% + 0.7px), transparent calc(50% + 0.7px)); }
    article menclose[notation~=horizontalstrike] { --stroke: to top; }
    article img.tex, article img.tex-display { filter: var(--ink); vertical-align: middle; }
    article img.tex-display { display: block; margin: 0.6em auto; }
    article sup.footnote-ref a { text-decoration: none; padding-inline: 0.15em; }
    article ol.footnotes { font-size: 0.88em; border-top: 1px solid var(--line); margin-top: 2em; padding-top: 0.8em; }
    article small.credit { color: var(--muted); font-size: 0.9em; font-style: italic; }
    a { color: var(--accent); }
    .content:lang(zh), .content:lang(ja), .content:lang(ko) {
      font-family: 'Noto Serif CJK SC', 'Noto Serif CJK JP', 'Noto Sans CJK SC', serif; line-height: 1.85; line-break: strict; }
    .message { font-size: 1.05em; }
    .doubt { margin: 8px 0 0; padding: 6px 12px; border-inline-start: 4px solid var(--accent); background: var(--panel); }
    .toast { position: fixed; inset-block-end: 24px; inset-inline-end: 24px; z-index: 2147483647;
      background: #1d1d1f; color: #fdfdfb; padding: 10px 16px; border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.3); }
    ${globalThis.__pithContents?.STYLE ?? ''}
    ${toolbarTools?.STYLE ?? ''}
  `;

  // The frames' hosts: a built-in element, never a custom element name such as <pith-frame>.
  // The custom element registry is the document's, shared with the page: a page that defines
  // such a name before Pith creates the element runs its own constructor on it, takes its
  // ElementInternals, and `internals.shadowRoot` then hands it the shadow root Pith attaches,
  // closed or not (with the iframe's address: the session's extension id and the nonce).
  // A <section> cannot be defined by a page, and the article never holds one (the engine's
  // allow-list, src/document.rs), so it also names the frames among the panel's elements.
  const FRAME_HOST = 'section';
  // The frames' own closed roots: the frame fills its host, whose box the panel's STYLE draws.
  const FRAME_STYLE = ':host { overflow: hidden; } iframe { display: block; width: 100%; height: 100%; border: 0; background: transparent; }';
  const sheets = new Map(); // css text → its constructable stylesheet
  let host = null;
  let root = null;
  let returnFocusTo = null;
  let handlers = {};
  let current = null; // { article, settings, site, address } while an article is shown
  // The history frame (extension/history-frame/): its host is placed with the article; its
  // iframe is made, inside the host's closed root, once the service worker has recorded the
  // reading, with the nonce that lets it, and only it, fetch the answer. The frames are held
  // by their hosts (frameAt); each host's closed root is in frameRoots, its iframe, once
  // made, in framesOf.
  let historyFrame = null;
  // The resume frame (the same extension page, ?part=resume), at the top of long articles.
  let resumeFrame = null;
  const framesOf = new WeakMap();
  const frameRoots = new WeakMap();
  let frameOrigin = null; // the frames' own origin, as their 'ready' event gave it
  let positionTimer = null;
  let readerMoved = false; // the reader's own input since the last position sent
  // The page's own scrollbars, hidden while the panel covers it: where the browser draws
  // scrollbars beside the page (Firefox; Chromium outside overlay mode), the page's were
  // left beside and below the fixed panel, two scrollbars side by side and the page showing
  // through their strips (a fixed element cannot cover them). What the root's style said
  // about overflow before, to put back exactly: { value, priority, attribute }.
  let pageOverflow = null;

  function sheetOf(css) {
    if (!sheets.has(css)) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    return sheets.get(css);
  }

  /** A new element with text, class and attributes. */
  function el(tag, { text, className, ...attributes } = {}, ...children) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  /** A `tag` element with a shadow root (`options` for attachShadow) styled by `css`. */
  function shadowHost(tag, options, css = STYLE) {
    const node = document.createElement(tag);
    const shadow = node.attachShadow(options);
    try {
      shadow.adoptedStyleSheets = [sheetOf(css)];
    } catch {
      // Older Firefox content scripts (Xray wrappers) may refuse the array: a <style>
      // element then, which Chromium applies even under a strict style-src.
      shadow.append(el('style', { text: css }));
    }
    return { node, shadow };
  }

  /**
   * Stops an event that is not the reader's (a page's click(), dispatchEvent, a synthetic
   * key) at the panel's root, before any of Pith's handlers and the control's own action.
   */
  function onlyTrusted(event) {
    if (event.isTrusted) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  function open() {
    // The host is in the page's document, which may remove it: that panel is gone (a new one then).
    if (host && !host.isConnected) close();
    if (host) return;
    returnFocusTo = document.activeElement;
    // Open, for translators (see the top of this file); only the reader's input acts in it.
    ({ node: host, shadow: root } = shadowHost('pith-reader', { mode: 'open' }));
    for (const type of INPUT_EVENTS) root.addEventListener(type, onlyTrusted, { capture: true });
    // The panel's own words are English; the article's language is set on its content.
    const sheet = el('div', { className: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pith-title', tabindex: '-1', lang: 'en', dir: 'ltr' });
    sheet.append(
      el('div', { className: 'toolbar ui', role: 'toolbar', 'aria-label': 'Reading options' }),
      el('p', { className: 'status ui', role: 'status', 'aria-live': 'polite' }),
      el('div', { className: 'body' }),
    );
    root.append(el('div', { className: 'backdrop' }, sheet));
    sheet.addEventListener('keydown', onKeydown);
    // Keys pressed in the panel are the reader's, not the page's shortcuts.
    sheet.addEventListener('keydown', (event) => event.stopPropagation());
    applySettings(current?.settings);
    renderToolbar();
    document.documentElement.append(host);
    pageScrollbars(false);
    toolbarTools?.attach();
    sheet.focus();
  }

  /** Hides the page's scrollbars (the scroll position stays), or puts them back as they were. */
  function pageScrollbars(shown) {
    const style = document.documentElement.style;
    if (!shown && !pageOverflow) {
      pageOverflow = { value: style.getPropertyValue('overflow'), priority: style.getPropertyPriority('overflow'), attribute: document.documentElement.hasAttribute('style') };
      style.setProperty('overflow', 'hidden', 'important');
    } else if (shown && pageOverflow) {
      const { value, priority, attribute } = pageOverflow;
      pageOverflow = null;
      if (value) style.setProperty('overflow', value, priority);
      else style.removeProperty('overflow');
      // No style attribute before, and nothing else set in it since: none after.
      if (!attribute && !style.length) document.documentElement.removeAttribute('style');
    }
  }

  function close() {
    if (!host) return;
    if (positionTimer) sendPosition(); // where the reader stopped, before the panel goes
    pageScrollbars(true);
    host.remove();
    toolbarTools?.detach();
    host = root = current = historyFrame = resumeFrame = frameOrigin = null;
    readerMoved = false;
    returnFocusTo?.focus?.({ preventScroll: true });
    returnFocusTo = null;
  }

  function focusables() {
    // Not hidden (display: none, closed <details>); off-screen ones under content-visibility count.
    // The history frame is one stop: the arrow keys move between its links; it says when Tab leaves it.
    // A frame's host counts once its frame is made (before, it holds nothing to focus).
    return [...root.querySelectorAll(`button, select, input, summary, a[href], ${FRAME_HOST}`)].filter(
      (node) => node.checkVisibility() && !node.disabled && (node.localName !== FRAME_HOST || framesOf.has(node)),
    );
  }

  function onKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      // Escape in a toolbar popover closes only the popover.
      if (!toolbarTools?.closePopover(root)) close();
    } else if (event.key === 'Tab') {
      // A modal dialog keeps focus inside until it closes.
      const items = focusables();
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      const active = root.activeElement;
      if (event.shiftKey && (active === first || !root.contains(active) || active === root.querySelector('.sheet'))) {
        event.preventDefault();
        focusInto(last);
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  /** Focuses `node`; the history frame is asked to focus its own (single) Tab stop. */
  function focusInto(node) {
    node.focus();
    if (node === historyFrame || node === resumeFrame) tellFrame(node, { type: MESSAGE.focus });
  }

  function applySettings(settings) {
    const sheet = root?.querySelector('.sheet');
    if (!sheet || !settings) return;
    root.querySelector('.backdrop').dataset.theme = settings.theme;
    sheet.style.setProperty('--size', `${settings.textSize}px`);
    sheet.style.setProperty('--width', `${WIDTH_PX[settings.width] ?? WIDTH_PX.medium}px`);
    toolbarTools?.apply(sheet, settings);
    toolbarTools?.sync(root.querySelector('.toolbar'), settings);
    for (const frame of [historyFrame, resumeFrame]) tellFrame(frame, { type: MESSAGE.theme, theme: settings.theme });
  }

  function renderToolbar() {
    const toolbar = root.querySelector('.toolbar');
    // Reading aloud needs the article's sentences (the engine's splitter, asked for on Play).
    const listen = current?.article && { root, sentences: handlers.sentences, status, lang: current.article.lang };
    toolbarTools.render(toolbar, { settings: current?.settings, choices: CHOICES, article: Boolean(current?.article), el, listen });
    toolbar.onclick = (event) => onAction(event.target.closest('[data-action]')?.dataset.action);
    toolbar.onchange = (event) => {
      const name = event.target.dataset.setting;
      if (name) changeSettings({ [name]: toolbarTools.valueOf(event.target) });
    };
  }

  function changeSettings(changes) {
    if (!current?.settings) return;
    current.settings = { ...current.settings, ...changes };
    applySettings(current.settings);
    handlers.saveSettings?.(changes);
  }

  function onAction(action) {
    if (!action) return;
    if (action === 'close') close();
    else if (action === 'copy') copyShown();
    else if (action === 'print') window.print();
    else if (action === 'open-history' || action === 'open-options') {
      toolbarTools?.closePopover(root);
      handlers.openPage?.(action === 'open-history' ? 'history' : 'options');
    }
    else if (action === 'smaller' || action === 'larger') stepTextSize(action === 'larger' ? 1 : -1);
  }

  function stepTextSize(step) {
    const sizes = TEXT_SIZES;
    const index = Math.max(0, sizes.indexOf(current.settings.textSize));
    const next = sizes[Math.min(sizes.length - 1, Math.max(0, index + step))];
    changeSettings({ textSize: next });
    status(`Text size ${next} px`);
  }

  async function copyShown() {
    try {
      status(await copy(current.article, current.settings, current.address));
    } catch (error) {
      status(`Could not copy: ${error?.message ?? error}`);
    }
  }

  function status(message) {
    const node = root?.querySelector('.status');
    if (node) node.textContent = message;
  }

  function body() {
    open();
    return root.querySelector('.body');
  }

  function formatDate(iso) {
    // The calendar date the publisher wrote, not that instant in the reader's time zone.
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
    if (!day) return iso;
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }

  /**
   * The panel's own (English) words inside the article's flow: isolated left-to-right, so
   * "Summary" reads right in a right-to-left article and still aligns with it.
   */
  function uiText(text) {
    return el('span', { text, ...OWN_WORDS });
  }

  // The panel's own rows under the title (stats, notices, buttons) are in its language,
  // English, whatever the article's: left to right, so that in a right-to-left article
  // "Wrong text? [Pick the text]" keeps its order, a notice's buttons follow its text and
  // the "What was removed" marker opens the line. The article's words (title, byline,
  // summary, text) keep the article's direction.
  const OWN_WORDS = { lang: 'en', dir: 'ltr' };

  /** 45 → "45 min", 403 → "6 h 43 min", 120 → "2 h". */
  function readingTime(minutes) {
    if (minutes < 60) return `${minutes} min`;
    const rest = minutes % 60;
    return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
  }

  /** Why the engine removed a paragraph, in words (kinds from src/article.rs). */
  function whyRemoved({ kind, repeats, similarity }) {
    const paragraph = `paragraph ${repeats + 1}`;
    const alike = similarity < 1 ? ` (${Math.round(similarity * 100)}% alike)` : '';
    if (kind === 'exact') return `repeats ${paragraph} exactly`;
    if (kind === 'block') return `repeats ${paragraph}${alike}, in a repeated run of paragraphs`;
    if (kind === 'contained') return `is contained in ${paragraph} (a pull quote)`;
    return `repeats ${paragraph}${alike}`;
  }

  function header(article) {
    const title = el('h1', { id: 'pith-title', text: article.title || 'Untitled' });
    const meta = [globalThis.__pithSource.byline(article), article.site_name, article.published_time && formatDate(article.published_time)].filter(Boolean);
    const removed = article.duplicates ?? [];
    const stats = [plural(article.word_count, 'word'), `${readingTime(article.reading_minutes)} read`];
    if (removed.length) stats.push(`${plural(removed.length, 'duplicated paragraph')} removed`);
    const parts = [title];
    if (meta.length) parts.push(el('p', { className: 'meta ui', text: meta.join(' · ') }));
    parts.push(el('p', { className: 'stats ui', ...OWN_WORDS, text: stats.join(' · ') }));
    if (removed.length) {
      const list = el('ol');
      for (const duplicate of removed) {
        // The removed text in its own direction inside the English line.
        list.append(el('li', {}, el('q', { text: duplicate.text, dir: 'auto', lang: article.lang ?? '' }), ` — ${whyRemoved(duplicate)}`));
      }
      parts.push(el('details', { className: 'removed ui', ...OWN_WORDS }, el('summary', { text: `What was removed (${removed.length})` }), list));
    }
    // Not a banner landmark: the page's own header is its banner; this is the article's.
    return el('header', { role: 'none' }, ...parts);
  }

  function summary(article) {
    if (!article.summary?.length) return null;
    const list = el('ul');
    for (const sentence of article.summary) list.append(el('li', { text: sentence }));
    const toggle = el('summary', {}, uiText('Summary'));
    const section = el('details', { className: 'summary', open: '' }, toggle, list);
    // The reader's choice is remembered (a click or Enter/Space on the summary line; a
    // click comes before the toggle, so `open` is still the old state).
    toggle.addEventListener('click', () => changeSettings({ summary: section.open ? 'closed' : 'open' }));
    // Chrome's built-in Summarizer (on-device model), offered only where it exists and
    // used only on the reader's click: the browser may first download its model.
    if (typeof globalThis.Summarizer?.create === 'function') {
      const button = el('button', { type: 'button', className: 'ui', text: 'AI summary (on-device)', title: 'Uses the browser’s own on-device model; it may download it first' });
      button.addEventListener('click', () => aiSummary(article, list, button));
      const slot = el('p', { hidden: '' }, button);
      section.append(slot);
      // Shown only when the browser has (or can fetch) a model: some builds expose the API
      // with none behind it.
      globalThis.Summarizer.availability()
        .then((availability) => (slot.hidden = availability === 'unavailable'))
        .catch(() => {});
    }
    return section;
  }

  // The on-device model's input limit is in tokens; this many characters stays under it.
  const AI_SUMMARY_MAX_CHARS = 12_000;

  async function aiSummary(article, list, button) {
    button.disabled = true;
    try {
      if ((await globalThis.Summarizer.availability()) === 'unavailable') throw new Error('this browser has no on-device model');
      status('Preparing the on-device summary…');
      const summarizer = await globalThis.Summarizer.create({
        type: 'key-points',
        format: 'plain-text',
        length: 'short',
        monitor: (m) => m.addEventListener('downloadprogress', (e) => status(`Downloading the on-device model: ${Math.round(e.loaded * 100)}%`)),
      });
      const points = (await summarizer.summarize(article.text.slice(0, AI_SUMMARY_MAX_CHARS)))
        .split('\n')
        .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
        .filter(Boolean);
      summarizer.destroy?.();
      list.replaceChildren(...points.map((point) => el('li', { text: point })));
      button.replaceWith(el('span', { className: 'meta', text: 'Summary by the browser’s on-device model.' }));
      status('');
    } catch (error) {
      button.disabled = false;
      status(`No AI summary: ${error?.message ?? error}`);
    }
  }

  function articleBody(article) {
    const content = el('article');
    // The engine's HTML is rebuilt through its allow-list (no scripts, handlers or unsafe
    // URLs); parsing it in an inert document first is a second line of defence. (A
    // <template> would be 0.1 ms faster, median, but AMO's linter rejects any innerHTML.)
    const parsed = new DOMParser().parseFromString(article.html, 'text/html');
    for (const link of parsed.querySelectorAll('a[href]')) link.setAttribute('rel', 'noopener noreferrer');
    content.append(...parsed.body.childNodes);
    // A footnote's link (#pith-fn-N) points inside the panel, where the page's own
    // scrolling to an anchor cannot reach (a shadow root): scroll to the note here.
    content.addEventListener('click', (event) => {
      const link = event.target.closest?.('a[href^="#pith-fn-"]');
      if (!link) return;
      event.preventDefault();
      root.getElementById(link.getAttribute('href').slice(1))?.scrollIntoView({ block: 'center' });
    });
    return content;
  }

  /**
   * Shows `article`. `settings` are the user's (theme, sizes); `site` is
   * { label, pattern, enabled } for the "Always clean <site>" button, or null.
   */
  function showArticle(article, { settings, site = null, address = null, doubt = null, picked = false, repeats = 'removed', marked = [], focusRepeats = false, history = false } = {}) {
    current = { article, settings, site, address };
    historyFrame = resumeFrame = frameOrigin = null; // the last article's frames go with its content
    const target = body();
    applySettings(settings);
    renderToolbar();
    const content = el('div', { className: 'content' });
    content.lang = article.lang ?? ''; // '' = unknown, rather than the panel's English
    content.dir = article.dir === 'rtl' ? 'rtl' : 'auto';
    content.append(header(article));
    const repeatsNote = repeatsLine(article, repeats, marked.length);
    if (repeatsNote) content.append(repeatsNote);
    // The engine doubts this is an article (shown on an explicit click all the same).
    if (doubt) content.append(el('p', { className: 'doubt ui', role: 'note', ...OWN_WORDS, text: doubt }));
    const siteButton = el('p', { className: 'site ui', ...OWN_WORDS });
    content.append(siteButton, pickLine(picked));
    // A long article: the resume frame's host, the same whatever the history holds.
    if (article.word_count >= RESUME_MIN_WORDS) content.append((resumeFrame = frameAt('resume', 'Continue reading')));
    const gist = summary(article);
    if (gist) content.append(gist);
    const clean = articleBody(article);
    if (repeats === 'inPlace') markRepeats(clean, marked);
    // Long articles: their contents (extension/content/contents.js), then the article.
    const contents = globalThis.__pithContents?.build(clean, root.querySelector('.backdrop'));
    content.append(...(contents ? [contents.nav] : []), clean);
    // A reading the history will answer about (`history`): its frame's host, at the end. Both
    // hosts go in with the article, never when the service worker answers: the page watches
    // the open root, and the moment a host went in would time the worker's recording, which
    // takes longer with a larger history (and for an address read before).
    if (history) content.append((historyFrame = frameAt('history', 'Your reading history')));
    target.replaceChildren(content);
    // The repeats shown or hidden by the reader's click: the focus stays on their line.
    if (focusRepeats) content.querySelector('.repeats button')?.focus({ preventScroll: true });
    contents?.place();
    followPosition();
    if (gist) gist.open = summaryStartsOpen(article, settings?.summary);
    renderSite();
  }

  /** Is what the engine removed from `article` a large share of it (LARGE_REMOVAL_SHARE)? */
  function largeRemoval(article) {
    const removed = article.duplicates ?? [];
    const removedWords = removed.reduce((sum, { text }) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
    const share = removedWords / Math.max(1, removedWords + article.word_count);
    return removed.length >= LARGE_REMOVAL_PARAGRAPHS || (removed.length > 0 && share >= LARGE_REMOVAL_SHARE);
  }

  /**
   * The line under the stats about repeated paragraphs: `repeats` is 'removed' (the usual
   * clean: said only when a large share went), 'inPlace' (`count` removed ones shown,
   * marked) or 'kept' (this site keeps every paragraph).
   */
  function repeatsLine(article, repeats, count) {
    const button = (text, action, ...args) => {
      const node = el('button', { type: 'button', 'data-action': action, text });
      node.addEventListener('click', () => handlers[action]?.(...args));
      return node;
    };
    const line = (text, ...buttons) => el('p', { className: 'repeats ui', ...OWN_WORDS }, el('span', { text }), ...buttons);
    if (repeats === 'kept') return line('Pith keeps every paragraph on this site, repeats included.', button('Remove repeats here again', 'keepRepeats', false));
    if (repeats === 'inPlace') {
      return line(`${plural(count, 'removed paragraph')} shown in place, marked “repeat”.`, button('Hide them again', 'showRepeats', false),
        button('Keep everything on this site', 'keepRepeats', true));
    }
    if (!largeRemoval(article)) return null;
    const removed = article.duplicates.length;
    return line(`Pith removed ${plural(removed, 'repeated paragraph')}: a large part of this page. Lists, recipes and plans repeat lines on purpose.`,
      button('Show them in place', 'showRepeats', true), button('Keep everything on this site', 'keepRepeats', true));
  }

  /**
   * Marks, in the article cleaned with every paragraph, the ones the usual clean removed
   * (`marked`, the engine's duplicates). Matched by text: of the blocks reading as a removed
   * text, the last ones (as many as were removed) are the repeats; the first copy of an
   * exact repeat is the one the usual clean keeps.
   */
  function markRepeats(article, marked) {
    const normal = (text) => text.replace(/\s+/g, ' ').trim();
    const wanted = new Map();
    for (const { text } of marked) wanted.set(normal(text), (wanted.get(normal(text)) ?? 0) + 1);
    const found = new Map();
    for (const node of article.querySelectorAll('*')) {
      const text = normal(node.textContent);
      // The outermost element reading as the text (a <p> in a <blockquote> counts once).
      if (!wanted.has(text) || (node.parentElement !== article && normal(node.parentElement.textContent) === text)) continue;
      found.set(text, [...(found.get(text) ?? []), node]);
    }
    for (const [text, count] of wanted) for (const node of (found.get(text) ?? []).slice(-count)) node.classList.add('repeat');
  }

  /**
   * Should the summary start open? The reader's choice when they made one; else only on
   * articles that are not short, and only when the first paragraph still shows on the
   * first screen with it open (measured: the summary is open in the DOM now).
   */
  function summaryStartsOpen(article, choice) {
    if (choice === 'open' || choice === 'closed') return choice === 'open';
    if (article.word_count < SHORT_ARTICLE_WORDS) return false;
    const first = root.querySelector('article p');
    if (!first) return true;
    const lineHeight = parseFloat(getComputedStyle(first).lineHeight) || 30;
    const screen = root.querySelector('.backdrop').clientHeight;
    return first.getBoundingClientRect().top + FIRST_SCREEN_LINES * lineHeight <= screen;
  }

  /**
   * "Pick the text" under the stats line: the way out when Pith chose wrong; on the text
   * the reader picked, "Pick again" and "Forget" (this site's choice).
   */
  function pickLine(picked) {
    const button = (text, action) => {
      const node = el('button', { type: 'button', 'data-action': action, text });
      node.addEventListener('click', () => handlers[action]?.());
      return node;
    };
    if (picked) return el('p', { className: 'pick ui', ...OWN_WORDS }, el('span', { text: 'You picked this text on this site.' }), button('Pick again', 'pickText'), button('Forget it', 'forgetPick'));
    return el('p', { className: 'pick ui', ...OWN_WORDS }, el('span', { text: 'Wrong text?' }), button('Pick the text', 'pickText'));
  }

  /** "Always clean <site>" (or "Stop auto-cleaning <site>") under the stats line. */
  function renderSite() {
    const slot = root?.querySelector('.site');
    const site = current?.site;
    if (!slot) return;
    if (!site) {
      slot.replaceChildren();
      return;
    }
    // One button, relabelled in place, so keyboard focus stays on it when it flips.
    let button = slot.querySelector('button');
    if (!button) {
      button = el('button', { type: 'button', 'data-action': 'site' });
      button.addEventListener('click', () => current?.site && handlers.toggleSite?.(current.site));
      slot.replaceChildren(button);
    }
    button.textContent = site.enabled ? `Stop auto-cleaning ${site.label}` : `Always clean ${site.label}`;
  }

  /**
   * Loads the frames (the page at `url`, given `nonce` and the panel's theme) in their hosts,
   * which showArticle placed: the resume frame at once, the history frame at the end of the
   * article, the last thing in the panel, of a fixed height, so that nothing the page can
   * measure moves or changes with what the history holds. Until the reader scrolls near it,
   * its host stays an empty box of the same size: the frame (an extension page) costs nothing
   * before it is needed, and its answer waits in the worker.
   */
  function showHistoryFrame(url, nonce) {
    if (!current?.article) return;
    const theme = encodeURIComponent(current?.settings?.theme ?? 'auto');
    // A long article's resume frame comes at once: its offer is at the top.
    if (resumeFrame?.isConnected) placeFrame(resumeFrame, `${url}?part=resume&theme=${theme}#${nonce}`);
    const history = historyFrame;
    if (!history?.isConnected) return;
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting) || !history.isConnected) return;
        near.disconnect();
        placeFrame(history, `${url}?theme=${theme}#${nonce}`);
      },
      { root: root.querySelector('.backdrop'), rootMargin: '0px 0px 100% 0px' },
    );
    near.observe(history);
  }

  /**
   * A frame's host (a FRAME_HOST) of class `className`, with a closed root of its own, empty
   * until placeFrame makes its frame there: the page can walk the panel's open root but not
   * into this one, so it never reads the frame's address (the session's extension id,
   * Firefox's installation id, the nonce), nor sees when the frame is made. Focusing the host
   * focuses the frame (delegatesFocus).
   */
  function frameAt(className, title) {
    const { node, shadow } = shadowHost(FRAME_HOST, { mode: 'closed', delegatesFocus: true }, FRAME_STYLE);
    node.className = className;
    frameRoots.set(node, { shadow, title });
    return node;
  }

  /**
   * Makes the frame of the host `node` (once) and loads `src` in it, by navigating it rather
   * than by its `src` attribute: a cross-origin-isolated page reads every iframe's `src`
   * attribute in its document, closed roots included, from
   * `performance.measureUserAgentSpecificMemory()` (each frame's `container`), and with it
   * the session's extension id (one per browser session, the same on every site) and the
   * nonce. The frame is dropped if anything makes it load a second page (its first,
   * about:blank, is the browser's).
   */
  function placeFrame(node, src) {
    const place = frameRoots.get(node);
    if (!place || framesOf.has(node)) return;
    const frame = el('iframe', { title: place.title });
    place.shadow.append(frame);
    framesOf.set(node, frame);
    const blank = () => {
      try {
        return frame.contentWindow.location.href === 'about:blank';
      } catch {
        return false; // another origin's page: the extension's, or anyone's
      }
    };
    let loads = 0;
    frame.addEventListener('load', () => {
      if (!blank() && ++loads > 1) node.remove(); // navigated by someone else
    });
    frame.contentWindow.location.replace(src);
  }

  /** A message to one of the frames (by its host), once they have said where they are; for their origin only. */
  function tellFrame(host, message) {
    if (host?.isConnected && frameOrigin) framesOf.get(host)?.contentWindow?.postMessage(message, frameOrigin);
  }

  /**
   * A frame's events (content.js checks they come from the extension); `part` says which
   * frame ('history' or 'resume'), `block` where to continue ('resume').
   */
  function frameEvent(event, origin, part = 'history', block = null) {
    const frame = part === 'resume' ? resumeFrame : historyFrame;
    if (!frame?.isConnected) return;
    if (event === 'ready') {
      frameOrigin = origin;
      tellFrame(frame, { type: MESSAGE.theme, theme: current?.settings?.theme ?? 'auto' });
    } else if (event === 'close') {
      close();
    } else if (event === 'tab-forward' || event === 'tab-backward') {
      const items = focusables();
      const at = items.indexOf(frame);
      focusInto(event === 'tab-forward' ? items[at + 1] ?? items[0] : items[at - 1] ?? items.at(-1));
    } else if (event === 'resume' && block) {
      continueAt(block);
    }
  }

  // ------------------------------------------------------------------ resume

  /** The article's top-level blocks (paragraphs, headings, figures), the unit of a position. */
  const articleBlocks = () => [...(root?.querySelectorAll('.content > article > *') ?? [])];

  /**
   * Scrolls to where the reader stopped: block `at` of `of` (scaled when the page has
   * changed since), which takes the focus, so reading (and a screen reader) goes on there.
   */
  function continueAt({ at, of }) {
    const blocks = articleBlocks();
    if (!blocks.length) return;
    const target = blocks[Math.min(blocks.length - 1, Math.round((at * blocks.length) / Math.max(1, of)))];
    target.tabIndex = -1;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
    status('Continued where you stopped.');
  }

  /**
   * Where the reader is: the first block at least half on screen, or the last block once
   * the end of the article is on screen (a finished reading, which the history forgets).
   */
  function readingPosition() {
    const blocks = articleBlocks();
    const { top, bottom } = root.querySelector('.backdrop').getBoundingClientRect();
    if (blocks.length && blocks.at(-1).getBoundingClientRect().bottom <= bottom) return { at: blocks.length - 1, of: blocks.length };
    const at = blocks.findIndex((block) => block.getBoundingClientRect().bottom > top + block.offsetHeight / 2);
    return at < 0 ? null : { at, of: blocks.length };
  }

  /** Long articles: tells the history where the reader is, once scrolling pauses. */
  function followPosition() {
    const backdrop = root.querySelector('.backdrop');
    if (!resumeFrameWanted() || backdrop.dataset.following) return;
    backdrop.dataset.following = 'yes'; // once per panel (a retry shows a second article)
    const moved = (event) => (readerMoved ||= event.isTrusted);
    for (const type of READER_MOVES) backdrop.addEventListener(type, moved, { capture: true, passive: true });
    backdrop.addEventListener('scroll', () => {
      clearTimeout(positionTimer);
      positionTimer = setTimeout(sendPosition, POSITION_QUIET_MS);
    }, { passive: true });
  }

  /**
   * Calls `callback` once, at the reader's first own input in this panel (READER_MOVES,
   * trusted only: a page's synthetic events are not the reader). Nothing if the panel closes first.
   */
  function onReaderInput(callback) {
    const backdrop = root?.querySelector('.backdrop');
    if (!backdrop) return;
    const heard = new AbortController();
    const once = (event) => {
      if (!event.isTrusted) return;
      heard.abort();
      callback();
    };
    for (const type of READER_MOVES) backdrop.addEventListener(type, once, { capture: true, passive: true, signal: heard.signal });
  }

  const resumeFrameWanted = () => current?.article?.word_count >= RESUME_MIN_WORDS;

  function sendPosition() {
    clearTimeout(positionTimer);
    positionTimer = null;
    const position = root && readerMoved && resumeFrameWanted() && readingPosition();
    if (!position) return;
    readerMoved = false;
    handlers.position?.(position);
  }

  /** A message instead of an article (loading, not an article, an error). */
  function showMessage(title, message, settings) {
    if (settings && !current) current = { settings };
    const target = body();
    applySettings(settings ?? current?.settings);
    target.replaceChildren(el('h1', { id: 'pith-title', text: title }), el('p', { className: 'message', text: message }));
  }

  /**
   * Copies `article` in the reader's copy format; resolves to a confirmation. With the
   * copySource setting on (the default) the copy carries its source: title, byline, site,
   * date and `address` (extension/content/source.js); off, the title and the article.
   */
  async function copy(article, settings, address) {
    const format = settings?.copyFormat ?? 'text';
    // The Markdown is made when first asked for: the panel's clean leaves it out.
    if (format === 'markdown' && typeof article.markdown !== 'string' && handlers.completeArticle) {
      article = await handlers.completeArticle();
    }
    const items = globalThis.__pithSource.clipboardItems(article, format, { withSource: settings?.copySource !== false, address });
    try {
      if (format === 'html') {
        const blobs = Object.fromEntries(Object.entries(items).map(([type, value]) => [type, new Blob([value], { type })]));
        await navigator.clipboard.write([new ClipboardItem(blobs)]);
      } else {
        await navigator.clipboard.writeText(items['text/plain']);
      }
    } catch {
      copyWithCommand(items); // Firefox content scripts, or a page's Permissions-Policy
    }
    return `Copied the article as ${COPY_NAMES[format] ?? COPY_NAMES.text} (${plural(article.word_count, 'word')}).`;
  }

  /**
   * Copies `items` through a copy event in the page's document (where the clipboard API is
   * refused), whose listeners the page has too. Pith writes first (the document, capturing)
   * and again last (the window, bubbling: after every listener the page added before); a
   * page that stops the event before Pith's first listener gets no *Copied*. (A page can
   * still add a listener during the event, which runs after Pith's last: no listener of a
   * content script is sure to run last, and nothing without a new permission can read the
   * clipboard back to check.)
   */
  function copyWithCommand(items) {
    let written = false;
    const onCopy = (event) => {
      event.preventDefault();
      for (const [type, value] of Object.entries(items)) event.clipboardData.setData(type, value);
      written = true;
    };
    const again = (event) => written && onCopy(event);
    document.addEventListener('copy', onCopy, { capture: true, once: true });
    window.addEventListener('copy', again, { once: true });
    const ok = document.execCommand('copy');
    document.removeEventListener('copy', onCopy, { capture: true });
    window.removeEventListener('copy', again);
    if (!ok) throw new Error('the browser refused to copy');
    if (!written) throw new Error('the page stopped the copy');
  }

  /** A short confirmation when no panel is open (copy by shortcut or context menu). */
  function toast(message) {
    if (host?.isConnected) {
      status(message);
      return;
    }
    const { node, shadow } = shadowHost('pith-toast', { mode: 'closed' });
    shadow.append(el('div', { className: 'toast ui', role: 'status', text: message }));
    document.documentElement.append(node);
    setTimeout(() => node.remove(), TOAST_MS);
  }

  const api = {
    // The element maker, for the picker's bar (extension/content/picker.js).
    el,
    // Not when the page removed the host: the reader's next click opens a panel, not closes a hidden one.
    isOpen: () => host?.isConnected === true,
    close,
    setHandlers: (next) => (handlers = next),
    showLoading: (settings) => showMessage('Pith', 'Cleaning this page…', settings),
    showArticle,
    showHistoryFrame,
    frameEvent,
    onReaderInput,
    showNotArticle(settings, message = 'Pith found no article here: it looks like a home, section, search or app page. Open a single story and click Pith again, or pick the text yourself.') {
      showMessage('This page is not an article', message, settings);
      const actions = el('p', { className: 'pick ui' });
      const pick = el('button', { type: 'button', 'data-action': 'pickText', text: 'Pick the text' });
      pick.addEventListener('click', () => handlers.pickText?.());
      actions.append(pick);
      root.querySelector('.body').append(actions);
    },
    /** Steps aside while the reader picks the text on the page (and comes back, focused). */
    setHidden(hidden) {
      if (!host) return;
      host.style.display = hidden ? 'none' : '';
      // The reader scrolls the page to pick its text.
      pageScrollbars(hidden);
      if (!hidden) root.querySelector('.sheet')?.focus();
    },
    /** An error; `retry` (a function, or null) adds a "Try again" button for faults that may pass. */
    showError(message, settings, retry = null) {
      showMessage('Pith could not clean this page', `${message} The page itself is unchanged.`, settings);
      if (retry) {
        const button = el('button', { type: 'button', className: 'ui', 'data-action': 'retry', text: 'Try again' });
        button.addEventListener('click', () => {
          api.showLoading();
          retry();
        });
        root.querySelector('.body').append(el('p', {}, button));
        button.focus();
      }
    },
    showSite: (site) => {
      if (!current?.article) return;
      current.site = site;
      renderSite();
    },
    status,
    copy,
    toast,
  };
  Object.defineProperty(globalThis, '__pithPanel', { value: api });
})();
