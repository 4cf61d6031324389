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

test('only the history frame and the bundled font are web-accessible, and only at the session\'s dynamic URL', () => {
  // Not the engine: the extension's background runs it, content scripts load none. The
  // frame: the panel embeds it. The font (issue 19): the content script reads it into the page's
  // fonts when the reader chooses it. At a fixed chrome-extension://<id>/ URL none loads,
  // so no page can tell that Pith is installed (tests/e2e/privacy.test.mjs tries).
  assert.deepEqual(manifest.web_accessible_resources, [
    { resources: ['extension/history-frame/frame.html', 'extension/fonts/*.woff2'], matches: ['<all_urls>'], use_dynamic_url: true },
  ]);
});

test('no page can talk to the extension', () => {
  assert.equal(manifest.externally_connectable, undefined);
  assert.equal(manifest.content_scripts, undefined, 'scripts are injected on a click or registered per site, top frame only');
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
