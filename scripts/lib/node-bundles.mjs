// The esbuild options of the Node bundles (CLI, Electron main, keychain worker), shared by scripts/build.mjs and the
// unit test that checks what the Electron main process loads before its first window (test/unit/electron-startup-graph).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Packages that stay outside the bundles: native modules (their .node binaries are found next to their JS), Electron
 * itself, and esbuild/vite (build tools). Everything else the CLI and the Electron main use is pure JS and bundled, so
 * start-up reads a few files instead of walking hundreds in node_modules (issue 14).
 */
export const externalPackages = [
  'better-sqlite3',
  'keytar',
  'electron',
  'esbuild',
  'vite',
  // Its CommonJS build loses its exports when bundled (the key generator comes out undefined); it is only loaded
  // to generate a signing key, so it stays in node_modules.
  '@peculiar/x509',
];

/** Licences that allow shipping a package's code inside our bundle (with its notice, see dist/main/LICENSES.txt). */
export const bundleableLicences = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'Unlicense']);

export function nodeBundleOptions(root, version) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: externalPackages,
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    // Lazy `import()`s (per CLI command, the Electron engine) become chunks loaded on first use.
    splitting: true,
    define: { __SSOWB_VERSION__: JSON.stringify(version) },
    // ESM bundles of CommonJS-era code may still ask for require().
    banner: { js: "import { createRequire as __ssowbCreateRequire } from 'node:module'; const require = __ssowbCreateRequire(import.meta.url);" },
    outExtension: { '.js': '.mjs' },
    outdir: 'dist/main',
  };
  return {
    cli: {
      ...common,
      // The CLI bundles better-sqlite3's JavaScript too (its native addon stays external): see bundledSqlite.
      external: externalPackages.filter((name) => name !== 'better-sqlite3'),
      plugins: [bundledSqlite(root)],
      entryPoints: { cli: 'main/cli/main.ts' },
      chunkNames: 'chunks/cli-[name]-[hash]',
    },
    keytarWorker: { ...common, splitting: false, entryPoints: { 'keytar-worker': 'main/adapters/keychain/keytar-worker.ts' } },
    electronMain: { ...common, entryPoints: { 'electron-main': 'main/electron/main.ts' }, chunkNames: 'chunks/electron-[name]-[hash]' },
  };
}

/**
 * `better-sqlite3` → scripts/lib/better-sqlite3-bundled.cjs: its 14 CommonJS files come inside the bundle instead of
 * being resolved and compiled one by one at every start (issue 14); the addon (`.node`) is loaded by path at run time.
 */
function bundledSqlite(root) {
  const shim = join(root, 'scripts', 'lib', 'better-sqlite3-bundled.cjs');
  return {
    name: 'bundled-better-sqlite3',
    setup(build) {
      build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: shim }));
    },
  };
}

/** The npm package a bundled input file belongs to (`node_modules/@scope/name/…` → `@scope/name`), or undefined. */
export function packageOf(input) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/**
 * The licence of every package bundled into `metafile`'s outputs; throws naming any whose licence is not known to
 * allow it (build fails rather than ship code we may not). Returns `[{ name, version, license }]`, sorted.
 */
export function bundledPackages(root, metafiles) {
  const found = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const name = packageOf(input);
      if (!name || found.has(name)) continue;
      const dir = input.slice(0, input.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}`.length);
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const license = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type ?? 'UNKNOWN';
      found.set(name, { name, version: manifest.version, license, dir });
    }
  }
  const refused = [...found.values()].filter((p) => !p.license.replace(/[()]/g, '').split(/ OR /).some((l) => bundleableLicences.has(l.trim())));
  if (refused.length > 0) {
    throw new Error(`These packages cannot be bundled under their licence: ${refused.map((p) => `${p.name}@${p.version} (${p.license})`).join(', ')}. Add them to externalPackages in scripts/lib/node-bundles.mjs.`);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The bundled inputs a chunk loads at once: itself and its static imports, transitively (dynamic imports excluded). */
export function staticClosure(metafile, output) {
  const seen = new Set();
  const inputs = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const meta = metafile.outputs[file];
    if (!meta) return;
    Object.keys(meta.inputs).forEach((input) => inputs.add(input));
    for (const imported of meta.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(output);
  return { outputs: seen, inputs };
}
