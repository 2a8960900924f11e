#!/usr/bin/env node
// Browser mode's cold start (issue 14): `ssowb serve --json` on a fresh data dir, process start → the console page's
// first 200 (the launch token exchanged for the session cookie, then GET /), against a bare node:http server doing
// the same (prints its URL, answers the token with a cookie, then serves the built index.html from disk). Both are
// whole `node` processes, interleaved, N rounds (default 9). Needs the build (npm run bench builds first).
//
//   node bench/serve-cold-start.mjs [rounds=9]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitFigure, median, quantile, size } from './lib/figures.mjs';
import { interleave, timeFirstPage } from './lib/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? size(9, 1));

// The anchor: what any Node web app must do to serve this page from a fresh process.
const bareServer = `
const { createServer } = require('node:http');
const { readFile } = require('node:fs/promises');
const { randomBytes } = require('node:crypto');
const token = randomBytes(16).toString('hex');
const server = createServer(async (req, res) => {
  if (req.url.startsWith('/?token=')) return res.writeHead(302, { location: '/', 'set-cookie': 's=' + token + '; HttpOnly' }).end();
  const page = await readFile(${JSON.stringify(join(root, 'dist', 'renderer', 'index.html'))});
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port + '/?token=' + token })));
`;

const dirs = [];
const samples = await interleave(
  {
    ours: () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ssowb-bench-serve-'));
      dirs.push(dataDir);
      return timeFirstPage(['bin/ssowb.cjs', 'serve', '--json', '--data-dir', dataDir], { cwd: root });
    },
    bare: () => timeFirstPage(['-e', bareServer], { cwd: root }),
  },
  { rounds, warmup: size(1, 0) },
);
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });

const ours = median(samples.ours);
const anchor = median(samples.bare);
console.log(`ssowb serve → first 200: p50 ${ours.toFixed(0)} ms, p90 ${quantile(samples.ours, 0.9).toFixed(0)} ms; bare node:http: p50 ${anchor.toFixed(0)} ms (${rounds} rounds, interleaved)`);
emitFigure({ figure: 'ssowb serve start → first 200 (p50)', ours, anchor, goal: '≤ 3× bare node:http', met: ours / anchor <= 3 });
