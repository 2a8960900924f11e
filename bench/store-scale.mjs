#!/usr/bin/env node
// The store at scale (issue 14): a real SQLite data directory with 10,000 connections and 100,000 test runs (100 each
// on 1,000 connections), opened by the engine as the app opens it. Measured, p50 over N rounds after warm-up:
// - `connections.list {}` through the engine (ALL 10,000 list rows, sorted, output validated): goal < 20 ms;
// - `history.list {ref, limit: 50}` through the engine (the last 50 runs of one connection): goal < 5 ms;
// - `history.page {limit: 50}` through the engine (what opening History asks: the newest 50 runs of all, and how
//   many there are): goal < 10 ms.
// Anchors: connections, reading every stored document and JSON-parsing it (what a listing without list rows costs);
// runs, the bare better-sqlite3 query of the same page (rows read and JSON-parsed), same file, same rounds.
//
//   node bench/store-scale.mjs [rounds=30]
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectGarbage, emitFigure, median, size } from './lib/figures.mjs';
import { loadEngine, seedStore } from './lib/seed-store.mjs';

const connections = size(10_000, 50);
const runs = size(100_000, 500);
const lib = await loadEngine();

// The store is seeded by a child process (this file with --seed-into DIR): the 110,000 objects seeding allocates
// would otherwise stay in this process's heap and make every collection during the measurement slower — garbage
// the app's engine, which only opens the store, never has.
const seedInto = process.argv.indexOf('--seed-into');
if (seedInto > 0) {
  const ids = await seedStore(lib, process.argv[seedInto + 1], { connections, runs, runsOver: size(1000, 5) });
  process.stdout.write(`${JSON.stringify({ target: ids[size(500, 2)] })}\n`);
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? size(30, 2));
const dataDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-store-'));
const started = performance.now();
const seeding = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--seed-into', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (seeding.status !== 0) throw new Error(`seeding the store failed (exit ${seeding.status})`);
const { target } = JSON.parse(seeding.stdout.trim().split('\n').pop());
console.log(`seeded ${connections} connections and ${runs} runs in ${((performance.now() - started) / 1000).toFixed(1)} s (child process)`);

const store = lib.openSqliteStore(dataDir);
const engine = lib.createEngine(lib.createTestPorts({ store }), { idpTools: lib.createFakeIdpTools() });
const call = async (name, input) => {
  const result = await engine.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
};
const bare = new Database(join(dataDir, 'workbench.sqlite'), { readonly: true });
const bareList = bare.prepare('SELECT document FROM connections ORDER BY name_lower');
const bareRuns = bare.prepare('SELECT summary FROM test_runs WHERE connection_id = ? ORDER BY at DESC, rowid DESC LIMIT 50');
const barePage = bare.prepare('SELECT summary FROM test_runs ORDER BY at DESC, rowid DESC LIMIT 50');
const bareCount = bare.prepare('SELECT count(*) FROM test_runs').pluck();

// Each sample starts on a collected heap, ours and the anchors alike: otherwise the garbage one measurement leaves
// (the anchor JSON-parses 10,000 whole documents) is collected inside the next one.
const time = async (work) => {
  collectGarbage();
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
};
const samples = { list: [], bareList: [], runs: [], bareRuns: [], page: [], barePage: [] };
for (let round = 0; round < rounds + 3; round++) {
  const list = await time(() => call('connections.list', {}));
  const listed = await time(() => bareList.all().map((row) => JSON.parse(row.document)));
  const last = await time(() => call('history.list', { ref: target, limit: 50 }));
  const lastBare = await time(() => bareRuns.all(target).map((row) => JSON.parse(row.summary)));
  const page = await time(() => call('history.page', { limit: 50 }));
  const pageBare = await time(() => ({ runs: barePage.all().map((row) => JSON.parse(row.summary)), total: bareCount.get() }));
  if (page.value.total !== runs || page.value.runs.length !== Math.min(50, runs)) throw new Error(`history.page answered ${page.value.runs.length} of ${page.value.total}`);
  if (list.value.length !== connections || listed.value.length !== connections) throw new Error(`listed ${list.value.length} connections`);
  if (last.value.length !== Math.min(50, runs / size(1000, 5)) || last.value.some((run) => run.connectionId !== target)) throw new Error('history.list returned the wrong runs');
  if (round < 3) continue;
  samples.list.push(list.ms);
  samples.bareList.push(listed.ms);
  samples.runs.push(last.ms);
  samples.bareRuns.push(lastBare.ms);
  samples.page.push(page.ms);
  samples.barePage.push(pageBare.ms);
}
const plan = (statement, ...args) => bare.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...args).map((row) => row.detail).join('; ');
console.log(`history query plan: ${plan(bareRuns, target)}`);
console.log(`history page plan: ${plan(barePage)}; count plan: ${plan(bareCount)}`);
console.log(`connections list plan: ${plan(bare.prepare('SELECT packed FROM connection_list ORDER BY sort_key, id'))}`);

emitFigure({ figure: `connections.list, ${connections} connections (p50)`, ours: median(samples.list), anchor: median(samples.bareList), goal: '< 20 ms', met: median(samples.list) < 20 });
emitFigure({ figure: `last 50 runs of a connection, ${runs} runs (p50)`, ours: median(samples.runs), anchor: median(samples.bareRuns), goal: '< 5 ms', met: median(samples.runs) < 5 });
emitFigure({ figure: `History first page + total, ${runs} runs (p50)`, ours: median(samples.page), anchor: median(samples.barePage), goal: '< 10 ms', met: median(samples.page) < 10 });

bare.close();
await engine.close();
rmSync(dataDir, { recursive: true, force: true });
