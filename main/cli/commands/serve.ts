import type { Command } from 'commander';
import { rendererDir } from '../build-info.js';
import type { CliContext } from '../cli-context.js';
import { parsePort } from '../parse-options.js';

/** `ssowb serve [--port N] [--json]`: browser mode on 127.0.0.1 until SIGINT/SIGTERM. */
export function registerServe(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Serve the console in your browser (127.0.0.1 only; the printed URL carries a one-time token).')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort('--port'))
    .action(async (options: { port?: number }) => {
      const runtime = await context.open('browser');
      const { startWebBridge } = await import('../../bridge/web-bridge.js');
      const bridge = await startWebBridge({ engine: runtime.engine, staticDir: rendererDir, port: options.port ?? 0 });
      // The loopback RBAC engine runs beside the console (the "local rehearsal target"); a failure is only warned about.
      const rehearsal = await runtime.engine.invoke('rehearsal.start', {});
      if (!rehearsal.ok) context.io.stderr(`warning: the RBAC rehearsal engine did not start: ${rehearsal.error.message}\n`);
      context.io.stdout(context.json ? JSON.stringify({ url: bridge.url }) + '\n' : `SSO Workbench: ${bridge.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await bridge.close();
    });
}
