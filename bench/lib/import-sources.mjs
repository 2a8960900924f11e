// The benchmarks need no prior build: each bundles the TypeScript sources it measures with esbuild into .cache/
// (inside the checkout, git-ignored, so the bundle's bare imports resolve from node_modules) and imports that.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles `contents` (TypeScript exports relative to the checkout) and imports it. */
export async function importSources(contents, label) {
  mkdirSync(join(root, '.cache'), { recursive: true });
  const outdir = mkdtempSync(join(root, '.cache', `bench-${label}-`));
  try {
    await build({
      stdin: { contents, resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: join(outdir, 'bench.mjs'),
      logLevel: 'warning',
    });
    return await import(pathToFileURL(join(outdir, 'bench.mjs')).href);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
