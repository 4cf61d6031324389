// Options page: the sites where Pith opens by itself. Adding a site asks for its host
// permission here, from the user's click (a content script cannot ask).
import { loadChecked, onSettingsChanged, saveSettings, siteLabel } from '../shared/settings.js';
import { followTheme } from '../shared/page-theme.js';
import { SUGGESTED_SITES, addSite, hasPermission, removeSite } from '../shared/sites.js';

const $ = (id) => document.getElementById(id);

function say(message) {
  $('status').textContent = message;
}

/**
 * Replaces `list`'s items with `items`, keeping the keyboard focus when it was in the list:
 * on the same button if it is still there, else on the button now in its place (the next
 * item's, or the last one's), else on `fallback` (the section's heading): a Forget or Remove
 * that takes its own item away never drops the focus to the top of the page.
 */
function replaceKeepingFocus(list, items, fallback) {
  const buttons = () => [...list.querySelectorAll('button')];
  const keyOf = (button) => `${button.closest('li')?.firstChild?.textContent} ${button.getAttribute('aria-label') ?? button.textContent}`;
  const had = list.contains(document.activeElement) ? document.activeElement : null;
  const key = had && keyOf(had);
  const at = buttons().indexOf(had);
  list.replaceChildren(...items);
  if (!had) return;
  const now = buttons();
  const target = now.find((button) => keyOf(button) === key) ?? now[Math.min(Math.max(at, 0), now.length - 1)] ?? fallback;
  if (target === fallback) fallback.tabIndex = -1; // focusable by script, not a Tab stop
  target.focus();
}

/** Adds `pattern` from a click: the permission request must come first, before any await. */
async function add(pattern) {
  let added;
  try {
    added = await addSite(pattern);
  } catch (error) {
    // E.g. storage.sync's quota: the settings stay as they were.
    say(`Could not add ${siteLabel(pattern)}: ${error.message}`);
    return false;
  }
  say(added ? `Pith now opens by itself on articles of ${siteLabel(pattern)}.` : `${siteLabel(pattern)} was not added: permission refused.`);
  return added;
}

async function remove(pattern) {
  try {
    await removeSite(pattern);
  } catch (error) {
    say(`Could not remove ${siteLabel(pattern)}: ${error.message}`);
    return;
  }
  say(`Pith no longer opens by itself on ${siteLabel(pattern)}.`);
}

/** Settings that could not be read: say so, and offer to store a clean copy. */
function showNotice(notice) {
  $('notice').hidden = !notice;
  $('notice-text').textContent = notice ?? '';
}

$('repair').addEventListener('click', async () => {
  try {
    await saveSettings({}); // the defaults where the stored values were unreadable
    say('Your settings were saved again, with the defaults where they could not be read.');
  } catch (error) {
    say(`Could not save your settings: ${error.message}`);
  }
});

async function renderSites(settings) {
  const items = [];
  for (const pattern of settings.sites) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = siteLabel(pattern);
    item.append(name);
    // Settings sync across devices, permissions do not: offer to grant it here.
    if (!(await hasPermission(pattern))) {
      const grant = document.createElement('button');
      grant.type = 'button';
      grant.textContent = 'Allow on this device';
      grant.addEventListener('click', () => add(pattern));
      const note = document.createElement('span');
      note.className = 'note';
      note.textContent = ' (not yet allowed in this browser)';
      item.append(note, ' ', grant);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Remove';
    button.setAttribute('aria-label', `Remove ${siteLabel(pattern)}`);
    button.addEventListener('click', () => remove(pattern));
    item.append(' ', button);
    items.push(item);
  }
  replaceKeepingFocus($('sites'), items, $('sites-title'));
  $('no-sites').hidden = items.length > 0;
}

function renderSuggested(settings) {
  const items = SUGGESTED_SITES.map(({ name, pattern }) => {
    const item = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = settings.sites.includes(pattern);
    box.addEventListener('change', async () => {
      if (box.checked) box.checked = Boolean(await add(pattern));
      else await remove(pattern);
    });
    label.append(box, ` ${name} (${siteLabel(pattern)})`);
    item.append(label);
    return item;
  });
  $('suggested').replaceChildren(...items);
}

/**
 * Shows the per-host setting `map` (sorted by host) in the list `#id`, each entry made by
 * `item(host, value)`; `#no-id` says when it is empty, and `#id-title` takes the focus when
 * the focused entry goes.
 */
function renderHosts(map, id, item) {
  const items = Object.entries(map).sort(([a], [b]) => a.localeCompare(b)).map(([host, value]) => item(host, value));
  replaceKeepingFocus($(id), items, $(`${id}-title`));
  $(`no-${id}`).hidden = items.length > 0;
}

