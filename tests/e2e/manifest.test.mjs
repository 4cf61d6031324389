// The manifest asks for no more than the features need (plain Node, no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';
import { firefoxManifest } from '../../tools/package.mjs';

const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));

test('no host permissions at install; sites are asked for one by one', () => {
  // unlimitedStorage: the reading history (issue 7) in IndexedDB.
  assert.deepEqual(manifest.permissions, ['activeTab', 'scripting', 'storage', 'contextMenus', 'unlimitedStorage']);
  assert.equal(manifest.host_permissions, undefined);
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*', 'http://*/*']);
});

// The engine, and the bundled reading font (issue 19), which the content script reads into
// the page's fonts when the reader chooses it: public files, in the engine's entry, so a
// page that probes for them learns nothing it could not learn from the engine's.
test('only the engine file and the bundled font are web-accessible', () => {
  assert.deepEqual(manifest.web_accessible_resources.flatMap((entry) => entry.resources), ['pkg/pith_bg.wasm', 'extension/fonts/*.woff2']);
});

test('shortcuts: open/close the panel and copy the clean article', () => {
  assert.equal(manifest.commands._execute_action.suggested_key.default, 'Alt+Shift+R');
  assert.ok(manifest.commands['copy-clean-article'].suggested_key.default);
});

test('the Firefox variant keeps the permissions and runs the background as a module script', () => {
  const firefox = firefoxManifest(manifest);
  assert.deepEqual(firefox.background, { type: 'module', scripts: ['extension/background/service-worker.js'] });
  assert.deepEqual(firefox.permissions, manifest.permissions);
});
