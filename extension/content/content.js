// Content script shell: reads the page, has the extension's background clean it, and
// drives the panel. Classic script (after protocol.js and panel.js), injected possibly many
// times: defined once per page; the background then calls __pith.run('toggle' | 'copy'),
// auto.js calls run('auto'). It lives in a web page: it never asks for or holds anything
// from the reading history, which only the panel's history frame (an extension page)
// receives. The engine is not loaded here: the background's one instance (the service
// worker, Firefox's event page) is already awake at a click and keeps its compiled engine,
// where each tab would compile its own (about 60 ms of a click, and its memory, per page).
(() => {
  // Own properties only: an element with id="__pith" is a named property of window that
  // this isolated world sees too, and must not pass for the shell.
  if (Object.hasOwn(globalThis, '__pith')) return;
  const panel = globalThis.__pithPanel;
  const picker = globalThis.__pithPicker;
  const { withoutScripts } = globalThis.__pithLean;
  const { MESSAGE, HISTORY_FRAME } = globalThis.PithProtocol;

  // The engine's options for the panel: nothing the panel does not show, so it shows
  // sooner. The fingerprint is computed by the service worker from the text when it
  // records the reading; the Markdown only when the reader copies as Markdown.
  const PANEL_OPTIONS = { fingerprint: false, markdown: false };
  // For copying: every rendering.
  const COPY_OPTIONS = { fingerprint: false };
  // For reading aloud: every sentence of the article, and no summary (not shown).
  const LISTEN_OPTIONS = { ...PANEL_OPTIONS, summary_sentences: 0, sentences: true };
  // The text the reader picked by hand: the page sent is that block, which is the article.
  const PICKED = { body_is_article: true };
  // Every paragraph, repeats included: on the sites where the reader keeps them, and to
  // show what was removed in place.
  const KEEP_REPEATS = { dedupe: false };

  // MV3 may stop the service worker at any time, even mid-request: the message then
  // fails, and sending it again starts a fresh worker. One more try, then the reader
  // decides (the panel's Retry).
  const WORKER_RETRIES = 1;

  /**
   * A message to the service worker (every one sent here is safe to repeat); rejects
   * with its error. An error with `retry: true` is a fault worth trying again (the worker
   * stopped, the engine trapped), not the engine's answer about the page.
   */
  async function ask(message) {
    for (let attempt = 0; ; attempt++) {
      let reply;
      try {
        reply = await chrome.runtime.sendMessage(message);
      } catch (error) {
        if (attempt < WORKER_RETRIES) continue;
        throw fault(`the extension’s background stopped before answering (${error?.message ?? error})`);
      }
      if (!reply) {
        if (attempt < WORKER_RETRIES) continue;
        throw fault('the extension did not answer');
      }
      if (reply.error) throw Object.assign(new Error(reply.error), { retry: reply.retry === true });
      return reply;
    }
  }

  // The one line shown above a page the engine doubts is an article.
  const DOUBT = 'Pith is not sure this page is an article (it looks like a home, section or app page): this is the text it found. It is not saved to your history.';

  const fault = (message) => Object.assign(new Error(message), { retry: true });

  // The page as the engine gets it: serialised now, without the scripts and style sheets
  // the engine would drop first (lean.js), once per read, however often it is cleaned again.
  const pageHtml = () => withoutScripts(document.documentElement.outerHTML);
  /** The same for the page with the block the reader picked as its body (`picker.pageWith`). */
  const pickedHtml = (block) => withoutScripts(picker.pageWith(block));

  let shown = null; // the article in the open panel: the copy command reuses it
  let shownHtml = null; // the page it was cleaned from, for the renderings it left out
  let shownPicked = false; // is the shown article the block the reader picked?
  let lastContext = null; // the settings and site the open panel was shown with
  let shownKept = false; // is the shown article cleaned with every paragraph kept?
  let removedShown = null; // the article cleaned as usual, while its repeats are shown in place
  let shownReading = null; // the worker's key for the record the shown reading was saved in (its positions go there)
  let askedToConfirm = false; // did this page's panel open the "Always clean" window, not yet closed?

  /** The engine's `options` for a page, and "the body is the article" when it is the block picked by hand. */
  const withPicked = (options, picked) => (picked ? { ...options, ...PICKED } : options);
  /** …and every paragraph kept when `kept`. */
  const pageOptions = (options, picked, kept) => ({ ...withPicked(options, picked), ...(kept ? KEEP_REPEATS : {}) });
  /** The engine's options for the shown page. */
  const shownOptions = (options) => pageOptions(options, shownPicked, shownKept);

  /**
   * Cleans `html` (from `pageHtml` or `pickedHtml`) in the extension's background: the
   * page's HTML goes to the extension's own process, never anywhere else. Resolves to the
   * engine's Article.
   */
  async function cleanHere(html, options) {
    return (await ask({ type: MESSAGE.clean, html, url: location.href, options })).article;
  }

  /** The shown article with every rendering: cleans its page again if the panel's clean left one out. */
  async function shownComplete() {
    if (typeof shown.markdown === 'string') return shown;
    const { markdown } = await cleanHere(shownHtml, shownOptions(COPY_OPTIONS));
    shown = { ...shown, markdown };
    return shown;
  }

  /**
   * The shown article's sentences, for reading aloud: its page cleaned again with the
   * engine's `sentences` option, every sentence in order (its own splitter; tests/engine.rs
   * holds it to that), whatever the summary picks.
   */
  async function shownSentences() {
    if (!shown.sentences) {
      const { sentences } = await cleanHere(shownHtml, shownOptions(LISTEN_OPTIONS));
      shown = { ...shown, sentences };
    }
    return shown.sentences;
  }

  /** The user's settings and this page's site ({ pattern, label, enabled } or null). */
  async function loadSettings() {
    try {
      return await ask({ type: MESSAGE.settings });
    } catch {
      return { settings: null, site: null, picked: null }; // the panel falls back to its built-in look
    }
  }

  /**
   * The address a copy names as its source: the service worker's canonical form of this
   * tab's address (no tracking parameters, no fragment), else this page's without its fragment.
   */
  const sourceAddress = (context) => context?.address ?? location.href.split('#')[0];

  /** "page too large: …" → "Page too large: ….": the engine's message as a sentence. */
  function sentence(message) {
    const text = message.trim() || 'The engine stopped';
    return `${text[0].toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  }

  /**
   * Opens the panel and shows the article (or the honest reason it cannot). `html` is
   * the page as first read: a retry cleans the same page, not one holding the panel.
   * `picked`: `html` is the block the reader chose (`picker.pageWith`), the article.
   */
  async function openPanel(context, html = pageHtml(), { clicked = true, picked = false } = {}) {
    shown = removedShown = shownReading = null;
    shownHtml = html;
    shownPicked = picked;
    shownKept = Boolean(context?.keepRepeats);
    // Cleaning starts at once (reading the page before the panel goes in), alongside
    // fetching the settings the panel needs for its theme.
    let cleaning = cleanHere(html, shownOptions(PANEL_OPTIONS));
    cleaning.catch(() => {}); // handled below; not "unhandled" while the settings load
    context ??= await loadSettings();
    lastContext = context;
    // A site where the reader keeps every paragraph, learnt only now: cleaned again so.
    if (Boolean(context.keepRepeats) !== shownKept) {
      shownKept = Boolean(context.keepRepeats);
      cleaning = cleanHere(html, shownOptions(PANEL_OPTIONS));
    }
    const { settings, site, notice } = context;
    // Opening by itself (automatic mode, on a page whose block the reader did not pick):
    // nothing shows until this one clean says the page is an article sure enough
    // (`automatic`, the engine's stricter cut), and nothing at all on a home, section or
    // search page, nor when the engine fails (the reader did not ask).
    if (!clicked && !picked) {
      const article = await cleaning.catch(() => null);
      if (!article?.automatic || panel.isOpen()) return;
    }
    panel.showLoading(settings);
    let article;
    try {
      article = await cleaning;
    } catch (error) {
      // A fault may pass (a new worker, a new engine instance): offer to try again.
      const retry = error?.retry ? () => openPanel(context, html, { clicked, picked }) : null;
      panel.showError(sentence(error?.message ?? String(error)), settings, retry);
      markShown();
      return;
    }
    if (!panel.isOpen()) return; // closed while cleaning
    const show = (doubt = null) => {
      shown = article;
      // Only articles go into the history: a home or search page is not a reading.
      const history = Boolean(article.readerable);
      panel.showArticle(article, { settings, site, address: sourceAddress(context), doubt, picked, repeats: shownKept ? 'kept' : 'removed', history });
      if (history) recordReading(article, { automatic: !clicked });
    };
    // A click is never refused: what the engine found, with a note when it doubts this is
    // an article. (Automatic mode came this far only on an article.)
    if (article.readerable) show();
    else if (picked) panel.showNotArticle(settings, 'The block you picked holds no text Pith can read. Pick another one.');
    else if (article.word_count > 0) show(DOUBT);
    else panel.showNotArticle(settings);
    // Settings that could not be read: the reader is told, the panel uses the defaults.
    if (notice) panel.status(notice);
    markShown();
  }

  // User Timing marks for the click-to-panel benchmark (tools/bench/click-to-panel.mjs):
  // when the panel's final state is in the DOM, and once it is painted. They tell the page
  // no more than the panel's host element already does.
  function markShown() {
    performance.mark('pith:panel-shown');
    afterPaint().then(() => performance.mark('pith:panel-painted'));
  }

  /** Resolves once what is in the DOM now has been painted (the next frame, then a task). */
  function afterPaint() {
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  }

  /**
   * Tells the history (issue 7) what was read. The service worker records it under this
   * tab's address (as the browser reports it) and answers with two random keys only: a nonce,
   * with which the panel's history frame (an extension page) gets what the history says, and
   * the saved record's key, which this reading's positions carry (`shownReading`).
   *
   * An `automatic` panel (an auto-clean site, no click) is answered at once but recorded only
   * at the reader's first own input in it (a key, the wheel, a press, a touch): a page there
   * that moves itself from address to address, in a tab the reader is not even looking at,
   * would otherwise write a reading into the history at each one (its titles and summaries
   * then shown as similar readings elsewhere). The answer, the resume line's included, is
   * the same: it never depended on this reading being saved.
   */
  function recordReading(article, { automatic = false } = {}) {
    // The frame (an extension page, another process) is made once the article is painted:
    // it sits below the article and must not delay it.
    // The page's canonical address (an AMP or mobile edition names the main one): a claim,
    // which the worker uses only on the same site and for the same story.
    const canonical = document.querySelector('link[rel~="canonical" i][href]')?.href ?? null;
    // The address this document was loaded from (its navigation entry, which the page's
    // history.pushState and replaceState leave as it was): the worker's check on a page that
    // moved its own address onto another story's.
    const loaded = performance.getEntriesByType('navigation')[0]?.name ?? null;
    const reading = { type: MESSAGE.record, article, canonical, loaded };
    // The saved record's key, for this reading's positions: still the panel of this article.
    const keepKey = (reply) => {
      if (typeof reply?.reading === 'string' && shown === article) shownReading = reply.reading;
    };
    if (automatic) {
      panel.onReaderInput(() => {
        // Still the panel of this article: the reading is saved now, with no second answer.
        if (shown !== article || !panel.isOpen()) return;
        chrome.runtime
          .sendMessage({ ...reading, answer: false })
          .then(keepKey)
          .catch(() => {});
      });
    }
    Promise.all([chrome.runtime.sendMessage(automatic ? { ...reading, save: false } : reading), afterPaint()])
      .then(([reply]) => {
        keepKey(reply);
        // Still the panel of this article (not closed, reopened or retried meanwhile).
        if (typeof reply?.nonce === 'string' && shown === article && panel.isOpen()) {
          panel.showHistoryFrame(chrome.runtime.getURL(HISTORY_FRAME), reply.nonce);
        }
      })
      .catch(() => {}); // the history is a bonus: the panel stands without it
  }

  // The history frame's events (Escape, focus leaving it), passed on by the service
  // worker: tabs.sendMessage comes from the extension only (no page can send it), and
  // content scripts cannot send to one another.
  chrome.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== chrome.runtime.id || sender.tab) return;
    if (message?.type === MESSAGE.frame) panel.frameEvent(message.event, message.origin, message.part, message.block);
    // The "Always clean" window closed: not added means the reader said no (when added, the
    // settings' change has said so already).
    else if (message?.type === MESSAGE.confirmClosed && askedToConfirm && panel.isOpen()) {
      askedToConfirm = false;
      loadSettings().then(({ site }) => {
        if (site && !site.enabled && panel.isOpen()) panel.status(`Pith does not open by itself on ${site.label}: not confirmed.`);
      });
    }
  });

  /**
   * The page as the panel should clean it: the block the reader picked on this site before,
   * when the page still has it (then its selector), else the whole page.
   */
  function pageToClean(context) {
    const selector = context?.picked;
    const block = selector ? picker.find(selector) : null;
    if (!block) return { html: pageHtml(), picked: false, missed: Boolean(selector) };
    return { html: pickedHtml(block), picked: true, missed: false };
  }

  /** Opens the panel on this page: the block picked on this site before, if it is here. */
  async function openOnPage(context, { clicked = true } = {}) {
    context ??= await loadSettings();
    const { html, picked, missed } = pageToClean(context);
    await openPanel(context, html, { clicked, picked });
    if (missed && panel.isOpen()) panel.status('The text you picked on this site is not on this page: this is what Pith found.');
  }

  /**
   * "Pick the text": the panel steps aside, the reader picks the article on the page; the
   * chosen block is cleaned (the engine takes it as the article) and remembered for this
   * site. Escape brings the panel back as it was.
   */
  function pickText() {
    panel.setHidden(true);
    picker.start({
      theme: lastContext?.settings?.theme,
      onCancel: () => panel.setHidden(false),
      onChoose: async (block) => {
        const selector = picker.selectorFor(block);
        panel.setHidden(false);
        await openPanel(lastContext, pickedHtml(block), { picked: true });
        if (!shown?.readerable) return;
        if (!selector) {
          panel.status('Pith shows the text you picked, but cannot find that block again on other pages of this site: it is not remembered.');
          return;
        }
        try {
          await ask({ type: MESSAGE.pickSave, selector });
          lastContext = { ...lastContext, picked: selector };
          panel.status('Pith will use the text you picked on this site next time.');
        } catch (error) {
          panel.status(`Pith shows the text you picked but could not remember it (${error.message}).`);
        }
      },
    });
  }

  /** Forgets the text picked on this site, and shows what Pith finds by itself. */
  async function forgetPick() {
    try {
      await ask({ type: MESSAGE.pickForget });
    } catch (error) {
      panel.status(`Could not forget the text you picked: ${error.message}`);
      return;
    }
    lastContext = { ...lastContext, picked: null };
    await openPanel(lastContext, pageHtml());
    panel.status('Pith forgot the text you picked on this site: this is what it finds by itself.');
  }

  /**
   * "Show them in place": the shown page cleaned again with every paragraph, the ones the
   * engine removed marked where they stand; "Hide them again" shows the article as it was.
   */
  async function showRepeats(inPlace) {
    const context = lastContext ?? {};
    const options = { settings: context.settings, site: context.site, address: sourceAddress(context), picked: shownPicked };
    if (!shown) return;
    if (!inPlace) {
      if (!removedShown) return;
      shown = removedShown;
      shownKept = false;
      panel.showArticle(shown, { ...options, repeats: 'removed', focusRepeats: true });
      removedShown = null;
      return;
    }
    let everything;
    try {
      everything = await cleanHere(shownHtml, pageOptions(PANEL_OPTIONS, shownPicked, true));
    } catch (error) {
      panel.status(`Could not show the repeated paragraphs: ${error.message}`);
      return;
    }
    removedShown = shown;
    const marked = shown.duplicates ?? [];
    shown = everything;
    shownKept = true; // a copy or reading aloud takes what is shown
    panel.showArticle(shown, { ...options, repeats: 'inPlace', marked, focusRepeats: true });
  }

  /** "Keep everything on this site" (`keep`) and its undo: saved for this host, the page cleaned again. */
  async function keepRepeats(keep) {
    try {
      await ask({ type: MESSAGE.keepRepeats, keep });
    } catch (error) {
      panel.status(`Could not change this site’s setting: ${error.message}`);
      return;
    }
    removedShown = null;
    lastContext = { ...lastContext, keepRepeats: keep };
    await openPanel(lastContext, shownHtml, { picked: shownPicked });
    panel.status(keep ? 'Pith keeps every paragraph on this site, repeats included.' : 'Pith removes repeated paragraphs on this site again.');
  }

  const handlers = {
    pickText,
    forgetPick,
    showRepeats,
    keepRepeats,
    // Copying the shown article as Markdown, which the panel's clean left out.
    completeArticle: () => shownComplete(),
    sentences: () => shownSentences(),
    // Where the reader is in a long article, for the history (resume): sent, never read back
    // here; only the resume frame (an extension page) offers it, and says it on a click.
    position: ({ at, of }) => {
      if (shown?.readerable && shownReading) chrome.runtime.sendMessage({ type: MESSAGE.position, at, of, reading: shownReading }).catch(() => {});
    },
    // A refused write (storage.sync's quota) keeps the change for this panel only: say so.
    saveSettings: (changes) =>
      ask({ type: MESSAGE.saveSettings, changes }).catch((error) =>
        panel.status(`Pith could not save this setting (${error.message}); it applies to this panel only.`),
      ),
    openPage: (page) => ask({ type: MESSAGE.openPage, page }).catch((error) => panel.status(`Could not open it: ${error.message}`)),
    toggleSite: async (site) => {
      // Adding asks for a permission, which only an extension page may request from a
      // click: the background opens the options page to confirm. Removing needs no prompt.
      let reply;
      try {
        reply = await ask({ type: site.enabled ? MESSAGE.removeSite : MESSAGE.addSite });
      } catch (error) {
        panel.status(`Could not change ${site.label}: ${error.message}`);
        return;
      }
      if (reply.removed) {
        panel.showSite({ ...site, enabled: false });
        lastContext = { ...lastContext, site: { ...site, enabled: false } };
        panel.status(`Pith no longer opens by itself on ${site.label}.`);
      } else if (reply.opened) {
        askedToConfirm = true;
        panel.status(`Confirm in the window Pith opened to always clean ${site.label}.`);
      }
    },
  };
  panel.setHandlers(handlers);

  // A site added or removed elsewhere (the options page confirming "Always clean", another
  // device): the open panel's button follows. Only the button, so the focus stays put; and
  // the status line says what changed, in place of "Confirm in the window…", which the
  // reader has just answered (it stayed, beside a button saying the opposite).
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' || !changes.settings || !panel.isOpen()) return;
    loadSettings().then(({ site }) => {
      if (!site) return;
      const shownSite = lastContext?.site;
      panel.showSite(site);
      if (!lastContext || !shownSite || shownSite.enabled === site.enabled) return;
      lastContext = { ...lastContext, site };
      panel.status(site.enabled ? `Pith will open by itself on ${site.label}’s articles.` : `Pith no longer opens by itself on ${site.label}.`);
    });
  });

  const actions = {
    async toggle(context) {
      if (picker.isPicking()) picker.cancel();
      if (panel.isOpen()) {
        panel.close();
        return;
      }
      await openOnPage(context);
    },
    // On an auto-clean site: open only on article pages, never on home or section pages.
    async auto() {
      if (panel.isOpen()) return;
      const context = await loadSettings();
      // The text the reader picked on this site, when it is on this page, is the article.
      if (context.picked && picker.find(context.picked)) {
        await openOnPage(context, { clicked: false });
        return;
      }
      // Else the page, cleaned once: the panel opens from that result if it is an article.
      await openPanel(context, pageHtml(), { clicked: false });
    },
    async copy(context) {
      context ??= await loadSettings();
      const { settings } = context;
      try {
        // The open panel's article; else this page, the block picked on this site if it is here.
        const page = panel.isOpen() && shown ? null : pageToClean(context);
        const article = page ? await cleanHere(page.html, withPicked(COPY_OPTIONS, page.picked)) : shown;
        if (!article.readerable && article.word_count === 0) throw new Error('this page has no article to copy');
        panel.toast(await panel.copy(article, settings, sourceAddress(context)));
      } catch (error) {
        panel.toast(`Pith could not copy this page: ${error?.message ?? error}`);
      }
    },
  };

  const shell = {
    // `context`: the settings the service worker read alongside the injection, or null.
    run: (action, context = null) => actions[action]?.(context).catch((error) => console.warn('Pith:', error)),
  };
  Object.defineProperty(globalThis, '__pith', { value: shell });
})();
