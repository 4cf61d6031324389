// The contents of a long article: a labelled navigation landmark listing its section
// headings, each a link that jumps there, the section being read marked as the reader
// scrolls. Beside the column when the window has room for it, else above the article.
// Classic script (before panel.js, which calls it), injected possibly many times.
(() => {
  if (Object.hasOwn(globalThis, '__pithContents')) return;

  // Fewer section headings than this: a short piece, which needs no contents.
  const MIN_HEADINGS = 3;
  // Section headings; h4 and deeper are too fine-grained for an outline of a news piece.
  const HEADINGS = 'h2, h3';
  // The contents go beside the column when the margin beside it is at least this wide (px).
  const ASIDE_MIN_PX = 200;
  // The section being read is the last one whose heading is above this share of the
  // scroller's height (so a heading just scrolled into the top third counts as begun).
  const READING_LINE = 0.3;

  // Appended to the panel's stylesheet.
  const STYLE = `
    /* Jumps from the contents land below the sticky toolbar. */
    article h2, article h3 { scroll-margin-top: 72px; }
    article h2:focus, article h3:focus { outline: none; }
    .contents { margin: 16px 0; padding: 10px 16px; background: var(--panel); border-radius: 8px; }
    .contents summary { font-weight: 600; color: var(--fg); }
    .contents ol { list-style: none; margin: 6px 0 0; padding: 0; }
    .contents li.sub { padding-inline-start: 1em; }
    /* A word longer than the column is wide (a German compound) breaks, as in the article,
       instead of running out of the contents' box, cut off. */
    .contents a { display: block; padding: 3px 8px; text-decoration: none; border-inline-start: 3px solid transparent;
      overflow-wrap: break-word; }
    .contents a:hover { text-decoration: underline; }
    .contents a[aria-current] { border-inline-start-color: var(--accent); color: var(--fg); font-weight: 600; }
    .contents.aside { position: fixed; top: 72px; inset-inline-start: 16px; box-sizing: border-box; width: min(280px, var(--aside-width));
      max-height: calc(100vh - 96px); overflow: auto; margin: 0; background: none; }
    .contents.aside summary { list-style: none; }
  `;

  /**
   * The contents of `article` (an element in the panel): { nav, place }, or null when it
   * has fewer than MIN_HEADINGS section headings. `scroller` is the element that scrolls
   * the panel. `place()` puts the contents beside the column or above the article, as the
   * window allows; it runs by itself on every resize, and once the panel is in the page
   * its owner calls it before measuring anything.
   */
  function build(article, scroller) {
    const headings = [...article.querySelectorAll(HEADINGS)].filter((heading) => heading.textContent.trim());
    if (headings.length < MIN_HEADINGS) return null;
    const list = document.createElement('ol');
    const links = headings.map((heading, index) => {
      heading.id = `pith-section-${index + 1}`;
      heading.tabIndex = -1; // focusable by the jump, not a Tab stop
      const link = document.createElement('a');
      link.href = `#${heading.id}`;
      link.textContent = heading.textContent.trim().replace(/\s+/g, ' ');
      link.addEventListener('click', (event) => {
        // In a shadow root the address bar's #fragment cannot reach the heading: jump here.
        event.preventDefault();
        heading.scrollIntoView({ block: 'start' });
        // Paragraphs laid out only once on screen (content-visibility) change height as
        // they appear: once they have, the heading is put at the top again.
        requestAnimationFrame(() => requestAnimationFrame(() => heading.scrollIntoView({ block: 'start' })));
        heading.focus({ preventScroll: true });
        mark(index);
      });
      const item = document.createElement('li');
      if (heading.localName === 'h3') item.className = 'sub';
      item.append(link);
      list.append(item);
      return link;
    });
    // Folded in the flow above the article (the article comes first), open beside it.
    const title = document.createElement('summary');
    title.id = 'pith-contents-title';
    title.textContent = 'Contents';
    const fold = document.createElement('details');
    fold.append(title, list);
    const nav = document.createElement('nav');
    nav.className = 'contents ui';
    nav.setAttribute('aria-labelledby', title.id);
    nav.append(fold);

    let current = -1;
    function mark(index) {
      if (index === current) return;
      links[current]?.removeAttribute('aria-current');
      current = index;
      links[current]?.setAttribute('aria-current', 'location');
    }
    // Which section is being read: recomputed whenever a heading crosses the reading line.
    const follow = () => {
      const line = scroller.getBoundingClientRect().top + scroller.clientHeight * READING_LINE;
      let index = -1;
      for (const [at, heading] of headings.entries()) {
        if (heading.getBoundingClientRect().top <= line) index = at;
      }
      mark(index);
    };
    const observer = new IntersectionObserver(follow, { root: scroller, rootMargin: `0px 0px -${100 - READING_LINE * 100}% 0px` });
    for (const heading of headings) observer.observe(heading);

    // Beside the column when the window has room, else in the flow above the article.
    let aside = null;
    const place = () => {
      const margin = (scroller.clientWidth - article.getBoundingClientRect().width) / 2;
      nav.style.setProperty('--aside-width', `${Math.round(margin - 48)}px`);
      if (aside === margin >= ASIDE_MIN_PX) return;
      aside = margin >= ASIDE_MIN_PX;
      nav.classList.toggle('aside', aside);
      fold.open = aside;
    };
    const resized = new ResizeObserver(place);
    resized.observe(scroller);
    resized.observe(article);
    return { nav, place };
  }

  Object.defineProperty(globalThis, '__pithContents', { value: Object.freeze({ STYLE, build }) });
})();
