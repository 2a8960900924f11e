#!/usr/bin/env node
// Role resolution: a login's groups → roles → organization → one permission decision (issue 8 "Engineering").
//
//   node bench/rbac-resolve.mjs [iterations=2000]
//
// Needs no prior build: bundles main/core/rbac (pure TypeScript) with esbuild into .cache/ and imports it.
// The installation: 10,000 roles in 100 organizations (100 each; every role holds 3 permissions and inherits the
// previous role of its organization in chains of 5, and every 10th inherits the built-in "Model Owner"). The user has
// 1,000 groups: 20 name roles of org-7, 30 name roles of other organizations, 950 match nothing.
// Measured per iteration (casbin: a sample of CASBIN_ITERATIONS rounds, it is that slow): workbench = resolveGroups + decide (the explanation and graph path included), with the
// snapshot built once (as after a change); casbin = the same policy in casbin's RBAC-with-domains model: the user's
// 1,000 group links added, enforce(user, org-7, model, write), links removed (what a login costs it). Also printed:
// casbin's enforce alone with the links already loaded (its best case). Same process, interleaved.
import { importSources } from './lib/import-sources.mjs';
import { emitFigure, size, smoke } from './lib/figures.mjs';

const iterations = Number(process.argv[2] ?? size(2000, 20));
const warmup = Math.min(200, Math.ceil(iterations / 10));

const rbac = await importSources(
  `export * from './main/core/rbac/snapshot.ts'; export * from './main/core/rbac/resolver.ts'; export * from './main/core/rbac/decide.ts';`,
  'rbac',
);
const casbin = await import('casbin');

// ---- the installation -------------------------------------------------------------------------------------------
const ORGS = size(100, 10);
const PER_ORG = size(100, 30);
const catalogue = [['model', ['read', 'write', 'delete']], ['tag', ['read', 'write', 'delete']], ['raw_data', ['read', 'write']], ['alert', ['read', 'resolve', 'notify']], ['metric_query', ['read', 'write', 'delete']]]
  .flatMap(([resource, actions]) => actions.map((action) => ({ resource, action })));
const at = '2026-01-01T00:00:00.000Z';
const organizations = Array.from({ length: ORGS }, (_, o) => ({ id: `org-${o}`, name: `Org ${o}`, createdAt: at, updatedAt: at }));
const roles = [];
for (let o = 0; o < ORGS; o++) {
  for (let r = 0; r < PER_ORG; r++) {
    const name = `org${o}-role${r}`;
    const inherited = [];
    if (r % 5 !== 0) inherited.push(`org${o}-role${r - 1}`);
    if (r % 10 === 0) inherited.push('Model Owner');
    // model:write only at the bottom of some chains, so a grant goes through inheritance.
    const permissions = [0, 1, 2].map((k) => catalogue[(o * 7 + r * 3 + k) % catalogue.length]).filter((p) => !(p.resource === 'model' && p.action === 'write'));
    if (r % 25 === 3) permissions.push({ resource: 'model', action: 'write' });
    roles.push({ id: `id-${o}-${r}`, scope: 'organization', organizationId: `org-${o}`, name, description: '', permissions, inheritedRoleNames: inherited, createdAt: at, updatedAt: at });
  }
}
const groups = [
  ...Array.from({ length: 20 }, (_, i) => `org7-role${i * 5 + 4}`),
  ...Array.from({ length: 30 }, (_, i) => `org${(i % 99) + 8}-role${i}`),
  ...Array.from({ length: 950 }, (_, i) => `idp-group-${i}`),
];
const permission = { resource: 'model', action: 'write' };

// ---- workbench ----------------------------------------------------------------------------------------------------
let started = performance.now();
const snapshot = rbac.buildSnapshot(organizations, roles);
const snapshotMs = performance.now() - started;
const workbench = () => {
  const user = rbac.resolveGroups(snapshot, groups, { caseSensitive: true });
  return rbac.decide({ snapshot, user, permission, groupsSource: 'claim groups', header: 'org-7', webappUrl: 'https://arthur.example.com' });
};
const ours = workbench();
if (!ours.allowed) throw new Error(`workbench denied: ${ours.explanation.join(' ')}`);

