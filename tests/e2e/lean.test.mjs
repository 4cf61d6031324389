// The page as the content script sends it (extension/content/lean.js, plain Node): without
// scripts and style sheets, and the engine's answer exactly as for the whole page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { ROOT } from './harness.mjs';

// The classic script, run as the browser runs it: it defines __pithLean on its global.
const world = vm.createContext({});
vm.runInContext(readFileSync(join(ROOT, 'extension', 'content', 'lean.js'), 'utf8'), world);
const { withoutScripts } = world.__pithLean;

test('scripts and style sheets go; JSON-LD, comments and raw text stay', () => {
  assert.equal(withoutScripts('<p>a</p><script>if (a<b) x("</p>")</script><style>p{}</style><p>b</p>'), '<p>a</p><p>b</p>');
  const kept = [
    '<script type="application/ld+json">{"a":1}</script>',
    '<textarea><script>x</script></textarea>',
    '<noscript><style>p{}</style></noscript>',
    '<title><script>x</script></title>',
    '<!-- <script>x</script> -->',
    '<script-x>custom</script-x><scripts>x</scripts>',
  ].join('');
  assert.equal(withoutScripts(kept), kept);
  // A script ends at its first end tag, as raw text does in the tokenizer; one never ended
  // runs to the end of the page.
  assert.equal(withoutScripts('<script>a = "</SCRIPT >";</script><p>b</p>'), '";</script><p>b</p>');
  assert.equal(withoutScripts('<p>a</p><script>never ended <p>b</p>'), '<p>a</p>');
});

// The engine drops scripts and styles itself (src/extract/markup/prune.rs): the CLI's whole
// output is the same with or without them, on every page of the Readability corpus.
const CLI = join(ROOT, 'target', 'release', 'pith');
const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'readability');
const skip = !existsSync(CLI) ? `no ${CLI} (make build)` : !existsSync(CORPUS) ? `corpus absent (${CORPUS})` : false;
test('the engine gives the same answer for the lean page (Readability corpus)', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pith-lean-'));
  try {
    let whole = 0;
    let lean = 0;
    for (const slug of readdirSync(CORPUS).filter((s) => existsSync(join(CORPUS, s, 'source.html')))) {
      const html = readFileSync(join(CORPUS, slug, 'source.html'), 'utf8');
      const leaner = withoutScripts(html);
      [whole, lean] = [whole + html.length, lean + leaner.length];
      writeFileSync(join(dir, `${slug}.whole.html`), html);
      writeFileSync(join(dir, `${slug}.lean.html`), leaner);
    }
    const run = (kind) =>
      execFileSync(CLI, ['--format', 'json', '--url', 'https://example.com/', ...readdirSync(dir).filter((f) => f.endsWith(`.${kind}.html`)).sort()], { cwd: dir, maxBuffer: 1 << 28 })
        .toString()
        .replaceAll(`.${kind}.html`, '');
    assert.equal(run('lean'), run('whole'));
    assert.ok(lean < whole * 0.8, `${lean} of ${whole} characters sent`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
