#!/usr/bin/env node
// `node scripts/audit.mjs`: runs `npm audit --omit=dev --json` and fails on a high/critical advisory that
// audit-exceptions.json does not explain. When the registry cannot answer the audit (some mirrors and proxies have no
// audit endpoint), it says so and exits 3, which npm test reports as "not checked" (the lockfile floors still hold).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { auditUnavailable, judgeAudit } from './lib/audit-policy.mjs';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(run.stdout || 'null') ?? undefined;
} catch {
  report = undefined;
}
if (auditUnavailable(report)) {
  const why = report?.message ?? (run.stderr || '').split('\n').find((line) => line.includes('error')) ?? 'no answer';
  console.log(`npm audit --omit=dev: not checked, the registry did not run the audit (${why.trim()}).`);
  process.exit(3);
}
const exceptions = existsSync('audit-exceptions.json') ? JSON.parse(readFileSync('audit-exceptions.json', 'utf8')) : {};
const { explained, unexplained } = judgeAudit(report, exceptions);
for (const f of explained) console.log(`explained ${f.severity}: ${f.name} — ${f.title} (${f.url}): ${f.why}`);
for (const f of unexplained) console.error(`UNEXPLAINED ${f.severity}: ${f.name} ${f.range} — ${f.title} (${f.url})`);
const counts = report?.metadata?.vulnerabilities ?? {};
console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}; ${unexplained.length} high/critical unexplained.`);
process.exit(unexplained.length ? 1 : 0);
