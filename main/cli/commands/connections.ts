import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import type { CliContext } from '../cli-context.js';
import { printError, printJson } from '../cli-io.js';
import { inputFileCaps, readInputFile } from '../input-file.js';
import { registerConnectionsAdd } from './connections-add.js';

interface ConnectionLike {
  id: string;
  name: string;
  protocol: string;
  provider: string;
  active: boolean;
  updatedAt: string;
  lastTest?: { outcome: string; at: string } | null;
  testRedirectUri?: string;
  testAcsUrl?: string;
  spEntityId?: string;
  warnings?: Array<{ field: string; message: string }>;
}

/** One line a connection, for people; --json prints the connection objects themselves. */
export function printConnections(context: CliContext, connections: ConnectionLike[]): void {
  if (context.json) return printJson(context.io, connections);
  if (connections.length === 0) {
    context.io.stdout('No connections yet. Add one with `ssowb connections add oidc|saml …`.\n');
    return;
  }
  for (const c of connections) {
    const test = c.lastTest ? `${c.lastTest.outcome} ${c.lastTest.at}` : 'never tested';
    context.io.stdout(`${c.active ? '●' : '○'} ${c.name}  ${c.protocol.toUpperCase()}/${c.provider}  ${c.id}  ${test}\n`);
  }
}

export function printConnection(context: CliContext, c: ConnectionLike): void {
  if (context.json) return printJson(context.io, c);
  const lines = [
    `${c.name} (${c.protocol.toUpperCase()}, ${c.provider}) ${c.active ? 'active' : 'inactive'}`,
    `  id:            ${c.id}`,
    `  updated:       ${c.updatedAt}`,
  ];
  if (c.testRedirectUri) lines.push(`  test redirect: ${c.testRedirectUri}  (register it at the IdP for test runs)`);
  if (c.testAcsUrl) lines.push(`  test ACS URL:  ${c.testAcsUrl}`, `  SP entity ID:  ${c.spEntityId ?? ''}`);
  for (const w of c.warnings ?? []) lines.push(`  warning: ${w.field}: ${w.message}`);
  context.io.stdout(lines.join('\n') + '\n');
}

/** `ssowb connections …`: list, show, remove, activate, deactivate, add, import, sp-metadata. */
export function registerConnections(program: Command, context: CliContext): void {
  const connections = program.command('connections').description('Manage SSO connections.');

  connections
    .command('list')
    .description('List connections.')
    .action(async () => printConnections(context, (await context.call('connections.list', {})) as ConnectionLike[]));

  connections
    .command('show <ref>')
    .description('Show one connection (by id or name).')
    .action(async (ref: string) => printConnection(context, (await context.call('connections.get', { ref })) as ConnectionLike));

  connections
    .command('remove <ref>')
    .description('Delete a connection and its keychain items.')
    .action(async (ref: string) => {
      const removed = (await context.call('connections.remove', { ref })) as { id: string; name: string };
      if (context.json) printJson(context.io, removed);
      else context.io.stdout(`Removed ${removed.name} (${removed.id}) and its keychain items.\n`);
    });

  for (const [verb, active] of [['activate', true], ['deactivate', false]] as const) {
    connections
      .command(`${verb} <ref>`)
      .description(`${active ? 'Enable' : 'Disable'} a connection.`)
      .action(async (ref: string) => printConnection(context, (await context.call('connections.setActive', { ref, active })) as ConnectionLike));
  }

  connections
    .command('import <file>')
    .description('Create a connection from a native JSON file (`ssowb export <ref> --format json`) or an Arthur IdP YAML.')
    .option('--replace', 'overwrite the existing connection with the same id or name (otherwise a clash is refused)')
    .option('--name <name>', 'display name for an Arthur YAML (default: from its header, else the IdP host)')
    .option('--client-secret-env <var>', 'read the OIDC client secret from this environment variable (when the file has none)')
    .action(async (file: string, options: { replace?: boolean; name?: string; clientSecretEnv?: string }) => {
      const content = await readInputFile(context, '<file>', file, inputFileCaps.connectionFile);
      const clientSecret = options.clientSecretEnv ? process.env[options.clientSecretEnv] : undefined;
      if (options.clientSecretEnv && !clientSecret) {
        printError(context.io, { code: 'invalid_input', field: '--client-secret-env', message: `--client-secret-env: the environment variable ${options.clientSecretEnv} is not set or empty.` }, context.json);
      }
      const input = { content, replace: Boolean(options.replace), ...(options.name ? { name: options.name } : {}), ...(clientSecret ? { clientSecret } : {}) };
      printConnection(context, (await context.call('connections.import', input)) as ConnectionLike);
    });

  connections
    .command('sp-metadata <ref>')
    .description('SP metadata XML for the IdP to import (entity ID, test ACS URL, signing certificate).')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (ref: string, options: { out?: string }) => {
      const { xml } = (await context.call('connections.spMetadata', { ref })) as { xml: string };
      if (options.out) await writeFile(options.out, xml);
      else context.io.stdout(xml.endsWith('\n') ? xml : xml + '\n');
    });

  registerConnectionsAdd(connections, context);
}
