#!/usr/bin/env node
// Builds everything the app runs from: the Node bundles (CLI, Electron main, keychain worker), the preload
// (CommonJS: sandboxed preloads cannot be ES modules) and the renderer (Vite). Runs on `npm install` (prepare).
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const quiet = process.argv.includes('--quiet');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { __SSOWB_VERSION__: JSON.stringify(version) },
  // ESM bundles of CommonJS-era code may still ask for require().
  banner: { js: "import { createRequire as __ssowbCreateRequire } from 'node:module'; const require = __ssowbCreateRequire(import.meta.url);" },
};

const started = performance.now();
await Promise.all([
  esbuild({ ...node, entryPoints: { cli: 'main/cli/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.mjs' } }),
  esbuild({ ...node, entryPoints: { 'keytar-worker': 'main/adapters/keychain/keytar-worker.ts' }, outdir: 'dist/main', outExtension: { '.js': '.mjs' } }),
  esbuild({ ...node, entryPoints: { 'electron-main': 'main/electron/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.mjs' } }),
  esbuild({
    ...node,
    banner: {},
    format: 'cjs',
    packages: undefined,
    external: ['electron'],
    minify: true,
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
  }),
]);

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
if (!quiet) console.log(`built SSO Workbench ${version} in ${Math.round(performance.now() - started)} ms`);
