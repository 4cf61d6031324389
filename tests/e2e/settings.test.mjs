// The settings module on its own (plain Node): validation and migration of stored values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, SCHEMA_VERSION, normalise, siteLabel, sitePatternFor } from '../../extension/shared/settings.js';

test('nothing stored gives the defaults', () => {
  assert.deepEqual(normalise(undefined), { ...DEFAULTS, sites: [] });
  assert.deepEqual(normalise('garbage'), { ...DEFAULTS, sites: [] });
});

test('invalid fields fall back one by one; valid ones stay', () => {
  const settings = normalise({ schema: SCHEMA_VERSION, theme: 'neon', textSize: 22, width: 3, sites: ['https://a.example/*', 'javascript:x', 'https://a.example/*'] });
  assert.equal(settings.theme, 'auto');
  assert.equal(settings.textSize, 22);
  assert.equal(settings.width, 'medium');
  assert.deepEqual(settings.sites, ['https://a.example/*']);
});

test('version 0 (before the schema) is migrated', () => {
  const settings = normalise({ theme: 'dark', textSize: 'large' });
  assert.equal(settings.schema, SCHEMA_VERSION);
  assert.equal(settings.theme, 'dark');
  assert.equal(settings.textSize, 22);
});

test('site patterns and labels', () => {
  assert.equal(sitePatternFor('https://www.bbc.com/news/articles/x?y=1'), 'https://www.bbc.com/*');
  assert.equal(sitePatternFor('http://127.0.0.1:8080/a'), 'http://127.0.0.1/*');
  assert.equal(sitePatternFor('file:///tmp/a.html'), null);
  assert.equal(sitePatternFor('not a url'), null);
  assert.equal(siteLabel('*://*.bbc.com/*'), 'bbc.com');
});

test('text picked by hand: host → selector; bad entries dropped and named, at most 20 sites', async () => {
  const { check, pickedTextKey } = await import('../../extension/shared/settings.js');
  const { settings, problems } = check({ schema: SCHEMA_VERSION, pickedText: { 'www.example.com': 'article.story', 'EVIL host': 'main', 'a.example': 'x'.repeat(301), 'b.example': 42 } });
  assert.deepEqual(settings.pickedText, { 'www.example.com': 'article.story' });
  assert.deepEqual(problems, ['3 text(s) chosen by hand']);
  const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`s${i}.example`, 'main']));
  assert.equal(Object.keys(check({ schema: SCHEMA_VERSION, pickedText: many }).settings.pickedText).length, 20);
  assert.equal(check({ schema: SCHEMA_VERSION, pickedText: ['main'] }).settings.pickedText.constructor, Object);
  assert.equal(pickedTextKey('https://www.bbc.com/news/x?y=1'), 'www.bbc.com');
  assert.equal(pickedTextKey('file:///tmp/a.html'), null);
});

test('sites that keep repeated paragraphs: host → true; bad entries dropped and named; schema 3 migrates', async () => {
  const { check } = await import('../../extension/shared/settings.js');
  const { settings, problems } = check({ schema: SCHEMA_VERSION, keepRepeats: { 'www.example.com': true, 'EVIL host': true, 'b.example': 'yes' } });
  assert.deepEqual(settings.keepRepeats, { 'www.example.com': true });
  assert.deepEqual(problems, ['2 site(s) that keep repeated paragraphs']);
  // Settings saved by the Pith before this field: no field, no problem.
  const old = check({ schema: 3, theme: 'dark', pickedText: {} });
  assert.deepEqual(old.problems, []);
  assert.deepEqual(old.settings.keepRepeats, {});
  assert.equal(old.settings.theme, 'dark');
});

test('two saves at once both land (each reads, then writes the whole settings)', async () => {
  const { saveSettings, loadSettings } = await import('../../extension/shared/settings.js');
  // A storage that answers a turn later, as the browser's does: reads and writes interleave.
  const area = () => {
    const data = {};
    const later = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 1));
    return {
      get: (keys) => later(Object.fromEntries([keys].flat().filter((key) => key in data).map((key) => [key, structuredClone(data[key])]))),
      set: (items) => later(void Object.assign(data, structuredClone(items))),
    };
  };
  globalThis.chrome = { storage: { sync: area(), local: area() } };
  try {
    await Promise.all([saveSettings({ theme: 'dark' }), saveSettings({ textSize: 24 }), saveSettings({ historyPaused: true })]);
    const settings = await loadSettings();
    assert.equal(settings.theme, 'dark');
    assert.equal(settings.textSize, 24);
    assert.equal(settings.historyPaused, true);
  } finally {
    delete globalThis.chrome;
  }
});
