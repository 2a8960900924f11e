#!/usr/bin/env node
// Plan + push of 1,000 organization roles to the loopback rehearsal engine (issue 9 "Done when").
//
//   node bench/push-roles.mjs [roles=1000] [runs=5]
//
// Needs no prior build: it bundles the TypeScript sources it uses (engine, SQLite store, Http and ApiServer adapters,
// the in-memory keychain of test/support/fakes.ts) with esbuild into .cache/ and imports that. One process, one
// SQLite data directory in a temp dir, the rehearsal engine on 127.0.0.1. Per run, with the engine's roles cleared
// first (not timed), interleaved:
// - workbench: `targets.plan` then `targets.push` (the push plans again: 2 GETs, then POSTs in batches of 100);
// - bare client: the very same requests (2 GETs, the same POST bodies) sent straight with fetch.
// Prints the p50 of each and the ratio. Goal: workbench < 2 s and within 1.5x of the bare client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSources } from './lib/import-sources.mjs';
import { emitFigure, size } from './lib/figures.mjs';

const count = Number(process.argv[2] ?? size(1000, 20));
const runs = Number(process.argv[3] ?? size(5, 1));

const lib = await importSources(
  `
      export { createEngine } from './main/core/engine.ts';
      export { openSqliteStore } from './main/adapters/sqlite-store/index.ts';
      export { createNodeHttp } from './main/adapters/http/node-http.ts';
      export { createNodeApiServer } from './main/adapters/rbac-server/node-api-server.ts';
      export { systemClock } from './main/core/ports/clock.ts';
      export { createTestPorts, createFakeIdpTools } from './test/support/fakes.ts';`,
  'push',
);
const dataDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-push-'));
const store = lib.openSqliteStore(dataDir);
const ports = lib.createTestPorts({ store, http: lib.createNodeHttp(), clock: lib.systemClock, apiServer: lib.createNodeApiServer(), sleep: async () => {} });
const engine = lib.createEngine(ports, { idpTools: lib.createFakeIdpTools() });
const call = async (name, input) => {
  const result = await engine.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
};

const adminToken = 'bench-admin-token-0123456789abcdef';
const org = 'bench-org';
await call('orgs.create', { id: org, name: 'Bench' });
const resources = [['model', 'read'], ['tag', 'read'], ['alert', 'read'], ['metric_query', 'read'], ['raw_data', 'read'], ['model', 'write']];
const roles = Array.from({ length: count }, (_, i) => ({
  role_name: `group-${String(i).padStart(4, '0')}`,
  permissions: [resources[i % resources.length], resources[(i + 2) % resources.length]].map(([resource, action]) => ({ resource, action })),
  inherited_role_names: i % 10 === 9 ? [`group-${String(i - 1).padStart(4, '0')}`] : i % 7 === 0 ? ['Model Owner'] : [],
}));
await call('roles.import', { content: JSON.stringify({ roles }), organization: org });
await call('rehearsal.start', { adminToken });
const target = await call('rehearsal.addTarget', {});
const { url } = await call('rehearsal.status', {});
const endpoint = `${url}/api/v3/authorization/custom_roles`;
const headers = { authorization: `Bearer ${adminToken}`, 'arthur-organization-id': org, 'content-type': 'application/json', accept: 'application/json' };

const clear = async () => {
  const response = await fetch(endpoint, { method: 'DELETE', headers, body: JSON.stringify({ roles: ['*'] }) });
  if (response.status !== 200) throw new Error(`clear: ${response.status}`);
};
// The push's POST bodies, in its order (parents first, batches of 100), for the bare client.
const batches = [];
{
  await clear();
  const push = await call('targets.push', { ref: target.id });
  if (push.outcome !== 'succeeded' || push.counts.done !== count) throw new Error(`warm-up push: ${push.outcome} ${JSON.stringify(push.counts)}`);
  const remote = await (await fetch(endpoint, { headers })).json();
  for (let i = 0; i < remote.roles.length; i += 100) batches.push(JSON.stringify({ roles: remote.roles.slice(i, i + 100) }));
}

const workbench = [];
const bare = [];
for (let run = 0; run < runs; run++) {
  await clear();
  let t0 = performance.now();
  await call('targets.plan', { ref: target.id });
  if (process.env.BENCH_STEPS) console.log(`  plan ${(performance.now() - t0).toFixed(0)} ms`);
  const push = await call('targets.push', { ref: target.id });
  workbench.push(performance.now() - t0);
  if (push.counts.done !== count) throw new Error(`push ${run}: ${JSON.stringify(push.counts)}`);

  await clear();
  t0 = performance.now();
  for (let g = 0; g < 2; g++) await (await fetch(endpoint, { headers })).json();
  for (const body of batches) {
    const response = await fetch(endpoint, { method: 'POST', headers, body });
    if (response.status !== 200) throw new Error(`bare POST: ${response.status} ${await response.text()}`);
    await response.json();
  }
  bare.push(performance.now() - t0);
}

const p50 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const w = p50(workbench);
const b = p50(bare);
console.log(`push-roles: plan + push of ${count} roles to the loopback engine, p50 of ${runs} runs`);
console.log(`  workbench (targets.plan + targets.push): ${w.toFixed(0)} ms   (runs: ${workbench.map((v) => v.toFixed(0)).join(', ')})`);
console.log(`  bare client (same 2 GETs + ${batches.length} POSTs):  ${b.toFixed(0)} ms   (runs: ${bare.map((v) => v.toFixed(0)).join(', ')})`);
console.log(`  ratio ${(w / b).toFixed(2)}x   goal: < 2000 ms and <= 1.5x   ${w < 2000 && w / b <= 1.5 ? 'MET' : 'NOT MET'}`);
emitFigure({ figure: `plan + push of ${count} roles (p50)`, ours: w, anchor: b, goal: '< 2000 ms and ≤ 1.5× bare fetch', met: w < 2000 && w / b <= 1.5 });

await engine.close();
rmSync(dataDir, { recursive: true, force: true });
