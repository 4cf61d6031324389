// The reading history in the reading panel (issue 15): "you already read this" and
// similar readings. An extension page in an iframe at the end of the panel: it runs at
// the extension's origin, so the web page around it can neither search, select, read
// nor measure what it shows. The panel's content script created it with a nonce in its
// fragment (`#<nonce>`); the service worker answers that nonce once, to this frame only.
import { MESSAGE, THEMES, themeRules } from '../shared/protocol-module.js';
import { readingLink } from '../shared/address.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
// 'resume': this page as the resume frame, at the top of a long article (Continue reading).
const part = params.get('part') === 'resume' ? 'resume' : 'history';

/** The panel's theme (?theme= at creation, then each 'pith:theme' message). */
function setTheme(theme) {
  if (THEMES.includes(theme)) document.documentElement.dataset.theme = theme;
}
const sheet = new CSSStyleSheet();
sheet.replaceSync(themeRules(':root'));
document.adoptedStyleSheets = [sheet];
setTheme(params.get('theme'));

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function localDate(iso) {
  const date = new Date(iso ?? '');
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(undefined, { dateStyle: 'long' });
}

/** One reading on one line: its title, a link only for a web address, then its site. */
function reading(item, when = '') {
  const title = typeof item?.title === 'string' && item.title ? item.title : (item?.url ?? 'Untitled');
  const li = el('li');
  // A new tab: the reader keeps their place here, and the page learns nothing of where.
  li.append(readingLink(item?.url, title));
  const details = [item?.site, when].filter((part) => typeof part === 'string' && part);
  if (details.length) li.append(el('span', ` · ${details.join(' · ')}`, 'site'));
  return li;
}

/** Draws the service worker's answer (HistoryAnswer in shared/protocol.js). */
function render(answer) {
  const similar = Array.isArray(answer.similar) ? answer.similar : [];
  const parts = [];
  // Saving failed (storage full): the reader should know this reading is not kept.
  if (answer.problem) parts.push(el('p', String(answer.problem), 'problem'));
  else if (answer.paused) parts.push(el('p', 'Your history is paused: this reading was not saved.', 'muted'));
  if (answer.already_read) {
    const list = el('ul');
    list.append(reading(answer.already_read, localDate(answer.already_read.last_read)));
    parts.push(el('h3', 'You already read this'), list);
  }
  if (similar.length) {
    const list = el('ul');
    list.append(...similar.map((item) => reading(item)));
    parts.push(el('h3', 'Similar readings'), list);
  }
  if (!answer.already_read && !similar.length) parts.push(el('p', 'Nothing in your history is like this article yet.', 'muted'));
  $('answer').replaceChildren(...parts);
}

/**
 * The resume frame's answer (ResumeAnswer): "Continue reading" where the reader stopped,
 * else a line saying what Pith does. One control either way: one Tab stop whatever the
 * history holds.
 */
function renderResume({ position, paused }) {
  document.body.classList.add('resume');
  document.title = 'Continue reading';
  document.querySelector('header')?.remove();
  document.querySelector('main').setAttribute('aria-label', 'Continue reading');
  const line = el('p');
  if (position) {
    const percent = Math.round((100 * position.at) / position.of);
    const when = localDate(position.read);
    const go = el('button', 'Continue reading');
    go.type = 'button';
    go.addEventListener('click', () => tellPanel('resume', { position: { at: position.at, of: position.of } }));
    line.append(go, ` where you stopped (${percent}% in${when ? `, ${when}` : ''})`);
  } else {
    const open = el('a', 'Your reading history');
    Object.assign(open, { href: '../history/history.html', target: '_blank' });
    line.append(paused ? 'Your history is paused: Pith does not keep your place. ' : 'Pith keeps your place in long articles. ', open);
  }
  // In place of the history's answer box: this frame holds the one line.
  line.id = 'resume';
  $('answer').replaceWith(line);
}

/**
 * Tells the panel (this tab's content script) an event: FrameEvent in shared/protocol.js,
 * passed on by the service worker (this frame may have no `tabs` API: Firefox).
 */
function tellPanel(event, details = {}) {
  chrome.runtime.sendMessage({ type: MESSAGE.frame, event, ...details }).catch(() => {});
}

// One Tab stop, whatever the history holds: Tab enters the frame on one link and the next
// Tab leaves it; the arrow keys (and Home, End) move between its links. Were every link a
// Tab stop, the page could count how many Tab presses its window stays blurred: the number
// of readings. (Keys pressed in the frame never reach the page.)
const links = () => [...document.querySelectorAll('a[href], button')];
let current = 0; // the link that holds the Tab stop

