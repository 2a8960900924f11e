import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBundleOptions, staticClosure } from '../../scripts/lib/node-bundles.mjs';

// The Electron runtime cannot run here, so the promise "the main process loads no test-run, SAML or OIDC code before
// the first window is shown" (issue 14) is checked on what it would load: the built bundle's import graph (esbuild's
// metafile, the exact options of scripts/build.mjs). What the entry chunk loads at once is its static-import closure;
// the engine arrives through the one dynamic import main.ts makes after the window's `show`, and the engine itself
// imports each handler group and its schemas on the first call of one of its operations.
const root = join(import.meta.dirname, '..', '..');
const startupOnly = /main\/core\/(test-runs|saml|idp|connections)\/|main\/core\/engine\.ts|main\/composition\/|node_modules\/(@node-saml|openid-client|oauth4webapi|jose|@xmldom|xml-crypto|xpath|zod|@peculiar)\//;
/** Code the engine itself must not load before an operation asks: every handler group, every schema (zod), every protocol library. */
const groupCode =
  /main\/core\/(test-runs|saml|idp|connections|rbac|targets|rehearsal|export)\/|main\/contract\/(operations\/|schemas\/(?!name-text\.ts))|main\/adapters\/(http|loopback|rbac-server)\/|node_modules\/(@node-saml|openid-client|oauth4webapi|jose|@xmldom|xml-crypto|xpath|zod|yaml|@peculiar)\//;
/** What `connections list` must not load: test runs, SAML/OIDC, RBAC, targets and pushes, import/export formats. */
const notForListing =
  /main\/core\/(test-runs|saml|idp|rbac|targets|rehearsal|export)\/|main\/contract\/(operations\/(test-runs|rbac|targets)|schemas\/(report|test-run|rbac|rbac-catalogue|targets))\.ts|node_modules\/(@node-saml|openid-client|oauth4webapi|jose|@xmldom|xml-crypto|xpath|yaml|@peculiar)\//;

type Bundle = 'electronMain' | 'cli';
const graphs = new Map<Bundle, Promise<{ metafile: Metafile; entry: string }>>();

function graphOf(bundle: Bundle): Promise<{ metafile: Metafile; entry: string }> {
  let graph = graphs.get(bundle);
  if (!graph) {
    graph = (async () => {
      const options = nodeBundleOptions(root, '0.0.0-test')[bundle];
      const { metafile } = await build({ ...options, write: false, sourcemap: false, logLevel: 'silent', metafile: true });
      const entryPoint = Object.values(options.entryPoints as Record<string, string>)[0];
      const entry = Object.keys(metafile.outputs).find((file) => metafile.outputs[file]?.entryPoint === entryPoint);
      if (!entry) throw new Error(`no output for ${entryPoint}`);
      return { metafile, entry };
    })();
    graphs.set(bundle, graph);
  }
  return graph;
}

/** What loading the module `input` (a dynamic-import target) loads at once: its chunk and that chunk's static imports. */
function loadedWith(metafile: Metafile, input: string): string[] {
  const chunk = Object.keys(metafile.outputs).find((file) => Object.hasOwn(metafile.outputs[file]?.inputs ?? {}, input));
  if (!chunk) throw new Error(`${input} is in no chunk`);
  return [...staticClosure(metafile, chunk).inputs];
}

/** Everything reachable from `output` through static and dynamic imports. */
function reachable(metafile: Metafile, output: string): Set<string> {
  const seen = new Set<string>();
  const inputs = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    Object.keys(metafile.outputs[file]?.inputs ?? {}).forEach((input) => inputs.add(input));
    for (const imported of metafile.outputs[file]?.imports ?? []) if (!imported.external) visit(imported.path);
  };
  visit(output);
  return inputs;
}

describe('start-up import graphs of the built bundles', () => {
  it('the Electron main process loads no engine, test-run, SAML or OIDC module before its first window', async () => {
    const { metafile, entry } = await graphOf('electronMain');
    const { inputs } = staticClosure(metafile, entry);
    expect([...inputs].filter((input) => startupOnly.test(input))).toEqual([]);
    // It does load what the window needs: the hardened factory, the guards and the IPC registrar.
    expect([...inputs]).toEqual(expect.arrayContaining(['main/electron/window-factory.ts', 'main/electron/window-guards.ts', 'main/electron/ipc-registrar.ts']));
    // …and the engine is still in the bundle, one dynamic import away, its groups further dynamic imports away.
    const lazy = metafile.outputs[entry]?.imports.filter((imported) => imported.kind === 'dynamic-import') ?? [];
    const loadedLater = lazy.flatMap((imported) => [...staticClosure(metafile, imported.path).inputs]);
    expect(loadedLater).toEqual(expect.arrayContaining(['main/composition/create-runtime.ts', 'main/core/engine.ts']));
    expect([...reachable(metafile, entry)]).toEqual(expect.arrayContaining(['main/core/test-runs/service.ts', 'main/core/test-runs/handlers.ts']));
  }, 60_000);

  it('the CLI entry loads commander and the command definitions only; the engine comes with the first command that needs it', async () => {
    const { metafile, entry } = await graphOf('cli');
    const { inputs } = staticClosure(metafile, entry);
    expect([...inputs].filter((input) => startupOnly.test(input))).toEqual([]);
    expect([...inputs]).toEqual(expect.arrayContaining(['main/cli/program.ts', 'main/cli/commands/connections.ts']));
  }, 60_000);

  for (const bundle of ['cli', 'electronMain'] as const) {
    it(`${bundle}: the engine loads no handler group, schema or protocol library until an operation asks for it`, async () => {
      const { metafile } = await graphOf(bundle);
      const engine = loadedWith(metafile, 'main/composition/create-runtime.ts');
      expect(engine).toEqual(expect.arrayContaining(['main/core/engine.ts', 'main/contract/registry.ts', 'main/adapters/sqlite-store/index.ts']));
      expect(engine.filter((input) => groupCode.test(input))).toEqual([]);
    }, 60_000);

    it(`${bundle}: listing connections loads the connection handlers and schemas, no test-run, SAML/OIDC, RBAC, push or YAML code`, async () => {
      const { metafile } = await graphOf(bundle);
      const listing = [...loadedWith(metafile, 'main/core/connections/handlers.ts'), ...loadedWith(metafile, 'main/contract/operations/connections.ts')];
      expect(listing).toEqual(expect.arrayContaining(['main/core/connections/handlers-crud.ts', 'main/contract/schemas/connection.ts']));
      expect(listing.filter((input) => notForListing.test(input))).toEqual([]);
    }, 60_000);
  }
});
