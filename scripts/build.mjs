#!/usr/bin/env node
// Builds everything the app runs from: the Node bundles (CLI, Electron main, keychain worker: pure-JS dependencies
// bundled, native modules external, lazy imports split into chunks), the preload (CommonJS: sandboxed preloads cannot
// be ES modules) and the renderer (Vite). Runs on `npm install` (prepare). Also writes dist/main/LICENSES.txt: the
// notices of the packages bundled, after checking that their licences allow it.
import { build as esbuild } from 'esbuild';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { bundledPackages, nodeBundleOptions } from './lib/node-bundles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const quiet = process.argv.includes('--quiet');

const started = performance.now();
// Chunk names carry content hashes: clear the old ones so dist/main holds exactly this build.
rmSync(join(root, 'dist', 'main'), { recursive: true, force: true });
const bundles = nodeBundleOptions(root, version);
const results = await Promise.all([
  esbuild(bundles.cli),
  esbuild(bundles.keytarWorker),
  esbuild(bundles.electronMain),
  esbuild({
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    absWorkingDir: root,
    format: 'cjs',
    external: ['electron'],
    minify: true,
    sourcemap: 'linked',
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
  }),
]);
const packages = bundledPackages(root, results.slice(0, 3).map((result) => result.metafile));
writeFileSync(
  join(root, 'dist', 'main', 'LICENSES.txt'),
  packages
    .map((p) => {
      const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE'].map((name) => join(root, p.dir, name)).find((path) => existsSync(path));
      return `${p.name}@${p.version} (${p.license})\n${file ? readFileSync(file, 'utf8').trim() : ''}\n`;
    })
    .join('\n'),
);

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
if (!quiet) console.log(`built SSO Workbench ${version} in ${Math.round(performance.now() - started)} ms (${packages.length} packages bundled: ${packages.map((p) => p.name).join(', ')})`);
