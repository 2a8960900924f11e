#!/usr/bin/env node
// `npm test`: provisions what the tiers need, then runs every tier and ends with one summary line.
// Tiers: type-check, lint, unit (vitest), integration (vitest, private keyring, real IdPs), browser e2e (Playwright
// + Debian's Chromium against browser mode, private keyring).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { missingDeps } from './lib/system-deps.mjs';
import { judgeSkips } from './lib/skip-policy.mjs';

const run = (label, command, args, env = {}) => {
  console.log(`\n── ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
};

// 1. System packages.
let missing = missingDeps();
if (missing.length && process.getuid?.() === 0) {
  const pkgs = missing.map((dep) => dep.pkg);
  console.log(`Installing system packages: ${pkgs.join(' ')}`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  missing = missingDeps();
}
if (missing.length) {
  console.error('npm test needs these Debian packages, which are missing:');
  for (const dep of missing) console.error(`  ${dep.pkg.padEnd(16)} ${dep.why}`);
  console.error(`Install them with: sudo apt-get install --no-install-recommends ${missing.map((d) => d.pkg).join(' ')}`);
  process.exit(2);
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const steps = [];
const step = (label, ok) => steps.push({ label, ok });

step('build', run('build', 'node', ['scripts/build.mjs', '--quiet']));
// Production dependencies: no unexplained high/critical advisory (exit 3 = the registry cannot run audits: reported,
// not failed; the lockfile floors in test/unit/hardening-dependency-floors.test.ts hold either way).
console.log('\n── npm audit --omit=dev');
const audit = spawnSync('node', ['scripts/audit.mjs'], { stdio: 'inherit' });
step('audit', audit.status === 0 || audit.status === 3);
step('typecheck', run('type-check (per runtime)', 'npm', ['run', '--silent', 'typecheck']));
step('lint', run('lint (layers and style)', 'npm', ['run', '--silent', 'lint']));
const vitest = (project, file) => ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=test-results/${file}`];
step('unit', run('unit tests', 'npx', vitest('unit', 'unit.json')));
step('integration', run('integration tests (private keyring, real IdPs)', 'node', ['scripts/with-keyring.mjs', 'npx', ...vitest('integration', 'integration.json')]));
step('e2e', run('browser tests (Chromium)', 'node', ['scripts/with-keyring.mjs', 'npx', 'playwright', 'test'], { CI: '1' }));

// Summary: one line the CI can read, counted from the runners' JSON reports.
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['unit.json', 'integration.json']) {
  const path = `test-results/${file}`;
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (existsSync('test-results/e2e-report.json')) {
  const { stats } = JSON.parse(readFileSync('test-results/e2e-report.json', 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
// Skip policy: only the Electron runtime may skip (with its printed reason); any other skip fails the run.
const readReport = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const { allowed, violations } = judgeSkips({
  unit: readReport('test-results/unit.json'),
  integration: readReport('test-results/integration.json'),
  e2e: readReport('test-results/e2e-report.json'),
});
for (const skip of allowed) console.log(`allowed skip: ${skip.name} — ${skip.reason}`);
if (violations.length) {
  console.error(`\n${violations.length} test(s) skipped because something they need is missing; only the Electron runtime may skip:`);
  for (const skip of violations) console.error(`  ${skip.file}: ${skip.name}${skip.reason ? ` (${skip.reason})` : ''}`);
}
step('skip policy', violations.length === 0);

const failedSteps = steps.filter((s) => !s.ok).map((s) => s.label);
console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps green'}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length || failed ? 1 : 0);
