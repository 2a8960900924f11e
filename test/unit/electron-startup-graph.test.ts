import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBundleOptions, staticClosure } from '../../scripts/lib/node-bundles.mjs';

// The Electron runtime cannot run here, so the promise "the main process loads no test-run, SAML or OIDC code before
// the first window is shown" (issue 14) is checked on what it would load: the built bundle's import graph (esbuild's
// metafile, the exact options of scripts/build.mjs). What the entry chunk loads at once is its static-import closure;
// the engine arrives through the one dynamic import main.ts makes after the window's `show`.
const root = join(import.meta.dirname, '..', '..');
const startupOnly = /main\/core\/(test-runs|saml|idp|connections)\/|main\/core\/engine\.ts|main\/composition\/|node_modules\/(@node-saml|openid-client|oauth4webapi|jose|@xmldom|xml-crypto|xpath|zod|@peculiar)\//;

async function graphOf(bundle: 'electronMain' | 'cli'): Promise<{ metafile: Metafile; entry: string }> {
  const options = nodeBundleOptions(root, '0.0.0-test')[bundle];
  const { metafile } = await build({ ...options, write: false, sourcemap: false, logLevel: 'silent', metafile: true });
  const entryPoint = Object.values(options.entryPoints as Record<string, string>)[0];
  const entry = Object.keys(metafile.outputs).find((file) => metafile.outputs[file]?.entryPoint === entryPoint);
  if (!entry) throw new Error(`no output for ${entryPoint}`);
  return { metafile, entry };
}

describe('start-up import graphs of the built bundles', () => {
  it('the Electron main process loads no engine, test-run, SAML or OIDC module before its first window', async () => {
    const { metafile, entry } = await graphOf('electronMain');
    const { inputs } = staticClosure(metafile, entry);
    expect([...inputs].filter((input) => startupOnly.test(input))).toEqual([]);
    // It does load what the window needs: the hardened factory, the guards and the IPC registrar.
    expect([...inputs]).toEqual(expect.arrayContaining(['main/electron/window-factory.ts', 'main/electron/window-guards.ts', 'main/electron/ipc-registrar.ts']));
    // …and the engine is still in the bundle, one dynamic import away.
    const lazy = metafile.outputs[entry]?.imports.filter((imported) => imported.kind === 'dynamic-import') ?? [];
    const loadedLater = lazy.flatMap((imported) => [...staticClosure(metafile, imported.path).inputs]);
    expect(loadedLater).toEqual(expect.arrayContaining(['main/composition/create-runtime.ts', 'main/core/test-runs/service.ts']));
  }, 60_000);

  it('the CLI entry loads commander and the command definitions only; the engine comes with the first command that needs it', async () => {
    const { metafile, entry } = await graphOf('cli');
    const { inputs } = staticClosure(metafile, entry);
    expect([...inputs].filter((input) => startupOnly.test(input))).toEqual([]);
    expect([...inputs]).toEqual(expect.arrayContaining(['main/cli/program.ts', 'main/cli/commands/connections.ts']));
  }, 60_000);
});
