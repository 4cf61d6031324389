// Rewrites BENCHMARKS.md from the latest run: every section between
// `<!-- BEGIN name -->` and `<!-- END name -->` is replaced by bench-out/name.md when
// that file exists, so each figure in BENCHMARKS.md comes from the run that produced it.
//
//   node tools/bench/report.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(ROOT, 'BENCHMARKS.md');
let text = readFileSync(target, 'utf8');
const updated = [];
text = text.replace(/<!-- BEGIN ([\w-]+) -->\n[\s\S]*?<!-- END \1 -->/g, (whole, name) => {
  const fragment = join(ROOT, 'bench-out', `${name}.md`);
  if (!existsSync(fragment)) return whole;
  updated.push(name);
  return `<!-- BEGIN ${name} -->\n${readFileSync(fragment, 'utf8').trimEnd()}\n<!-- END ${name} -->`;
});
writeFileSync(target, text);
console.log(`BENCHMARKS.md: updated ${updated.join(', ') || 'nothing (no bench-out/*.md)'}`);
