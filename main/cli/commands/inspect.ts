import type { Command } from 'commander';
import type { Report } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { printError } from '../cli-io.js';
import { inputFileCaps, readInputFile } from '../input-file.js';
import { finishWithReport } from './test.js';

interface InspectOptions {
  idToken?: string;
  accessToken?: string;
  samlResponse?: string;
}

async function readTokenFile(context: CliContext, option: string, file: string): Promise<string> {
  return (await readInputFile(context, option, file, inputFileCaps.token)).trim();
}

/**
 * `ssowb inspect <id|name> (--id-token FILE | --access-token FILE | --saml-response FILE) [--json]` (product.md): the
 * offline path, with the same checks, mapping and resolution as a live run. Exit 0 passed, 1 failed, 2 bad input.
 */
export function registerInspect(program: Command, context: CliContext): void {
  program
    .command('inspect <ref>')
    .description('Check a captured token or SAML Response offline with the connection’s rules (no login).')
    .option('--id-token <file>', 'file holding an ID token (compact JWT)')
    .option('--access-token <file>', 'file holding a JWT access token')
    .option('--saml-response <file>', 'file holding a SAML Response (base64 or XML)')
    .action(async (ref: string, options: InspectOptions) => {
      const given = (['idToken', 'accessToken', 'samlResponse'] as const).filter((key) => options[key] !== undefined);
      if (given.length !== 1) {
        printError(context.io, { code: 'invalid_input', field: '--id-token', message: 'inspect: give exactly one of --id-token FILE, --access-token FILE or --saml-response FILE.' }, context.json);
      }
      // The engine decides whether the file holds base64 or XML, and refuses a protocol that does not fit the connection.
      const input =
        options.samlResponse !== undefined
          ? { ref, samlResponse: await readTokenFile(context, '--saml-response', options.samlResponse) }
          : options.idToken !== undefined
            ? { ref, idToken: await readTokenFile(context, '--id-token', options.idToken) }
            : { ref, accessToken: await readTokenFile(context, '--access-token', options.accessToken as string) };
      const report = (await context.call('tests.inspect', input)) as Report;
      finishWithReport(context, report, 'document');
    });
}
