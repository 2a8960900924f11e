#!/usr/bin/env node
// `npm start`: the desktop app when the Electron runtime can be had; otherwise browser mode, with one line saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

if (!existsSync(join(root, 'dist/main/cli.mjs')) || !existsSync(join(root, 'dist/renderer/index.html'))) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** The Electron binary's path, downloading it once if needed; or the reason it cannot be had. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const binaryPath = () => {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(binary) ? binary : undefined;
  };
  if (binaryPath()) return { path: binaryPath() };
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 180_000 });
  if (install.status === 0 && binaryPath()) return { path: binaryPath() };
  const cause = `${install.stderr ?? ''}${install.error?.message ?? ''}`.split('\n').find((line) => /error|fail|ENOTFOUND|EAI_AGAIN|ECONN/i.test(line));
  return { reason: `its download failed${cause ? ` (${cause.trim().slice(0, 120)})` : ''}` };
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = hasDisplay ? electronBinary() : { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };

const forward = (child) => {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (electron.path) {
  forward(spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' }));
} else {
  console.log(`Electron runtime unavailable: ${electron.reason}; starting SSO Workbench in browser mode instead.`);
  forward(spawn(process.execPath, [join(root, 'bin/ssowb.cjs'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' }));
}
