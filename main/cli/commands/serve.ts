import type { Command } from 'commander';
import type { Engine } from '../../core/engine.js';
import { rendererDir } from '../build-info.js';
import type { CliContext } from '../cli-context.js';
import { parsePort } from '../parse-options.js';

/** How long after start the rehearsal engine starts at the latest, when no page has asked for the engine yet. */
const rehearsalGraceMs = 1000;

/** `ssowb serve [--port N] [--json]`: browser mode on 127.0.0.1 until SIGINT/SIGTERM. */
export function registerServe(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Serve the console in your browser (127.0.0.1 only; the printed URL carries a one-time token).')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort('--port'))
    .action(async (options: { port?: number }) => {
      // The store opens before the URL is printed (an unusable data directory fails here, exit 2); the engine's
      // handler groups load on first use, so this is cheap.
      let warm = () => {};
      const warmed = new Promise<void>((resolve) => (warm = resolve));
      const runtime = await context.open('browser', { backgroundAfter: warmed });
      const { startWebBridge } = await import('../../bridge/web-bridge.js');
      // The loopback RBAC engine runs beside the console (the "local rehearsal target"); a failure is only warned
      // about. It starts once the console first calls the engine (or after a grace period), so the console's page is
      // served first (issue 14); every call waits until it has started, as when it started before the URL was printed.
      let rehearsal: Promise<void> | undefined;
      // The keychain reconcile (a worker process) waits for the same moment.
      const startRehearsal = () => {
        warm();
        return (rehearsal ??= runtime.engine.invoke('rehearsal.start', {}).then((started) => {
          if (!started.ok) context.io.stderr(`warning: the RBAC rehearsal engine did not start: ${started.error.message}\n`);
        }));
      };
      const engine: Engine = {
        invoke: async (name, input) => {
          await startRehearsal();
          return runtime.engine.invoke(name, input);
        },
        subscribe: (listener) => {
          void startRehearsal();
          return runtime.engine.subscribe(listener);
        },
        close: () => runtime.engine.close(),
      };
      const bridge = await startWebBridge({ engine, staticDir: rendererDir, port: options.port ?? 0 });
      const grace = setTimeout(() => void startRehearsal(), rehearsalGraceMs);
      context.io.stdout(context.json ? JSON.stringify({ url: bridge.url }) + '\n' : `SSO Workbench: ${bridge.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      clearTimeout(grace);
      await rehearsal;
      await bridge.close();
    });
}