/**
 * A button that takes `host` out of the per-host setting `field` and says `done`, or
 * "Could not `failed` host" and why.
 */
function removeHostButton(field, host, { text, label, done, failed }) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text;
  button.setAttribute('aria-label', label);
  button.addEventListener('click', async () => {
    try {
      const others = { ...(await loadChecked()).settings[field] };
      delete others[host];
      await saveSettings({ [field]: others });
      say(done);
    } catch (error) {
      say(`Could not ${failed} ${host}: ${error.message}`);
    }
  });
  return button;
}

/** The text picked by hand, per site, each with its Forget button. */
function renderPicked(settings) {
  renderHosts(settings.pickedText, 'picked', (host, selector) => {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = selector;
    const button = removeHostButton('pickedText', host, {
      text: 'Forget',
      label: `Forget the text picked on ${host}`,
      done: `Pith forgot the text you picked on ${host}.`,
      failed: 'forget',
    });
    item.append(`${host} `, code, ' ', button);
    return item;
  });
}

/** The sites that keep every paragraph, each with its button to remove repeats there again. */
function renderKeepRepeats(settings) {
  renderHosts(settings.keepRepeats, 'keep-repeats', (host) => {
    const item = document.createElement('li');
    const button = removeHostButton('keepRepeats', host, {
      text: 'Remove repeats again',
      label: `Remove repeated paragraphs on ${host} again`,
      done: `Pith removes repeated paragraphs on ${host} again.`,
      failed: 'change',
    });
    item.append(`${host} `, button);
    return item;
  });
}

async function render(settings) {
  $('copy-source').checked = settings.copySource;
  renderPicked(settings);
  renderKeepRepeats(settings);
  renderSuggested(settings);
  await renderSites(settings);
}

$('copy-source').setAttribute('aria-describedby', 'copy-source-note');
$('copy-source').addEventListener('change', async (event) => {
  const copySource = event.target.checked;
  try {
    await saveSettings({ copySource });
    say(copySource ? 'Copies now carry their source.' : 'Copies now hold the title and the article only.');
  } catch (error) {
    say(`Could not save: ${error.message}`);
  }
});

/** options.html#add=<pattern>: the panel's "Always clean <site>" asks for a confirming click. */
function confirmFromPanel() {
  const asked = new URLSearchParams(location.hash.slice(1));
  const pattern = asked.get('add');
  if (!pattern) return;
  // In the small window the service worker opened over the article: the question alone,
  // and the window closes once answered, back to the article.
  const inWindow = asked.get('window') === 'confirm';
  document.body.classList.toggle('confirming', inWindow);
  for (const node of document.querySelectorAll('[data-site]')) node.textContent = siteLabel(pattern);
  $('confirm').hidden = false;
  const done = () => {
    if (inWindow) window.close();
    document.body.classList.remove('confirming');
    $('confirm').hidden = true;
    history.replaceState(null, '', location.pathname);
  };
  $('confirm-add').addEventListener('click', async () => {
    if (await add(pattern)) done();
  });
  $('confirm-cancel').addEventListener('click', done);
  $('confirm-add').focus();
}

// Where each browser lets people change an extension's keys: Firefox opens it itself
// (commands.openShortcutSettings); Chromium's page is chrome://extensions/shortcuts.
const CHROMIUM_SHORTCUTS = 'chrome://extensions/shortcuts';

/** The keys really assigned to Pith's commands (the browser may have changed or dropped them). */
async function renderShortcuts() {
  const commands = await chrome.commands.getAll();
  const items = commands.map(({ name, description, shortcut }) => {
    const item = document.createElement('li');
    // The toolbar button's command has no description of its own in every browser.
    const what = description || (name === '_execute_action' ? 'Open or close the reading panel' : name);
    const keys = document.createElement(shortcut ? 'kbd' : 'span');
    keys.textContent = shortcut || 'no shortcut assigned';
    if (!shortcut) keys.className = 'note';
    item.append(`${what}: `, keys);
    return item;
  });
  $('shortcuts').replaceChildren(...items);
  if (!chrome.commands.openShortcutSettings) $('shortcut-where').textContent = ` (${CHROMIUM_SHORTCUTS})`;
}

$('shortcut-settings').addEventListener('click', () => {
  if (chrome.commands.openShortcutSettings) chrome.commands.openShortcutSettings();
  else chrome.tabs.create({ url: CHROMIUM_SHORTCUTS });
});

$('version').textContent = `Version ${chrome.runtime.getManifest().version}`;
/** Reads the settings again: the notice goes once a clean copy is saved (here or in a panel). */
async function refresh() {
  const { settings, notice } = await loadChecked();
  showNotice(notice);
  await render(settings);
}

onSettingsChanged(refresh);
followTheme();
renderShortcuts();
refresh();
confirmFromPanel();
