#!/usr/bin/env node
// The store at scale (issue 14): a real SQLite data directory with 10,000 connections and 100,000 test runs (100 each
// on 1,000 connections), opened by the engine as the app opens it. Measured, p50 over N rounds after warm-up:
// - `connections.list {}` through the engine (all 10,000 views, sorted, output validated): goal < 20 ms;
// - `history.list {ref, limit: 50}` through the engine (the last 50 runs of one connection): goal < 5 ms.
// Anchor: the bare better-sqlite3 query the same answer needs (rows read and JSON-parsed), same file, same rounds.
//
//   node bench/store-scale.mjs [rounds=30]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitFigure, median, size } from './lib/figures.mjs';
import { loadEngine, seedStore } from './lib/seed-store.mjs';

const connections = size(10_000, 50);
const runs = size(100_000, 500);
const rounds = Number(process.argv[2] ?? size(30, 2));
const lib = await loadEngine();
const dataDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-store-'));
let started = performance.now();
const ids = await seedStore(lib, dataDir, { connections, runs, runsOver: size(1000, 5) });
console.log(`seeded ${connections} connections and ${runs} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);

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
const target = ids[size(500, 2)];

const time = async (work) => {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
};
const samples = { list: [], bareList: [], runs: [], bareRuns: [] };
for (let round = 0; round < rounds + 3; round++) {
  const list = await time(() => call('connections.list', {}));
  const listed = await time(() => bareList.all().map((row) => JSON.parse(row.document)));
  const last = await time(() => call('history.list', { ref: target, limit: 50 }));
  const lastBare = await time(() => bareRuns.all(target).map((row) => JSON.parse(row.summary)));
  if (list.value.length !== connections || listed.value.length !== connections) throw new Error(`listed ${list.value.length} connections`);
  if (last.value.length !== Math.min(50, runs / size(1000, 5)) || last.value.some((run) => run.connectionId !== target)) throw new Error('history.list returned the wrong runs');
  if (round < 3) continue;
  samples.list.push(list.ms);
  samples.bareList.push(listed.ms);
  samples.runs.push(last.ms);
  samples.bareRuns.push(lastBare.ms);
}
const plan = bare.prepare(`EXPLAIN QUERY PLAN ${bareRuns.source}`).all(target).map((row) => row.detail).join('; ');
console.log(`history query plan: ${plan}`);

emitFigure({ figure: `connections.list, ${connections} connections (p50)`, ours: median(samples.list), anchor: median(samples.bareList), goal: '< 20 ms', met: median(samples.list) < 20 });
emitFigure({ figure: `last 50 runs of a connection, ${runs} runs (p50)`, ours: median(samples.runs), anchor: median(samples.bareRuns), goal: '< 5 ms', met: median(samples.runs) < 5 });

bare.close();
await engine.close();
rmSync(dataDir, { recursive: true, force: true });
