import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import type { CliContext } from '../cli-context.js';
import { inputFileCaps, readInputFile } from '../input-file.js';
import { secretFromEnvFlag } from '../option-values.js';
import { printConnection, printConnections, printRemoved } from '../printers/connection-printer.js';
import { registerConnectionsAdd } from './connections-add.js';
import { registerConnectionsUpdate } from './connections-update.js';

/** `ssowb connections …`: list, show, remove, activate, deactivate, add, update, import, sp-metadata. */
export function registerConnections(program: Command, context: CliContext): void {
  const connections = program.command('connections').description('Manage SSO connections.');

  connections
    .command('list')
    .description('List connections.')
    .action(async () => printConnections(context, await context.call('connections.list', {})));

  connections
    .command('show <ref>')
    .description('Show one connection (by id or name).')
    .action(async (ref: string) => printConnection(context, await context.call('connections.get', { ref })));

  connections
    .command('remove <ref>')
    .description('Delete a connection and its keychain items.')
    .action(async (ref: string) => {
      printRemoved(context, await context.call('connections.remove', { ref }));
    });

  for (const [verb, active] of [['activate', true], ['deactivate', false]] as const) {
    connections
      .command(`${verb} <ref>`)
      .description(`${active ? 'Enable' : 'Disable'} a connection.`)
      .action(async (ref: string) => printConnection(context, await context.call('connections.setActive', { ref, active })));
  }

  connections
    .command('import <file>')
    .description('Create a connection from a native JSON file (`ssowb export <ref> --format json`) or an Arthur IdP YAML.')
    .option('--replace', 'overwrite the existing connection with the same id or name (otherwise a clash is refused)')
    .option('--name <name>', 'display name for an Arthur YAML (default: from its header, else the IdP host)')
    .option('--client-secret-env <var>', 'read the OIDC client secret from this environment variable (when the file has none)')
    .action(async (file: string, options: { replace?: boolean; name?: string; clientSecretEnv?: string }) => {
      const content = await readInputFile(context, '<file>', file, inputFileCaps.connectionFile);
      const clientSecret = secretFromEnvFlag(context, '--client-secret-env', options.clientSecretEnv);
      const input = { content, replace: Boolean(options.replace), ...(options.name ? { name: options.name } : {}), ...(clientSecret ? { clientSecret } : {}) };
      printConnection(context, await context.call('connections.import', input));
    });

  connections
    .command('sp-metadata <ref>')
    .description('SP metadata XML for the IdP to import (entity ID, test ACS URL, signing certificate).')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (ref: string, options: { out?: string }) => {
      const { xml } = await context.call('connections.spMetadata', { ref });
      if (options.out) await writeFile(options.out, xml);
      else context.io.stdout(xml.endsWith('\n') ? xml : xml + '\n');
    });

  registerConnectionsAdd(connections, context);
  registerConnectionsUpdate(connections, context);
}
