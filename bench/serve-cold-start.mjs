#!/usr/bin/env node
// Cold start of browser mode: spawn `ssowb serve --json` on a fresh data dir → first 200 for the console page
// (token exchanged for the cookie, then GET /). Prints p50/p90/max over N runs (default 10).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const runs = Number(process.argv[2] ?? 10);
const samples = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/ssowb.cjs', 'serve', '--json', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).url));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const exchange = await fetch(url, { redirect: 'manual' });
  const cookie = exchange.headers.get('set-cookie').split(';')[0];
  const page = await fetch(new URL('/', url), { headers: { cookie } });
  if (page.status !== 200) throw new Error(`console answered ${page.status}`);
  samples.push(performance.now() - started);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
}
samples.sort((a, b) => a - b);
const pick = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(0);
console.log(`ssowb serve cold start → first 200 (${runs} runs): p50 ${pick(0.5)} ms, p90 ${pick(0.9)} ms, max ${pick(1)} ms`);