// ---- casbin: the same policy (RBAC with domains) ------------------------------------------------------------------
const model = casbin.newModelFromString(`
[request_definition]
r = sub, dom, obj, act
[policy_definition]
p = sub, dom, obj, act
[role_definition]
g = _, _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act
`);
started = performance.now();
const enforcer = await casbin.newEnforcer(model);
const policies = roles.flatMap((role) => role.permissions.map((p) => [role.name, role.organizationId, p.resource, p.action]));
const links = roles.flatMap((role) => role.inheritedRoleNames.filter((n) => n !== 'Model Owner').map((parent) => [role.name, parent, role.organizationId]));
await enforcer.addPolicies(policies);
await enforcer.addGroupingPolicies(links);
const casbinLoadMs = performance.now() - started;
const userLinks = groups.map((g) => ['alice', g, 'org-7']);
const casbinLogin = async () => {
  await enforcer.addGroupingPolicies(userLinks);
  const allowed = await enforcer.enforce('alice', 'org-7', 'model', 'write');
  await enforcer.removeGroupingPolicies(userLinks);
  return allowed;
};
if (!(await casbinLogin())) throw new Error('casbin denied the same request');

// ---- measure, interleaved -----------------------------------------------------------------------------------------
// casbin needs about a second per login here, so it gets fewer rounds (CASBIN_ITERATIONS, default 20), interleaved.
const casbinRounds = Math.min(iterations, Number(process.env.CASBIN_ITERATIONS ?? size(20, 2)));
const every = Math.max(1, Math.floor(iterations / casbinRounds));
const ourTimes = [];
const casbinTimes = [];
for (let i = 0; i < warmup + iterations; i++) {
  const t = performance.now();
  workbench();
  const a = performance.now() - t;
  if (i >= warmup) ourTimes.push(a);
  if (i >= warmup && (i - warmup) % every === 0 && casbinTimes.length < casbinRounds) {
    const c = performance.now();
    await casbinLogin();
    casbinTimes.push(performance.now() - c);
  }
}
await enforcer.addGroupingPolicies(userLinks);
const enforceTimes = [];
for (let i = 0; i < casbinRounds + 2; i++) {
  const t = performance.now();
  await enforcer.enforce('alice', 'org-7', 'model', 'write');
  if (i >= 2) enforceTimes.push(performance.now() - t);
}

const pct = (list, p) => {
  const sorted = [...list].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const ratio = pct(casbinTimes, 50) / pct(ourTimes, 50);
console.log(`rbac-resolve: ${roles.length} roles in ${ORGS} orgs, ${groups.length} groups (50 match), ${iterations} iterations (casbin ${casbinTimes.length}), node ${process.version}`);
console.log(`  snapshot build (once per change): ${snapshotMs.toFixed(1)} ms; casbin policy load: ${casbinLoadMs.toFixed(1)} ms`);
console.log(`  workbench resolve + decide:     p50 ${us(pct(ourTimes, 50))}  p99 ${us(pct(ourTimes, 99))}`);
console.log(`  casbin login (links + enforce): p50 ${us(pct(casbinTimes, 50))}  p99 ${us(pct(casbinTimes, 99))}`);
console.log(`  casbin enforce only (best case): p50 ${us(pct(enforceTimes, 50))}  p99 ${us(pct(enforceTimes, 99))}`);
console.log(`  ratio casbin/workbench (p50): ${ratio.toFixed(1)}×  (enforce only: ${(pct(enforceTimes, 50) / pct(ourTimes, 50)).toFixed(1)}×)`);
const ok = pct(ourTimes, 50) < 1 && ratio >= 10;
console.log(`  goal p50 < 1 ms and ≥ 10× casbin: ${ok ? 'met' : 'NOT met'}`);
emitFigure({
  figure: `RBAC resolve + decide, ${roles.length} roles (p50)`,
  ours: pct(ourTimes, 50),
  anchor: pct(casbinTimes, 50),
  goal: '< 1 ms and ≤ 0.10× casbin',
  met: ok,
});
if (!ok && !smoke) process.exitCode = 1;
