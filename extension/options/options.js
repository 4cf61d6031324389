// Options page: the sites where Pith opens by itself. Adding a site asks for its host
// permission here, from the user's click (a content script cannot ask).
import { loadSettings, onSettingsChanged, siteLabel } from '../shared/settings.js';
import { SUGGESTED_SITES, addSite, hasPermission, removeSite } from '../shared/sites.js';

const $ = (id) => document.getElementById(id);

function say(message) {
  $('status').textContent = message;
}

/** Adds `pattern` from a click: the permission request must come first, before any await. */
async function add(pattern) {
  const added = await addSite(pattern).catch((error) => say(`Could not add ${siteLabel(pattern)}: ${error.message}`));
  say(added ? `Pith now opens by itself on articles of ${siteLabel(pattern)}.` : `${siteLabel(pattern)} was not added: permission refused.`);
  return added;
}

async function remove(pattern) {
  await removeSite(pattern);
  say(`Pith no longer opens by itself on ${siteLabel(pattern)}.`);
}

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
  $('sites').replaceChildren(...items);
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

async function render(settings) {
  renderSuggested(settings);
  await renderSites(settings);
}

/** options.html#add=<pattern>: the panel's "Always clean <site>" asks for a confirming click. */
function confirmFromPanel() {
  const pattern = new URLSearchParams(location.hash.slice(1)).get('add');
  if (!pattern) return;
  for (const node of document.querySelectorAll('[data-site]')) node.textContent = siteLabel(pattern);
  $('confirm').hidden = false;
  const done = () => {
    $('confirm').hidden = true;
    history.replaceState(null, '', location.pathname);
  };
  $('confirm-add').addEventListener('click', async () => {
    if (await add(pattern)) done();
  });
  $('confirm-cancel').addEventListener('click', done);
  $('confirm-add').focus();
}

$('version').textContent = `Version ${chrome.runtime.getManifest().version}`;
onSettingsChanged(render);
loadSettings().then(render);
confirmFromPanel();
