import type { Command } from 'commander';
import type { ExportOutput } from '../../contract/index.js';
import { exportFormats } from '../../contract/export-formats.js';
import { writeFileAtomic } from '../atomic-file.js';
import type { CliContext } from '../cli-context.js';
import { CliExit, exitCodes, printError, printJson } from '../cli-io.js';

interface ExportOptions {
  format: string;
  out?: string;
  includeSecrets?: boolean;
  force?: boolean;
}

/**
 * `ssowb export <ref> --format arthur-yaml|clearml-env|clearml-api|json [--out FILE] [--include-secrets] [--force]`.
 * A platform format of a connection not validated since its last change is refused with exit 1 (product.md).
 */
export function registerExport(program: Command, context: CliContext): void {
  program
    .command('export <ref>')
    .description('Export a connection: arthur-yaml, clearml-env, clearml-api (validated connections only) or json (the native backup).')
    .requiredOption('--format <format>', exportFormats.join('|'))
    .option('--out <file>', 'write to a file (atomically, mode 0600) instead of stdout')
    .option('--include-secrets', 'include secret values from the keychain (handle the file with care)')
    .option('--force', 'export a platform format even when the connection is not validated since its last change (marked NOT VALIDATED)')
    .action(async (ref: string, options: ExportOptions) => {
      if (!(exportFormats as readonly string[]).includes(options.format)) {
        printError(context.io, { code: 'invalid_input', field: '--format', message: `--format: "${options.format}" is not a format; use one of ${exportFormats.join(', ')}.` }, context.json);
      }
      const runtime = await context.open();
      const result = await runtime.engine.invoke('connections.export', {
        ref,
        format: options.format,
        includeSecrets: Boolean(options.includeSecrets),
        force: Boolean(options.force),
      });
      if (!result.ok && result.error.code === 'not_validated') {
        // A check failed (the connection is not proven), not bad input: exit 1, saying why and what to run.
        context.io.stderr(`error: ${result.error.message}\n${result.error.hint ? `hint: ${result.error.hint}\n` : ''}`);
        if (context.json) context.io.stdout(JSON.stringify({ error: result.error }) + '\n');
        throw new CliExit(exitCodes.checkFailed);
      }
      if (!result.ok) printError(context.io, result.error, context.json);
      const value = result.value as ExportOutput;
      if (options.out) {
        await writeFileAtomic(options.out, value.content);
        if (context.json) printJson(context.io, { out: options.out, format: value.format, stamp: value.stamp, containsSecrets: value.containsSecrets });
        else context.io.stderr(`wrote ${options.out} (${value.format}, ${value.stamp.validated ? 'validated' : 'NOT VALIDATED'}${value.containsSecrets ? ', contains secrets' : ''})\n`);
      } else {
        context.io.stdout(value.content.endsWith('\n') ? value.content : value.content + '\n');
      }
    });
}
