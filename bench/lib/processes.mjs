// Whole-process timing for the start-up benchmarks: spawn, wait for what the user waits for, measure wall time.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Runs `node args…` to its exit; resolves with the wall time in ms (rejects on a non-zero exit). */
export function timeProcess(args, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const elapsed = performance.now() - started;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

/**
 * Starts a server process that prints `{"url": …}` as its first stdout line, then makes the browser's first two
 * requests (GET the URL, which answers with a session cookie, then GET / with it) and resolves with process start →
 * the 200 of the page, in ms. The process is stopped (SIGTERM) before it resolves.
 */
export async function timeFirstPage(args, { env, cwd } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).url));
      child.once('exit', (code) => reject(new Error(`node ${args.join(' ')} exited ${code} before printing its URL`)));
    });
    const exchange = await fetch(url, { redirect: 'manual' });
    const cookie = (exchange.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await fetch(new URL('/', url), { headers: { cookie } });
    await page.arrayBuffer();
    if (page.status !== 200) throw new Error(`${args.join(' ')}: the page answered ${page.status}`);
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Runs every measurement `rounds` times, interleaved (a round runs each once, in an order that rotates per round, so
 * drift and other load hit all alike), after `warmup` untimed rounds. Resolves with { name: [ms…] }.
 */
export async function interleave(measurements, { rounds, warmup = 1 }) {
  const names = Object.keys(measurements);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const elapsed = await measurements[name]();
      if (round >= warmup) samples[name].push(elapsed);
    }
  }
  return samples;
}
