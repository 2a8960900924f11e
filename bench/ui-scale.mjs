#!/usr/bin/env node
/* global document -- the page.evaluate callbacks run in Chromium */
// The console at scale in Chromium (issue 14): `ssowb serve` on a data directory with 10,000 connections and 100,000
// test runs, Debian's Chromium (Playwright, /usr/bin/chromium as the e2e tests use) on the console. Measured, p50 over
// N rounds, each from the user's action until the table shows the answer:
// - filter: typing a connection's name into the Connections search → the table shows only it (includes the
//   search box's 200 ms debounce);
// - next page: the pager's "Page 2" on the full Connections list → the table shows rows 51–100;
// - History: opening #/history → its first page of runs is on screen.
// Anchor: the very same actions on a store of 120 connections and 500 runs, same browser, same run (the ratio is what
// the size costs). Needs the build (npm run bench builds first).
//
//   node bench/ui-scale.mjs [rounds=5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { emitFigure, median, size } from './lib/figures.mjs';
import { loadEngine, seedStore } from './lib/seed-store.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? size(5, 1));
const lib = await loadEngine();
const stores = {
  large: { connections: size(10_000, 120), runs: size(100_000, 300) },
  small: { connections: 120, runs: 500 },
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

async function measure({ connections, runs }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-ui-'));
  await seedStore(lib, dataDir, { connections, runs, runsOver: Math.min(1000, connections) });
  const server = spawn(process.execPath, ['bin/ssowb.cjs', 'serve', '--json', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', (line) => resolve(JSON.parse(line).url));
    server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  const rows = page.getByTestId('connection-row');
  await rows.first().waitFor();
  const origin = new URL(url).origin;
  const times = { filter: [], page: [], history: [] };
  for (let round = 0; round < rounds; round++) {
    const name = `Connection ${String((round * 37 + 11) % connections).padStart(5, '0')}`;
    let t0 = performance.now();
    await page.getByLabel('Search connections').fill(name);
    await page.waitForFunction((wanted) => {
      const shown = document.querySelectorAll('[data-testid="connection-row"]');
      return shown.length === 1 && shown[0].textContent.includes(wanted);
    }, name);
    times.filter.push(performance.now() - t0);
    await page.getByLabel('Search connections').fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="connection-row"]').length === 50);
    t0 = performance.now();
    await page.getByRole('button', { name: 'Page 2', exact: true }).click();
    await page.getByTestId('table-range').filter({ hasText: /^51–100 of/ }).waitFor();
    await rows.first().waitFor();
    times.page.push(performance.now() - t0);
    await page.getByRole('button', { name: 'Page 1', exact: true }).click();
    t0 = performance.now();
    await page.goto(`${origin}/#/history`);
    await page.getByTestId('history-row').first().waitFor();
    times.history.push(performance.now() - t0);
    await page.goto(`${origin}/#/connections`);
    await rows.first().waitFor();
  }
  await page.close();
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

const small = await measure(stores.small);
const large = await measure(stores.large);
const { connections, runs } = stores.large;
console.log(`small store: ${JSON.stringify(small)}; large store: ${JSON.stringify(large)} (ms, p50 of ${rounds})`);
emitFigure({ figure: `Chromium: filter ${connections} connections (p50)`, ours: large.filter, anchor: small.filter, goal: '≤ 2× the 120-connection store', met: large.filter / small.filter <= 2 });
emitFigure({ figure: `Chromium: next page of ${connections} connections (p50)`, ours: large.page, anchor: small.page, goal: '≤ 2× the 120-connection store', met: large.page / small.page <= 2 });
emitFigure({ figure: `Chromium: open History, ${runs} runs (p50)`, ours: large.history, anchor: small.history, goal: '≤ 2× the 500-run store', met: large.history / small.history <= 2 });
await browser.close();
