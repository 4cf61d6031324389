// Packages the extension for Chrome and Firefox from the one manifest.json source:
// dist/{chrome,firefox}/ (unpacked) and dist/pith-{chrome,firefox}.zip, holding only
// the files the extension needs.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
// What ships: the shell and the engine's wasm-bindgen output (the module glue, for the
// background and the history page, and the .wasm; not the .d.ts files).
const FILES = ['extension', 'pkg/pith.js', 'pkg/pith_bg.wasm'];

/** Firefox wants background scripts (it has no extension service workers) and a gecko id. */
export function firefoxManifest(manifest) {
  const { service_worker: worker, ...background } = manifest.background;
  const firefox = { ...manifest, background: { ...background, scripts: [worker] } };
  delete firefox.minimum_chrome_version;
  firefox.permissions = manifest.permissions.filter((p) => p !== 'offscreen'); // Chrome-only API
  firefox.browser_specific_settings = {
    gecko: {
      id: 'pith-reader@pith.invalid',
      strict_min_version: '142.0',
      // Pith collects nothing: everything stays on the user's machine.
      data_collection_permissions: { required: ['none'] },
    },
  };
  return firefox;
}

function build(name, manifest) {
  const out = join(DIST, name);
  rmSync(out, { recursive: true, force: true });
  for (const file of FILES) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    cpSync(join(ROOT, file), join(out, file), { recursive: true });
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const zip = join(DIST, `pith-${name}.zip`);
  rmSync(zip, { force: true });
  // Python's zipfile is on every machine of ours; no zip dependency needed.
  execFileSync('python3', ['-m', 'zipfile', '-c', zip, ...['manifest.json', 'extension', 'pkg']], { cwd: out });
  console.log(`packaged ${zip}`);
}

// Run as a script (not when a test imports firefoxManifest).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  mkdirSync(DIST, { recursive: true });
  build('chrome', manifest);
  build('firefox', firefoxManifest(manifest));
}
