#!/usr/bin/env node
// Runs every benchmark in bench/ (after a build) and prints their figures.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
for (const file of readdirSync('bench').filter((f) => f.endsWith('.mjs')).sort()) {
  const result = spawnSync(process.execPath, [`bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
