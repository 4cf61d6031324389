// Where a copied article comes from (issue 19, "copy carries its source"): its title,
// byline, site, publication date and address, put with the article in each copy format.
// A classic script (content scripts are classic), loaded before panel.js; pure functions
// of the article and the page's address, which the service worker gives canonical
// (tracking parameters and fragment dropped, shared/address.js).
//
// The article itself is the engine's rendering, untouched: the Markdown after the front
// matter is byte for byte what `pith --format md` prints for the same page.
(() => {
  if (Object.hasOwn(globalThis, '__pithSource')) return;

  /** "2024-05-01T10:00:00Z" → "2024-05-01": the day is the citation; any other text as given. */
  const day = (published) => /^\d{4}-\d\d-\d\d/.exec(published ?? '')?.[0] ?? published ?? null;

  /** Only web addresses become links; anything else stays text. */
  const isWebAddress = (address) => /^https?:\/\//i.test(address ?? '');

  /** Letters and digits only, in lower case: "BBC News" and "bbc news." name one thing. */
  const nameKey = (name) => (name ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

  /**
   * The byline worth showing beside the site: none when it only names the site again (BBC's
   * byline is "BBC News", its site "BBC News"), which "BBC News · BBC News" would repeat.
   */
  function byline(article) {
    const name = article.byline || null;
    return name && nameKey(name) === nameKey(article.site_name) ? null : name;
  }

  /** The source's fields, present ones only, in citation order. */
  function fields(article, address) {
    return {
      title: article.title || null,
      byline: byline(article),
      site: article.site_name || null,
      published: day(article.published_time),
      address: address || null,
    };
  }

  /** Plain text: a header (title, "byline · site · date", address), a blank line, the text. */
  function text(article, address) {
    const source = fields(article, address);
    const meta = [source.byline, source.site, source.published].filter(Boolean).join(' · ');
    const header = [source.title, meta, source.address].filter(Boolean);
    return `${header.length ? `${header.join('\n')}\n\n` : ''}${article.text}`;
  }

  /**
   * Markdown: YAML front matter (the form note apps read: Obsidian, Jekyll, Hugo), then the
   * engine's Markdown, which starts with the title. Values are JSON strings, which YAML
   * reads as double-quoted scalars: any title is safe in them.
   */
  function markdown(article, address) {
    const source = fields(article, address);
    const names = { title: 'title', byline: 'author', site: 'site', published: 'published', address: 'source' };
    const lines = Object.entries(names)
      .filter(([field]) => source[field])
      .map(([field, name]) => `${name}: ${JSON.stringify(source[field])}`);
    return `${lines.length ? `---\n${lines.join('\n')}\n---\n\n` : ''}${article.markdown}`;
  }

  /**
   * HTML: the title, then a source line (byline, the site in <cite>, the date in <time>, the
   * address as a link), then the article. Built as elements, so nothing in the metadata
   * can become markup.
   */
  function html(article, address) {
    const source = fields(article, address);
    const node = (tag, attributes = {}, ...children) => {
      const element = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      element.append(...children);
      return element;
    };
    const parts = [];
    if (source.byline) parts.push(source.byline);
    if (source.site) parts.push(node('cite', {}, source.site));
    if (source.published) parts.push(node('time', { datetime: source.published }, source.published));
    if (source.address) parts.push(isWebAddress(source.address) ? node('a', { href: source.address }, source.address) : source.address);
    const line = node('p', { class: 'source' });
    parts.forEach((part, at) => line.append(...(at ? [' · ', part] : [part])));
    const title = node('h1', {}, source.title ?? '');
    return `${title.outerHTML}\n${parts.length ? `${line.outerHTML}\n` : ''}${article.html}`;
  }

  /**
   * What a copy of `article` as `format` ('text', 'markdown', 'html') puts on the clipboard,
   * by MIME type: with its source when `withSource` (the copySource setting), else the
   * title and the article only. Rich text carries its plain-text form too.
   */
  function clipboardItems(article, format, { withSource = true, address = null } = {}) {
    const bare = { title: article.title, text: article.text, html: article.html, markdown: article.markdown };
    const cited = withSource ? article : bare;
    const from = withSource ? address : null;
    const plain = text(cited, from);
    if (format === 'html') return { 'text/html': html(cited, from), 'text/plain': plain };
    // Without its source the Markdown is the engine's own, which starts with the title.
    if (format === 'markdown') return { 'text/plain': withSource ? markdown(cited, from) : article.markdown };
    return { 'text/plain': plain };
  }

  Object.defineProperty(globalThis, '__pithSource', { value: Object.freeze({ clipboardItems, byline }) });
})();
