// The wasm engine's output against the native CLI's, on what the extension gives the engine:
// each corpus page loaded in headless Chromium (its scripts on, the network off), serialised
// by the browser (`outerHTML`) and lightened by extension/content/lean.js, as content.js does.
// For a change that only the wasm build sees (a flag in .cargo/config.toml's wasm section, a
// wasm-only feature of a dependency), where tools/corpus-snapshot cannot tell anything.
//
//   node tools/bench/wasm-output.mjs A_PKG_DIR [B_PKG_DIR] [--cli PITH] [--keep DIR] [--limit N]
//
// Per page: A's and B's `clean(html, url, {})` (JSON), and the CLI's `--format json --url URL`
// on the same HTML (its `file` field dropped). Prints how many pages differ between A and B
// (the figure that must be 0) and between each and the CLI, naming the first few; --keep DIR
// keeps the serialised pages there. Pages: the Readability corpus (130), news-dev (90),
// multilingual-dev (495) and dedup (9) of ../shared/corpora.
/* global document, location, __pithLean -- the calls run in the page */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { ISOLATED, ROOT, offlinePage } from './offline-browser.mjs';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cli: { type: 'string', default: join(ROOT, 'target/release/pith') },
    keep: { type: 'string' },
    limit: { type: 'string' },
  },
});
if (positionals.length < 1 || positionals.length > 2) {
  console.error('usage: node tools/bench/wasm-output.mjs A_PKG_DIR [B_PKG_DIR] [--cli PITH] [--keep DIR] [--limit N]');
  process.exit(2);
}
const builds = { a: positionals[0], b: positionals[1] ?? positionals[0] };
const CORPORA = join(ROOT, '..', 'shared', 'corpora');
if (!existsSync(CORPORA)) {
  console.log(`wasm-output: corpus absent (${CORPORA}), skipped`);
  process.exit(0);
}

// Every page file, as tools/corpus-snapshot lists them.
const files = (folder, test) =>
  existsSync(join(CORPORA, folder))
    ? readdirSync(join(CORPORA, folder)).filter(test).sort().map((name) => join(folder, name))
    : [];
const pages = [
  ...files('readability', (d) => existsSync(join(CORPORA, 'readability', d, 'source.html'))).map((d) => join(d, 'source.html')),
  ...files('news-dev/html', (f) => f.endsWith('.html.gz')),
  ...files('multilingual-dev/eval', () => true),
  ...files('dedup', (f) => f.endsWith('.html')),
].slice(0, args.limit ? Number(args.limit) : undefined);

const served = {
  '/a/pith.js': join(builds.a, 'pith.js'),
  '/a/pith_bg.wasm': join(builds.a, 'pith_bg.wasm'),
  '/b/pith.js': join(builds.b, 'pith.js'),
  '/b/pith_bg.wasm': join(builds.b, 'pith_bg.wasm'),
  '/lean.js': join(ROOT, 'extension/content/lean.js'),
};
const TYPES = { js: 'text/javascript', wasm: 'application/wasm' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const page = path.match(/^\/page\/(\d+)\/$/);
  let body;
  if (page) {
    const raw = readFileSync(join(CORPORA, pages[Number(page[1])]));
    body = pages[Number(page[1])].endsWith('.gz') ? gunzipSync(raw) : raw;
  } else if (served[path] && existsSync(served[path])) {
    body = readFileSync(served[path]);
  } else {
    res.writeHead(404).end();
    return;
  }
  // No charset: Chromium finds the page's own (its <meta>, or sniffing), as for a site.
  res.writeHead(200, { 'content-type': page ? 'text/html' : TYPES[path.split('.').pop()], ...ISOLATED }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const { browser, page } = await offlinePage();

async function inPage(origin) {
  const load = async (name) => {
    const glue = await import(`${origin}/${name}/pith.js`);
    await glue.default({ module_or_path: `${origin}/${name}/pith_bg.wasm` });
    return glue;
  };
  await import(`${origin}/lean.js`);
  const html = __pithLean.withoutScripts(document.documentElement.outerHTML);
  const clean = (glue) => {
    try {
      return JSON.stringify(glue.clean(html, location.href, {}));
    } catch (e) {
      return JSON.stringify({ error: String(e.message ?? e) });
    }
  };
  return { html, url: location.href, a: clean(await load('a')), b: clean(await load('b')) };
}

// Same keys in the same order, whatever the serialiser's order of object keys.
const canonical = (json) =>
  JSON.stringify(JSON.parse(json), (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );
const keep = args.keep ?? mkdtempSync(join(tmpdir(), 'pith-wasm-output-'));
mkdirSync(keep, { recursive: true });
const differ = { ab: [], aCli: [], bCli: [] };
const failed = [];
for (const [i, file] of pages.entries()) {
  let result;
  try {
    await page.goto(`${origin}/page/${i}/`, { waitUntil: 'load', timeout: 20_000 });
    result = await page.evaluate(inPage, origin);
  } catch (e) {
    failed.push(`${file}: ${String(e?.message ?? e).split('\n')[0].slice(0, 80)}`);
    continue;
  }
  const saved = join(keep, `${i}.html`);
  writeFileSync(saved, result.html);
  const cliLine = execFileSync(args.cli, ['--format', 'json', '--url', result.url, saved], { maxBuffer: 1 << 28 });
  const cli = JSON.parse(cliLine.toString());
  delete cli.file; // the CLI names its input; the engine's answer has no such field
  const [a, b, native] = [result.a, result.b, JSON.stringify(cli)].map(canonical);
  if (a !== b) differ.ab.push(file);
  if (a !== native) differ.aCli.push(file);
  if (b !== native) differ.bCli.push(file);
}
await browser.close();
server.close();
if (!args.keep) rmSync(keep, { recursive: true });

const show = (list) => `${list.length}${list.length ? ` (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', ...' : ''})` : ''}`;
const checked = pages.length - failed.length;
console.log(`${checked} pages serialised by Chromium`);
console.log(`A and B differ on ${show(differ.ab)}`);
console.log(`A and the CLI differ on ${show(differ.aCli)}`);
console.log(`B and the CLI differ on ${show(differ.bCli)}`);
if (failed.length) console.log(`not loaded: ${failed.join('; ')}`);
