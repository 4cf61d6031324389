// The reading panel, drawn in the page inside a closed shadow root: the page's CSS
// cannot reach in and the page's scripts cannot read it. Defined once per page.
(() => {
  if (globalThis.__pithPanel) return;

  const STYLE = `
    :host { all: initial; }
    .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgb(0 0 0 / 0.45);
      display: flex; justify-content: center; overflow: auto; font: 18px/1.6 Georgia, 'Noto Serif', serif; }
    .sheet { background: #fdfdfb; color: #1d1d1f; max-width: 42rem; width: 100%; margin: 2rem 1rem;
      padding: 2rem 2.5rem; border-radius: 10px; box-shadow: 0 10px 40px rgb(0 0 0 / 0.35); height: max-content; }
    header h1 { font: 700 1.9rem/1.25 system-ui, sans-serif; margin: 0 0 .5rem; }
    .meta, .stats { font: .9rem/1.4 system-ui, sans-serif; color: #55555a; margin: .25rem 0; }
    .toolbar { display: flex; gap: .5rem; justify-content: flex-end; }
    button { font: .9rem system-ui, sans-serif; padding: .35rem .7rem; border-radius: 6px;
      border: 1px solid #8a8a90; background: #fff; color: #1d1d1f; cursor: pointer; }
    button:focus-visible { outline: 3px solid #1f4e5a; outline-offset: 2px; }
    .summary { background: #eef3f4; border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0; }
    .summary ul { margin: .25rem 0 0; padding-left: 1.2rem; }
    article img { max-width: 100%; height: auto; }
    article pre { overflow: auto; background: #f2f2f2; padding: .75rem; }
    article a { color: #1f4e5a; }
    .history { font: .95rem/1.45 system-ui, sans-serif; border-top: 1px solid #d8d8dc; margin-top: 1.5rem; padding-top: .75rem; }
    .history h2 { font: 600 1rem system-ui, sans-serif; margin: .5rem 0; }
    .history ol { margin: 0; padding-left: 1.2rem; }
    .history a { color: #1f4e5a; }
    .history .site { color: #55555a; font-size: .85rem; }
    .already { background: #fff4d6; border-radius: 8px; padding: .5rem .75rem; }
  `;

  let host = null;
  let root = null;
  let returnFocusTo = null;

  function open() {
    if (host) return;
    returnFocusTo = document.activeElement;
    host = document.createElement('pith-reader');
    root = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = `<div class="backdrop"><div class="sheet" role="dialog" aria-modal="true"
      aria-labelledby="pith-title" tabindex="-1"><div class="toolbar">
      <button type="button" data-action="close" aria-label="Close the reading panel">Close</button></div>
      <div class="body"></div></div></div>`;
    root.querySelector('[data-action=close]').addEventListener('click', close);
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });
    document.documentElement.append(host);
    root.querySelector('.sheet').focus();
  }

  function close() {
    host?.remove();
    host = root = null;
    returnFocusTo?.focus?.();
  }

  function body() {
    open();
    return root.querySelector('.body');
  }

  function text(tag, content, className) {
    const el = document.createElement(tag);
    el.textContent = content;
    if (className) el.className = className;
    return el;
  }

  function showArticle(article) {
    const target = body();
    const header = document.createElement('header');
    const title = text('h1', article.title ?? 'Untitled');
    title.id = 'pith-title';
    header.append(title);
    const meta = [article.byline, article.site_name, article.published_time].filter(Boolean).join(' · ');
    if (meta) header.append(text('p', meta, 'meta'));
    const removed = article.duplicates.length;
    const stats = [`${article.word_count} words`, `${article.reading_minutes} min read`];
    if (removed) stats.push(`${removed} duplicated paragraph${removed === 1 ? '' : 's'} removed`);
    header.append(text('p', stats.join(' · '), 'stats'));
    const summary = document.createElement('section');
    summary.className = 'summary';
    summary.append(text('strong', 'Summary'));
    const list = document.createElement('ul');
    for (const sentence of article.summary) list.append(text('li', sentence));
    summary.append(list);
    const content = document.createElement('article');
    if (article.lang) content.lang = article.lang;
    if (article.dir) content.dir = article.dir;
    // The engine's HTML is rebuilt through its allow-list (no scripts, handlers or unsafe
    // URLs); parsing it in an inert document first is a second line of defence.
    const parsed = new DOMParser().parseFromString(article.html, 'text/html');
    content.append(...parsed.body.childNodes);
    target.replaceChildren(header, summary, content);
  }

  // "You already read this" and "Similar readings" from the private history (issue 7):
  // { already_read: { title, url, last_read } | null, similar: [{ title, url, site, score }] }.
  function historyLink(item) {
    const title = item.title || item.url;
    if (!/^https?:\/\//i.test(item.url ?? '')) return text('span', title);
    const link = text('a', title);
    link.href = item.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    return link;
  }

  function showHistory(result) {
    if (!root || !root.querySelector('.body article')) return;
    root.querySelector('.body .history')?.remove();
    const section = document.createElement('section');
    section.className = 'history';
    section.setAttribute('aria-label', 'From your reading history');
    if (result.already_read) {
      const note = text('p', 'You already read this story: ', 'already');
      note.append(historyLink(result.already_read));
      section.append(note);
    }
    if (result.similar?.length) {
      section.append(text('h2', 'Similar readings'));
      const list = document.createElement('ol');
      for (const item of result.similar) {
        const li = document.createElement('li');
        li.append(historyLink(item));
        if (item.site) li.append(' ', text('span', item.site, 'site'));
        list.append(li);
      }
      section.append(list);
    }
    if (section.childElementCount) root.querySelector('.body').append(section);
  }

  function showMessage(message) {
    const target = body();
    const heading = text('h1', 'Pith');
    heading.id = 'pith-title';
    target.replaceChildren(heading, text('p', message));
  }

  globalThis.__pithPanel = {
    isOpen: () => host !== null,
    close,
    showLoading: () => showMessage('Cleaning this page…'),
    showArticle,
    showHistory,
    showError: (message) => showMessage(`Pith could not clean this page: ${message}`),
  };
})();