function rove(index) {
  const all = links();
  current = Math.max(0, Math.min(index, all.length - 1));
  all.forEach((link, i) => (link.tabIndex = i === current ? 0 : -1));
  return all[current];
}

const MOVES = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

// The panel is a modal dialog: Escape closes it, and Tab out of the frame goes back to the
// panel's controls rather than to the page behind it.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    tellPanel('close');
  } else if (event.key === 'Tab') {
    event.preventDefault();
    tellPanel(event.shiftKey ? 'tab-backward' : 'tab-forward');
  } else if (event.key in MOVES || event.key === 'Home' || event.key === 'End') {
    event.preventDefault();
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? links().length - 1 : current + MOVES[event.key];
    rove(to)?.focus();
  }
});
document.addEventListener('focusin', (event) => {
  const at = links().indexOf(event.target);
  if (at >= 0) rove(at);
});

// Nothing is dragged out of the frame: a reading's link (its address and title) or a
// selected line dropped on the panel would be the page's to read in its own drop event
// (the panel is in the page's document, and Firefox carries a drag from a cross-origin
// frame into the page around it). A click opens a reading; the history page does the rest.
document.addEventListener('dragstart', (event) => event.preventDefault());

// Clickjacking: the page around the panel can restyle this frame's host (it sits in the
// panel's open root): make it invisible or cover it, and leave it under the reader's pointer.
// A click that then opened a reading (a new tab comes to the front: the page's document
// turns hidden) or continued one (the panel scrolls) would tell the page that a reading was
// there. Where the browser can say whether an element is truly seen (IntersectionObserver
// v2: Chromium; Firefox has none), a link or button here acts only while the browser last
// reported it seen: on screen, opaque, untransformed, uncovered. (The reports come at most
// every VISIBILITY_DELAY_MS: a page that reveals the frame that long before a click, say
// between the two clicks of a double-click game, is not caught; requiring a longer sight
// would also refuse a quick reader's click.)
const VISIBILITY_DELAY_MS = 100; // the API's shortest delay
// A keyboard's click (Enter on the focused link) often comes just after the focus scrolled
// the frame into view, before the browser's next report says it is seen: refused, a quick
// reader's Enter would do nothing (and did, under load). Such a click waits that long for
// a report saying the control is seen, then acts; a page cannot press keys in this frame.
const KEYBOARD_SIGHT_WAIT_MS = 1000;
const seenNow = new WeakMap(); // control → seen, as last reported
let keyboardClick = null; // { control, until }: a keyboard click waiting to be seen
const visibility =
  'isVisible' in (globalThis.IntersectionObserverEntry?.prototype ?? {})
    ? new IntersectionObserver((entries) => entries.forEach(reportSight), { trackVisibility: true, delay: VISIBILITY_DELAY_MS })
    : null;

function reportSight({ target, isVisible }) {
  seenNow.set(target, isVisible);
  if (!isVisible || keyboardClick?.control !== target) return;
  const { until } = keyboardClick;
  keyboardClick = null;
  if (performance.now() <= until && document.activeElement === target) target.click();
}

for (const type of ['click', 'auxclick']) {
  window.addEventListener(
    type,
    (event) => {
      const control = event.target.closest?.('a[href], button');
      if (!visibility || !control || seenNow.get(control) === true) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const byKeyboard = type === 'click' && event.isTrusted && event.detail === 0 && document.activeElement === control;
      if (byKeyboard) keyboardClick = { control, until: performance.now() + KEYBOARD_SIGHT_WAIT_MS };
    },
    true,
  );
}
const watchControls = () => links().forEach((control) => visibility?.observe(control));

// From the panel: its theme changed, or focus comes in from its last or first control.
// Harmless whoever sends them (a page cannot reach this frame's window in Chromium).
window.addEventListener('message', ({ data }) => {
  if (data?.type === MESSAGE.theme) setTheme(data.theme);
  else if (data?.type === MESSAGE.focus) rove(current)?.focus();
});

async function open() {
  const nonce = location.hash.slice(1);
  const answer = await chrome.runtime.sendMessage({ type: MESSAGE.history, nonce, part });
  if (!answer || answer.error) throw new Error(answer?.error ?? 'no answer');
  if (part === 'resume') renderResume(answer);
  else render(answer);
  rove(0);
  watchControls();
  tellPanel('ready');
}

open().catch(() => ($('answer') ?? $('resume')).replaceChildren(el('p', 'Your reading history cannot be shown here.', 'muted')));
