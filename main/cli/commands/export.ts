import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import type { CliContext } from '../cli-context.js';
import { printError } from '../cli-io.js';

/** `ssowb export <ref> --format json [--out FILE] [--include-secrets]`. Platform formats arrive with their issue. */
export function registerExport(program: Command, context: CliContext): void {
  program
    .command('export <ref>')
    .description('Export a connection (json: the native backup format, with validation state).')
    .requiredOption('--format <format>', 'json')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--include-secrets', 'include secret values from the keychain (handle the file with care)')
    .option('--force', 'export a platform format even when the connection is not validated since its last change')
    .action(async (ref: string, options: { format: string; out?: string; includeSecrets?: boolean }) => {
      if (options.format !== 'json') {
        printError(context.io, { code: 'invalid_input', field: '--format', message: `--format: "${options.format}" is not available yet; use json.` }, context.json);
      }
      const { content } = (await context.call('connections.export', { ref, format: 'json', includeSecrets: Boolean(options.includeSecrets) })) as { content: string };
      if (options.out) await writeFile(options.out, content, { mode: options.includeSecrets ? 0o600 : 0o644 });
      else context.io.stdout(content.endsWith('\n') ? content : content + '\n');
    });
}
