#!/usr/bin/env node
// The CLI's start-up as a pipeline pays it (issue 14): whole `node bin/ssowb.cjs …` processes, wall time to exit,
// against a bare `node -e 0` in the same run, all interleaved (each round runs every command once, rotating the
// order), N rounds (default 15) after one warm-up round. Needs the build (npm run bench builds first).
//   --version, --help                          goal ≤ 1.5× node -e 0
//   connections list --json, empty store       goal ≤ 2.5× node -e 0
//   connections list --json, 10,000 connections goal ≤ 2.5× node -e 0
//
//   node bench/cli-start.mjs [rounds=15]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitFigure, median, quantile, size } from './lib/figures.mjs';
import { interleave, timeProcess } from './lib/processes.mjs';
import { loadEngine, seedStore } from './lib/seed-store.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? size(15, 1));
const connections = size(10_000, 20);
const emptyDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-cli-empty-'));
const fullDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-cli-full-'));
await seedStore(await loadEngine(), fullDir, { connections });
// The empty store is created by a first run, as a user's first command would.
await timeProcess(['bin/ssowb.cjs', '--data-dir', emptyDir, 'connections', 'list', '--json'], { cwd: root });

const ssowb = (...args) => () => timeProcess(['bin/ssowb.cjs', ...args], { cwd: root });
const samples = await interleave(
  {
    node: () => timeProcess(['-e', '0'], { cwd: root }),
    version: ssowb('--version'),
    help: ssowb('--help'),
    listEmpty: ssowb('--data-dir', emptyDir, 'connections', 'list', '--json'),
    listFull: ssowb('--data-dir', fullDir, 'connections', 'list', '--json'),
  },
  { rounds, warmup: size(1, 0) },
);
rmSync(emptyDir, { recursive: true, force: true });
rmSync(fullDir, { recursive: true, force: true });

const anchor = median(samples.node);
const report = (figure, list, limit) => {
  const ours = median(list);
  console.log(`${figure}: p50 ${ours.toFixed(0)} ms p90 ${quantile(list, 0.9).toFixed(0)} ms (node -e 0: p50 ${anchor.toFixed(0)} ms)`);
  emitFigure({ figure, ours, anchor, goal: `≤ ${limit}× node -e 0`, met: ours / anchor <= limit });
};
report('ssowb --version (p50)', samples.version, 1.5);
report('ssowb --help (p50)', samples.help, 1.5);
report('connections list --json, empty (p50)', samples.listEmpty, 2.5);
report(`connections list --json, ${connections} (p50)`, samples.listFull, 2.5);
