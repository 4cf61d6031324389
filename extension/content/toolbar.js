// The panel's toolbar and typography: compact icon buttons, each named for screen readers,
// two of them opening a labelled popover ("Text and theme", "Copy format"); the typography
// the reader chose (font, size, line spacing, width, justification) applied to the sheet;
// the bundled Atkinson Hyperlegible face loaded when chosen; and printing that gives only
// the clean article. Classic script (before panel.js, which calls it), injected possibly
// many times: defined once per page.
(() => {
  if (Object.hasOwn(globalThis, '__pithToolbar')) return;

  const FONT_NAMES = { serif: 'Serif', sans: 'Sans-serif', hyperlegible: 'Hyperlegible (Atkinson)' };
  const FONT_STACKS = {
    serif: "Charter, Georgia, 'Noto Serif', 'DejaVu Serif', serif",
    sans: "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif",
    hyperlegible: "'Pith Hyperlegible', system-ui, -apple-system, 'Segoe UI', sans-serif",
  };
  const LINE_NAMES = { 1.4: 'Compact', 1.65: 'Normal', 1.9: 'Relaxed', 2.2: 'Loose' };
  const THEME_NAMES = { auto: 'Auto (system)', light: 'Light', sepia: 'Sepia', dark: 'Dark' };
  const WIDTH_NAMES = { narrow: 'Narrow', medium: 'Medium', wide: 'Wide' };
  const COPY_NAMES = { text: 'Text', markdown: 'Markdown', html: 'Rich text' };
  // The bundled face (extension/fonts/, OFL): two weights, two subsets each; the browser
  // fetches a subset only when the text has letters in its range.
  const FONT_FACE = 'Pith Hyperlegible';
  const FONT_FILES = [
    { file: 'latin-400-normal', weight: '400', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
    { file: 'latin-700-normal', weight: '700', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
    { file: 'latin-ext-400-normal', weight: '400', range: 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF' },
    { file: 'latin-ext-700-normal', weight: '700', range: 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF' },
  ];
  // A popover opens this far below its button, and keeps this far from the window's edges.
  const POPOVER_GAP_PX = 6;
  const EDGE_PX = 8;

  // Icons: 24×24 strokes in the text colour (aria-hidden; every button has a name).
  const ICONS = {
    copy: ['M9 9h10v11H9z', 'M5 15V4h10'],
    print: ['M7 9V3h10v6', 'M7 17H4v-7h16v7h-3', 'M7 14h10v7H7z'],
    close: ['M6 6l12 12', 'M18 6L6 18'],
    more: ['M7 10l5 5 5-5'],
    menu: ['M4 7h16', 'M4 12h16', 'M4 17h16'],
    listen: ['M4 10v4h4l5 4V6L8 10z', 'M16 9a4 4 0 0 1 0 6', 'M18.5 6.5a8 8 0 0 1 0 11'],
  };

  // The toolbar's own styles, appended to the panel's stylesheet.
  const STYLE = `
    .toolbar .icon { display: inline-flex; align-items: center; justify-content: center; min-width: 34px; height: 34px; padding: 0 8px; gap: 4px; }
    .toolbar .icon svg { width: 20px; height: 20px; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
    .toolbar .icon.more { min-width: 22px; padding: 0 2px; }
    .toolbar .icon.more svg { width: 14px; height: 14px; }
    .toolbar .aa { font: 600 16px/1 Georgia, serif; }
    .toolbar button[aria-expanded=true] { background: var(--panel); }
    [popover] { position: fixed; inset: auto; margin: 0; box-sizing: border-box; width: max-content; max-width: calc(100vw - 16px);
      padding: 12px 14px; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 8px;
      box-shadow: 0 8px 24px rgb(0 0 0 / 0.25); font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; }
    [popover] h2 { font-size: 14px; margin: 0 0 8px; }
    .settings { display: grid; grid-template-columns: auto auto; gap: 8px 12px; align-items: center; }
    .pages { display: flex; flex-direction: column; gap: 6px; min-width: 12em; }
    .pages button { text-align: start; }
    .settings label, .settings .name { color: var(--fg); }
    .settings .size { display: inline-flex; gap: 6px; align-items: center; }
    button[data-glyph]::before { content: attr(data-glyph); }
    .settings output { min-width: 4.2em; text-align: center; color: var(--fg); }
    .settings input[type=checkbox] { width: 18px; height: 18px; margin: 0; accent-color: var(--accent); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    ${globalThis.__pithListen?.STYLE ?? ''}
    .sheet { font-family: var(--font, Charter, Georgia, 'Noto Serif', 'DejaVu Serif', serif); line-height: var(--leading, 1.65); }
    article { text-align: var(--align, start); hyphens: var(--hyphens, manual); }
    @media print {
      .backdrop { position: static; overflow: visible; display: block; background: #fff; color: #000; }
      .sheet { width: auto; margin: 0; padding: 0; }
      /* Not the frames either: the history, and the resume line (how far in, and when), stay
         out of a printout or a PDF the reader shares. */
      .toolbar, .status, .site, .history, .resume, .contents, details.removed, .doubt, [popover] { display: none !important; }
      article > * { content-visibility: visible; }
      a { color: inherit; }
    }
  `;

  // While a panel is open, the page's own content is left out of printing (the panel is
  // a child of <html>, not of <body>): Print / Save as PDF gives only the clean article.
  const PRINT_ONLY_PANEL = '@media print { html > body { display: none !important; } }';
  // …and the panel's one ancestor in the page, <html>, drawn plain: the history frames' links
  // act only where the browser sees them unaltered (clickjacking, history-frame/frame.js),
  // and a page that greys itself (`html { filter: grayscale(1) }`, on days of mourning) would
  // leave them dead. Under the panel, which covers the window, nothing of it shows.
  const PLAIN_ROOT = 'html { filter: none !important; opacity: 1 !important; transform: none !important; }';

  let printSheet = null; // the two rules above, in the page's document while a panel is open
  let fontFaces = null; // the bundled face's FontFace objects, once loaded in this page

  function svgIcon(name) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    for (const d of ICONS[name]) {
      const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    return svg;
  }

  /**
   * Fills `toolbar` (the panel's role=toolbar element). `settings` are the reader's,
   * `choices` the values offered ({ textSizes, lineHeights, fontFamilies }), `article`
   * whether an article is shown (else only Close). `el` is the panel's element maker;
   * `listen` what reading aloud needs (listen.js's controls()).
   */
  function render(toolbar, { settings, choices, article, el, listen }) {
    const button = (action, label, icon, extra = {}) => {
      const node = el('button', { type: 'button', className: `icon ${extra.className ?? ''}`.trim(), 'data-action': action, 'aria-label': label, title: label });
      node.append(typeof icon === 'string' ? svgIcon(icon) : icon);
      return node;
    };
    const select = (label, name, options, value) => {
      const id = `pith-setting-${name}`;
      const control = el('select', { id, 'data-setting': name });
      // [value, label] pairs, or an object of them (whose integer-like keys would come first).
      for (const [key, text] of Array.isArray(options) ? options : Object.entries(options)) control.append(el('option', { text, value: key }));
      control.value = String(value);
      return [el('label', { for: id, text: label }), control];
    };
    // A button and the popover it opens, side by side in the DOM (so Tab goes from one
    // to the other), named alike.
    const withPopover = (invoker, id, title, ...content) => {
      invoker.setAttribute('popovertarget', id);
      invoker.setAttribute('aria-expanded', 'false');
      const popover = el('div', { id, popover: 'auto', role: 'group', 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title`, text: title }), ...content);
      popover.addEventListener('toggle', (event) => {
        invoker.setAttribute('aria-expanded', String(event.newState === 'open'));
        if (event.newState === 'open') placeBelow(popover, invoker);
      });
      return [invoker, popover];
    };

    const items = [];
    if (article && settings) {
      const text = el('div', { className: 'settings' },
        ...select('Font', 'fontFamily', pick(FONT_NAMES, choices?.fontFamilies), settings.fontFamily),
        el('span', { className: 'name', id: 'pith-size-label', text: 'Text size' }),
        el('span', { className: 'size', role: 'group', 'aria-labelledby': 'pith-size-label' },
          // The glyphs (drawn by CSS) are a picture of the action; the name says it.
          el('button', { type: 'button', 'data-action': 'smaller', 'data-glyph': 'A−', 'aria-label': 'Smaller text' }),
          el('output', { className: 'size-value', text: `${settings.textSize} px` }),
          el('button', { type: 'button', 'data-action': 'larger', 'data-glyph': 'A+', 'aria-label': 'Larger text' })),
        ...select('Line spacing', 'lineHeight', pick(LINE_NAMES, choices?.lineHeights), settings.lineHeight),
        ...select('Column width', 'width', WIDTH_NAMES, settings.width),
        el('label', { for: 'pith-setting-justify', text: 'Justify text' }),
        el('input', { type: 'checkbox', id: 'pith-setting-justify', 'data-setting': 'justify', ...(settings.justify ? { checked: '' } : {}) }),
        ...select('Theme', 'theme', THEME_NAMES, settings.theme));
      const aa = el('span', { className: 'aa', 'aria-hidden': 'true', text: 'Aa' });
      items.push(
        el('span', { className: 'group' }, ...withPopover(button('text', 'Text and theme', aa), 'pith-text-popover', 'Text and theme', text)),
        el('span', { className: 'group' },
          button('copy', `Copy the article as ${COPY_NAMES[settings.copyFormat] ?? COPY_NAMES.text}`, 'copy'),
          ...withPopover(button('copy-format', 'Copy format', 'more', { className: 'more' }), 'pith-copy-popover', 'Copy format',
            el('div', { className: 'settings' }, ...select('Copy as', 'copyFormat', COPY_NAMES, settings.copyFormat),
              el('label', { for: 'pith-setting-copySource', text: 'With its source' }),
              el('input', { type: 'checkbox', id: 'pith-setting-copySource', 'data-setting': 'copySource', ...(settings.copySource !== false ? { checked: '' } : {}) })))),
      );
      // Listen (extension/content/listen.js): its button and popover.
      const listenTools = globalThis.__pithListen;
      if (listenTools && listen) items.push(el('span', { className: 'group' }, ...listenTools.controls({ el, button, withPopover, select }, { ...listen, rates: choices?.listenRates }, settings)));
      items.push(button('print', 'Print or save as PDF (the article only)', 'print'));
    }
    // Pith's own pages, each in a new tab: the reading history and the options.
    const pageButton = (action, text) => el('button', { type: 'button', className: 'page', 'data-action': action, text });
    items.push(el('span', { className: 'group' }, ...withPopover(button('menu', 'History and options', 'menu'), 'pith-menu-popover', 'History and options',
      el('div', { className: 'pages' }, pageButton('open-history', 'Your reading history'), pageButton('open-options', 'Options')))));
    items.push(el('span', { className: 'spacer' }), button('close', 'Close the reading panel', 'close'));
    toolbar.replaceChildren(...items);
  }

  /** Brings the toolbar's words up to date with `settings` (without re-rendering: focus stays). */
  function sync(toolbar, settings) {
    const size = toolbar.querySelector('.size-value');
    if (size) size.textContent = `${settings.textSize} px`;
    const copy = toolbar.querySelector('[data-action=copy]');
    const label = `Copy the article as ${COPY_NAMES[settings.copyFormat] ?? COPY_NAMES.text}`;
    copy?.setAttribute('aria-label', label);
    copy?.setAttribute('title', label);
  }

  /** `names` limited to `allowed` (the settings module's list), in its order. */
  function pick(names, allowed) {
    if (!allowed) return names;
    return Object.fromEntries(allowed.map((value) => [value, names[value] ?? String(value)]));
  }

  /** Puts an open popover under its button, inside the window. */
  function placeBelow(popover, invoker) {
    const anchor = invoker.getBoundingClientRect();
    const width = popover.offsetWidth;
    const left = Math.min(Math.max(EDGE_PX, anchor.left), window.innerWidth - width - EDGE_PX);
    popover.style.left = `${Math.max(EDGE_PX, left)}px`;
    popover.style.top = `${anchor.bottom + POPOVER_GAP_PX}px`;
  }

  /** The value of a changed control, as the settings store it (numbers, booleans). */
  function valueOf(control) {
    if (control.type === 'checkbox') return control.checked;
    if (control.dataset.setting === 'lineHeight' || control.dataset.setting === 'listenRate') return Number(control.value);
    return control.value;
  }

  /** Closes an open popover (Escape): true when there was one, so the panel stays open. */
  function closePopover(root) {
    const open = root.querySelector('[popover]:popover-open');
    if (!open) return false;
    open.hidePopover();
    root.querySelector(`[popovertarget="${open.id}"]`)?.focus();
    return true;
  }

  /** The reader's typography on the panel's sheet. */
  function apply(sheet, settings) {
    sheet.style.setProperty('--font', FONT_STACKS[settings.fontFamily] ?? FONT_STACKS.serif);
    sheet.style.setProperty('--leading', String(settings.lineHeight ?? 1.65));
    sheet.style.setProperty('--align', settings.justify ? 'justify' : 'start');
    sheet.style.setProperty('--hyphens', settings.justify ? 'auto' : 'manual');
    if (settings.fontFamily === 'hyperlegible') loadFont();
    globalThis.__pithListen?.settingsChanged(settings);
  }

  /**
   * Adds the bundled face to the page's fonts (a shadow root's @font-face is ignored).
   * The bytes are read by this content script, so the page's CSP (font-src) has no say.
   */
  function loadFont() {
    if (fontFaces) return;
    fontFaces = [];
    for (const { file, weight, range } of FONT_FILES) {
      fetch(chrome.runtime.getURL(`extension/fonts/atkinson-hyperlegible-${file}.woff2`))
        .then((response) => response.arrayBuffer())
        .then((bytes) => {
          if (!fontFaces) return; // the panel closed meanwhile
          const face = new FontFace(FONT_FACE, bytes, { weight, unicodeRange: range });
          fontFaces.push(face);
          document.fonts.add(face);
          return face.load();
        })
        .catch((error) => console.warn('Pith: the Hyperlegible font did not load; a system sans-serif stands in', error));
    }
  }

  /** While a panel is open: the page's content is left out of printing. */
  function attach() {
    try {
      printSheet ??= new CSSStyleSheet();
      printSheet.replaceSync(`${PRINT_ONLY_PANEL}\n${PLAIN_ROOT}`);
      if (!document.adoptedStyleSheets.includes(printSheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
    } catch {
      printSheet = null; // printing then includes the page under the panel
    }
  }

  /** The panel closed: reading aloud stops, the page prints as before, its fonts are its own again. */
  function detach() {
    globalThis.__pithListen?.stop();
    if (printSheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== printSheet);
    for (const face of fontFaces ?? []) document.fonts.delete(face);
    fontFaces = null;
  }

  Object.defineProperty(globalThis, '__pithToolbar', { value: Object.freeze({ STYLE, render, sync, apply, valueOf, closePopover, attach, detach }) });
})();
