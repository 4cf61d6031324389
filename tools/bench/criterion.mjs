// Collects the latest criterion results (target/criterion/**/new/) into
// bench-out/criterion.md: each benchmark's median time and, where it declares a
// throughput, MB/s or elements/s.
//
//   cargo bench && node tools/bench/criterion.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CRITERION = join(ROOT, 'target', 'criterion');

function* results(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'report') continue;
    const path = join(dir, entry.name);
    if (entry.name === 'new' && existsSync(join(path, 'estimates.json'))) yield path;
    else yield* results(path);
  }
}

const time = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const rows = [];
if (existsSync(CRITERION)) {
  for (const dir of results(CRITERION)) {
    const estimates = JSON.parse(readFileSync(join(dir, 'estimates.json'), 'utf8'));
    const meta = JSON.parse(readFileSync(join(dir, 'benchmark.json'), 'utf8'));
    const ns = estimates.median.point_estimate;
    const t = meta.throughput ?? {};
    const rate = t.Bytes
      ? `${(t.Bytes / 1e6 / (ns / 1e9)).toFixed(1)} MB/s`
      : t.Elements
        ? `${Math.round(t.Elements / (ns / 1e9)).toLocaleString('en')} elements/s`
        : '';
    rows.push(`| ${meta.full_id} | ${time(ns)} | ${rate} |`);
  }
}
rows.sort();
const md = [
  `Run ${new Date().toISOString().slice(0, 10)}: \`cargo bench\` (criterion, release profile; part of \`make bench\`).`,
  '',
  '| benchmark | median | throughput |',
  '|---|---|---|',
  ...rows,
].join('\n');
mkdirSync(join(ROOT, 'bench-out'), { recursive: true });
writeFileSync(join(ROOT, 'bench-out', 'criterion.md'), md + '\n');
console.log(md);
