import type { Command } from 'commander';
import type { RehearsalStatus } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { parsePort } from '../parse-options.js';

/**
 * `ssowb engine [--port N] [--json]`: the loopback RBAC engine (Arthur-compatible API over the workbench's store) on
 * 127.0.0.1 until SIGINT/SIGTERM. The admin token is made here (so it can be printed) and remembered in the keychain.
 */
export function registerEngine(program: Command, context: CliContext): void {
  program
    .command('engine')
    .description('Serve the Arthur-compatible RBAC engine on 127.0.0.1 (prints its URL and admin token).')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort('--port'))
    .action(async (options: { port?: number }) => {
      const { randomBytes } = await import('node:crypto');
      const adminToken = randomBytes(32).toString('base64url');
      const status = (await context.call('rehearsal.start', { port: options.port ?? 0, adminToken })) as RehearsalStatus;
      context.io.stdout(
        context.json
          ? JSON.stringify({ url: status.url, adminToken }) + '\n'
          : `SSO Workbench RBAC engine: ${status.url}\nadmin token: ${adminToken}\n(Authorization: Bearer <admin token> manages roles and organizations; Ctrl-C stops it.)\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await context.call('rehearsal.stop', {});
    });
}
