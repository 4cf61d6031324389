// Size and memory: the wasm engine raw and gzipped, what takes its space, the packaged
// extensions, and the CLI's peak memory on the largest corpus page.
// Writes bench-out/footprint.md.
//
//   node tools/bench/footprint.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WASM = join(ROOT, 'pkg', 'pith_bg.wasm');
// The build before wasm-bindgen keeps function names, which is what twiggy needs.
const NAMED_WASM = join(ROOT, 'target', 'wasm32-unknown-unknown', 'wasm', 'pith.wasm');
const CLI = join(ROOT, 'target', 'release', 'pith');
const CORPORA = join(ROOT, '..', 'shared', 'corpora');
// The wasm engine's gzipped size budget (issue 8).
const BUDGET_GZIP = 400 * 1024;
// Rows of twiggy's table worth showing.
const TOP_ITEMS = 12;

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const wasm = readFileSync(WASM);
// The gzip CLI, as `make build` reports it (zlib's level 9 comes out ~1 % larger).
const gz = execFileSync('gzip', ['-9c', WASM], { maxBuffer: 64 * 2 ** 20 }).length;
const lines = [
  `Run ${new Date().toISOString().slice(0, 10)} (\`node tools/bench/footprint.mjs\`, part of \`make bench\`).`,
  '',
  '| artefact | size |',
  '|---|---|',
  `| \`pkg/pith_bg.wasm\` raw | ${wasm.length.toLocaleString('en')} B (${kb(wasm.length)}) |`,
  `| \`pkg/pith_bg.wasm\` gzip -9 | ${gz.toLocaleString('en')} B (${kb(gz)}); budget ${kb(BUDGET_GZIP)}: ${gz <= BUDGET_GZIP ? 'within' : 'OVER'} |`,
];
for (const zip of ['pith-chrome.zip', 'pith-firefox.zip']) {
  const path = join(ROOT, 'dist', zip);
  if (existsSync(path)) lines.push(`| \`dist/${zip}\` | ${statSync(path).size.toLocaleString('en')} B |`);
}
// The bundled reading font (Atkinson Hyperlegible, OFL; issue 19): WOFF2 is compressed
// already, so the packages grow by about this much.
const FONTS = join(ROOT, 'extension', 'fonts');
const fonts = readdirSync(FONTS).filter((name) => name.endsWith('.woff2'));
const fontBytes = fonts.reduce((sum, name) => sum + statSync(join(FONTS, name)).size, 0);
lines.push(`| \`extension/fonts/\` (${fonts.length} WOFF2 files, in both packages) | ${fontBytes.toLocaleString('en')} B |`);

try {
  const top = execFileSync('twiggy', ['top', '-n', String(TOP_ITEMS), NAMED_WASM], { encoding: 'utf8' });
  lines.push('', `What takes the space (\`twiggy top -n ${TOP_ITEMS} ${NAMED_WASM.replace(ROOT + '/', '')}\`;`,
    'the name and `__wasm_bindgen_unstable` sections are removed by wasm-bindgen, so they are not in `pkg/`):', '',
    '```', top.trimEnd(), '```');
} catch {
  lines.push('', '(twiggy not installed: `cargo install twiggy` for the size breakdown)');
}

// Peak memory of the CLI on the largest page of all corpora.
const pages = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.html(\.gz)?$/.test(entry.name)) pages.push(path);
  }
};
if (existsSync(CORPORA)) {
  walk(CORPORA);
  const size = (p) => (p.endsWith('.gz') ? gunzipSync(readFileSync(p)).length : statSync(p).size);
  const largest = pages.map((p) => ({ p, bytes: size(p) })).sort((a, b) => b.bytes - a.bytes)[0];
  // /usr/bin/time reports on stderr, after anything the CLI itself wrote there.
  const { stderr } = spawnSync('/usr/bin/time', ['-f', '%M %e', CLI, '--format', 'json', largest.p], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const [maxKb, seconds] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
  lines.push('', `CLI peak memory on the largest corpus page (${largest.p.replace(CORPORA + '/', '')},`,
    `${(largest.bytes / 1e6).toFixed(2)} MB): **${(maxKb / 1024).toFixed(1)} MiB** maximum resident set,`,
    `${seconds.toFixed(2)} s wall (\`/usr/bin/time -f '%M %e' target/release/pith --format json PAGE\`).`,
    'The wasm instance\'s memory after cleaning the largest Readability page is in the in-browser table above.');
} else {
  lines.push('', 'Corpora absent: CLI memory not measured.');
}
mkdirSync(join(ROOT, 'bench-out'), { recursive: true });
writeFileSync(join(ROOT, 'bench-out', 'footprint.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
