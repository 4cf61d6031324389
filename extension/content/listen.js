// Listen: the article read aloud by the browser's Web Speech API, sentence by sentence
// (the engine's own sentence splitter), the sentence being read highlighted and kept in
// view. Only voices that run on this device (`localService`) unless the reader allows
// online ones: an online voice sends the text to a speech service. Classic script (before
// toolbar.js, which puts its controls in the toolbar), injected possibly many times.
(() => {
  if (Object.hasOwn(globalThis, '__pithListen')) return;

  // The highlight's name (CSS Custom Highlight API; the panel styles ::highlight(pith-speaking)).
  const HIGHLIGHT = 'pith-speaking';
  // The sentence being read stays between these shares of the panel's height.
  const VIEW_TOP = 0.15;
  const VIEW_BOTTOM = 0.8;

  const STYLE = `
    ::highlight(${HIGHLIGHT}) { background-color: var(--panel); color: var(--fg); text-decoration: underline 2px var(--accent); text-underline-offset: 3px; }
    .listen-buttons { display: flex; gap: 6px; margin-bottom: 10px; }
    .listen-buttons button { min-width: 84px; }
    .voice { max-width: 34ch; margin: 10px 0 0; color: var(--fg); }
  `;

  // One reading at a time per page.
  let reading = null; // { sentences: [{ text, range }], index, paused, context }
  let settings = {};
  let refreshControls = null; // brings the latest Listen controls up to date

  const speech = () => globalThis.speechSynthesis;

  /** The voice to read `lang` with: on this device only, unless the reader allowed online voices. */
  function chooseVoice(lang) {
    const voices = speech()?.getVoices() ?? [];
    const allowed = voices.filter((voice) => voice.localService || settings.onlineVoices);
    const base = (lang || 'en').toLowerCase().split('-')[0];
    const sameLanguage = allowed.filter((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === base);
    const pool = sameLanguage.length ? sameLanguage : allowed;
    return pool.find((voice) => voice.default) ?? pool[0] ?? null;
  }

  /** What the voice line says. */
  function voiceLine(lang) {
    if (!speech()) return 'This browser cannot read aloud (no Web Speech API).';
    const voice = chooseVoice(lang);
    if (voice) return `Voice: ${voice.name} (${voice.localService ? 'on this device' : 'online: the text is sent to a speech service'}).`;
    return settings.onlineVoices
      ? 'No voice is available in this browser.'
      : 'No voice is installed on this device, and Pith does not send the article to online voices unless you allow them. Install a voice in your system’s speech settings.';
  }

  /**
   * The toolbar's Listen button and its popover. `parts` are the toolbar's makers
   * ({ el, button, withPopover, select }); `context` is { root, sentences, status, lang,
   * rates }: the panel's shadow root, a function resolving to the article's sentences, the
   * panel's status line, the article's language and the speeds offered (settings.js).
   */
  function controls(parts, context, current) {
    settings = current;
    stop(); // a new toolbar: a new article, or the same one drawn again
    const { el, button, withPopover, select } = parts;
    const play = el('button', { type: 'button', className: 'listen-play', text: 'Play' });
    const stopButton = el('button', { type: 'button', className: 'listen-stop', text: 'Stop', disabled: '' });
    const online = el('input', { type: 'checkbox', id: 'pith-setting-onlineVoices', 'data-setting': 'onlineVoices', ...(settings.onlineVoices ? { checked: '' } : {}) });
    const voice = el('p', { className: 'voice', role: 'status', text: voiceLine(context.lang) });
    const refresh = () => {
      voice.textContent = voiceLine(context.lang);
      play.textContent = reading && !reading.paused ? 'Pause' : reading ? 'Resume' : 'Play';
      stopButton.disabled = !reading;
    };
    speech()?.addEventListener?.('voiceschanged', refresh);
    play.addEventListener('click', () => {
      if (!reading) start(context, refresh);
      else if (reading.paused) resume(refresh);
      else pause(refresh);
    });
    stopButton.addEventListener('click', () => {
      stop();
      refresh();
    });
    context.refresh = refresh;
    refreshControls = refresh;
    return withPopover(
      button('listen', 'Listen to the article', 'listen'),
      'pith-listen-popover',
      'Listen',
      el('div', { className: 'listen-buttons' }, play, stopButton),
      el('div', { className: 'settings' },
        ...select('Speed', 'listenRate', (context.rates ?? [1]).map((rate) => [rate, `${rate}×`]), settings.listenRate ?? 1),
        el('label', { for: online.id, text: 'Allow online voices' }),
        online),
      voice,
    );
  }

  /** Newer settings (speed, online voices): the next sentence uses them. */
  function settingsChanged(next) {
    const rateChanged = next.listenRate !== settings.listenRate;
    settings = next;
    refreshControls?.();
    // A new speed is heard at once: the current sentence starts again at it.
    if (rateChanged && reading && !reading.paused) {
      reading.utterance = null; // its end (cancelled) must not move on to the next sentence
      speech().cancel();
      speak();
    }
  }

  async function start(context, refresh) {
    const voice = chooseVoice(context.lang);
    if (!voice) {
      refresh();
      context.status(voiceLine(context.lang));
      return;
    }
    let texts;
    try {
      texts = await context.sentences();
    } catch (error) {
      context.status(`Pith could not prepare the article for reading aloud (${error?.message ?? error}).`);
      return;
    }
    const article = context.root.querySelector('article');
    if (!article || !texts?.length) return;
    reading = { sentences: locate(article, texts), index: 0, paused: false, context, refresh };
    speak();
    refresh();
  }

  /** Speaks the current sentence, then the next, until the end or a stop. */
  function speak() {
    const current = reading;
    const sentence = current?.sentences[current.index];
    if (!sentence) {
      stop();
      current?.refresh();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(sentence.text);
    const voice = chooseVoice(current.context.lang);
    if (!voice) {
      stop();
      current.refresh();
      return;
    }
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = settings.listenRate ?? 1;
    utterance.addEventListener('start', () => show(sentence, current.context.root));
    utterance.addEventListener('end', () => {
      // Cancelled (stopped, or restarted at a new speed): this reading's turn is over.
      if (reading !== current || current.utterance !== utterance) return;
      current.index += 1;
      speak();
    });
    current.utterance = utterance;
    speech().speak(utterance);
  }

  function pause(refresh) {
    reading.paused = true;
    speech().pause();
    refresh();
  }

  function resume(refresh) {
    reading.paused = false;
    speech().resume();
    refresh();
  }

  /** Stops reading and forgets where it was (also when the panel closes). */
  function stop() {
    if (!reading) return;
    reading = null;
    speech()?.cancel();
    globalThis.CSS?.highlights?.delete(HIGHLIGHT);
  }

  /** Highlights the sentence being read and keeps it in view. */
  function show(sentence, root) {
    if (!sentence.range) return;
    if (globalThis.Highlight && globalThis.CSS?.highlights) CSS.highlights.set(HIGHLIGHT, new Highlight(sentence.range));
    const scroller = root.querySelector('.backdrop');
    const box = sentence.range.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    const top = view.top + view.height * VIEW_TOP;
    const bottom = view.top + view.height * VIEW_BOTTOM;
    if (box.top < top || box.bottom > bottom) scroller.scrollBy({ top: box.top - (view.top + view.height / 3), behavior: 'smooth' });
  }

  /**
   * Finds each sentence in the article's DOM, in order: { text, range } (range null when
   * it cannot be found, e.g. text the page renders differently; it is still read).
   * Whitespace is compared collapsed, as the engine's text and the DOM space it apart
   * differently.
   */
  function locate(article, texts) {
    let flat = '';
    const at = []; // for each character of `flat`: [text node, offset]
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const space = /\s/.test(node.data[i]);
        if (space && (flat.endsWith(' ') || flat === '')) continue;
        flat += space ? ' ' : node.data[i];
        at.push([node, i]);
      }
      // Blocks end where their text does: a space between them.
      if (!flat.endsWith(' ')) {
        flat += ' ';
        at.push([node, node.data.length]);
      }
    }
    let cursor = 0;
    return texts.map((text) => {
      const wanted = text.replace(/\s+/g, ' ').trim();
      const start = flat.indexOf(wanted, cursor);
      if (start < 0 || !wanted) return { text, range: null };
      cursor = start + wanted.length;
      const range = document.createRange();
      const [startNode, startOffset] = at[start];
      const [endNode, endOffset] = at[cursor - 1];
      range.setStart(startNode, startOffset);
      range.setEnd(endNode, endOffset + 1);
      return { text, range };
    });
  }

  Object.defineProperty(globalThis, '__pithListen', {
    value: Object.freeze({ STYLE, controls, settingsChanged, stop }),
  });
})();
