#!/usr/bin/env node
// `npm run bench`: builds, runs every benchmark in bench/ one after the other, and prints ONE table — figure, ours,
// anchor, ratio, goal, met — from the figure lines each benchmark emits (bench/lib/figures.mjs). Timings are not
// tests: this is not part of `npm test`; a smoke test runs it with `--smoke` so no benchmark can rot.
//
//   npm run bench [-- [--smoke] [--no-build] [--json] [name …]]
//     --smoke     tiny sizes, one round each (timings meaningless; checks that every benchmark still runs)
//     --no-build  use the dist/ already built
//     --json      print the figures as one JSON document instead of the table
//     name …      only the benchmarks whose file name contains one of these (e.g. `cli-start store`)
// Exit code: 0 every benchmark ran (and, without --smoke, met its goals), 1 otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FIGURE_PREFIX } from '../bench/lib/figures.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const asJson = args.includes('--json');
const names = args.filter((arg) => !arg.startsWith('--'));
const log = (text) => (asJson ? process.stderr : process.stdout).write(text);

if (!args.includes('--no-build')) {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) process.exit(1);
}

const benches = readdirSync(join(root, 'bench'))
  .filter((file) => file.endsWith('.mjs'))
  .filter((file) => names.length === 0 || names.some((name) => file.includes(name)))
  .sort();
const figures = [];
const failures = [];
for (const file of benches) {
  const name = file.replace(/\.mjs$/, '');
  log(`── ${name}\n`);
  const started = performance.now();
  const child = spawn(process.execPath, [`bench/${file}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BENCH_SMOKE: smoke ? '1' : '' } });
  const mine = [];
  const lines = (stream, sink) => createInterface({ input: stream }).on('line', (line) => {
    if (line.startsWith(FIGURE_PREFIX)) mine.push({ bench: name, ...JSON.parse(line.slice(FIGURE_PREFIX.length)) });
    else sink(`   ${line}\n`);
  });
  lines(child.stdout, log);
  lines(child.stderr, (text) => process.stderr.write(text));
  const code = await new Promise((resolve) => child.once('close', resolve));
  log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  if (code !== 0 || mine.length === 0) failures.push(`${name}: ${code !== 0 ? `exited ${code}` : 'emitted no figure'}`);
  figures.push(...mine);
}

const number = (value, unit) => {
  if (value === null || value === undefined) return '—';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};
if (asJson) {
  process.stdout.write(`${JSON.stringify({ smoke, figures, failures }, null, 2)}\n`);
} else {
  const rows = [['figure', 'ours', 'anchor', 'ratio', 'goal', 'met']].concat(
    figures.map((f) => [f.figure, number(f.ours, f.unit), number(f.anchor, f.unit), f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`, f.goal, smoke ? '(smoke)' : f.met ? 'yes' : 'NO']),
  );
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const format = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log('');
  console.log(format(rows[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(format(row));
  const met = figures.filter((f) => f.met).length;
  console.log(`\n${smoke ? 'smoke run: sizes tiny, timings meaningless' : `${met} of ${figures.length} goals met`} · node ${process.version} · ${new Date().toISOString()}`);
  for (const f of figures.filter((f) => f.note)) console.log(`  ${f.figure}: ${f.note}`);
}
for (const failure of failures) console.error(`benchmark failed: ${failure}`);
if (failures.length > 0 || (!smoke && figures.some((f) => !f.met))) process.exitCode = 1;
