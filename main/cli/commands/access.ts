import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { AccessDecision, OperationInput } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { CliExit, exitCodes, printError, printJson } from '../cli-io.js';

interface AccessOptions {
  claims?: string;
  idToken?: string;
  accessToken?: string;
  samlResponse?: string;
  permission: string;
  org?: string;
  sessionOrg?: string;
}

const SOURCES = [
  ['claims', '--claims'],
  ['idToken', '--id-token'],
  ['accessToken', '--access-token'],
  ['samlResponse', '--saml-response'],
] as const;

async function readSource(context: CliContext, option: string, file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    return printError(context.io, { code: 'invalid_input', field: option, message: `${option}: cannot read ${file} (${(error as Error).message}).` }, context.json);
  }
}

const HEAD: Record<AccessDecision['decision'], string> = { allowed: 'ALLOWED', denied: 'DENIED', not_found: 'NOT FOUND (404)', undetermined: 'UNDETERMINED' };

/**
 * `ssowb access <id|name> (--claims FILE | --id-token FILE | --access-token FILE | --saml-response FILE)
 * --permission RESOURCE:ACTION [--org ORG] [--json]` (product.md): would this login get the permission, where, and why.
 * Prints `{"allowed", "decision", "organization", "explanation", …}` with --json. Exit 0 allowed, 1 not, 2 bad input.
 */
export function registerAccess(program: Command, context: CliContext): void {
  program
    .command('access <ref>')
    .description('Decide a permission for a login (claims, token or SAML Response) with the roles modelled here, and explain it.')
    .option('--claims <file>', 'file holding the claims as JSON (groups read through the connection\'s claim path)')
    .option('--id-token <file>', 'file holding an ID token (checked as `ssowb inspect` does)')
    .option('--access-token <file>', 'file holding a JWT access token')
    .option('--saml-response <file>', 'file holding a SAML Response (base64 or XML)')
    .requiredOption('--permission <resource:action>', 'the permission, e.g. model:read')
    .option('--org <org>', 'organization id or name, as the Arthur-Organization-ID header would carry it')
    .option('--session-org <org>', 'organization of an _arthur_session (used when --org is not given)')
    .action(async (ref: string, options: AccessOptions) => {
      const given = SOURCES.filter(([key]) => options[key] !== undefined);
      if (given.length !== 1) {
        printError(context.io, { code: 'invalid_input', field: '--claims', message: 'access: give exactly one of --claims FILE, --id-token FILE, --access-token FILE or --saml-response FILE.' }, context.json);
      }
      const match = /^([a-z_]+):([a-z_]+)$/.exec(options.permission.trim());
      if (!match) {
        printError(context.io, { code: 'invalid_input', field: '--permission', message: `--permission: "${options.permission}" is not resource:action (e.g. model:read).` }, context.json);
      }
      const [key, option] = given[0] as (typeof SOURCES)[number];
      const text = await readSource(context, option, options[key] as string);
      let source: OperationInput<'access.check'>['source'];
      if (key === 'claims') {
        let claims: unknown;
        try {
          claims = JSON.parse(text);
        } catch (error) {
          return printError(context.io, { code: 'invalid_input', field: '--claims', message: `--claims: not valid JSON (${(error as Error).message}).` }, context.json);
        }
        if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
          return printError(context.io, { code: 'invalid_input', field: '--claims', message: '--claims: the file must hold one JSON object of claims, e.g. {"sub": "alice", "groups": ["ml-engineers"]}.' }, context.json);
        }
        source = { kind: 'claims', claims: Object.fromEntries(Object.entries(claims)) };
      } else if (key === 'samlResponse') source = { kind: 'samlResponse', response: text };
      else source = { kind: key, token: text };
      const decision = (await context.call('access.check', {
        ref,
        source,
        permission: { resource: match?.[1] ?? '', action: match?.[2] ?? '' },
        ...(options.org !== undefined ? { organization: options.org } : {}),
        ...(options.sessionOrg !== undefined ? { sessionOrganization: options.sessionOrg } : {}),
      })) as AccessDecision;
      if (context.json) printJson(context.io, decision);
      else {
        const where = decision.organization ? ` in ${decision.organization.name} (${decision.organization.id})` : '';
        const lines = [`${HEAD[decision.decision]}  ${options.permission.trim()}${where}`, ...decision.explanation.map((line) => `  ${line}`)];
        for (const link of decision.deepLinks) lines.push(`  open ${link.organizationId}: ${link.url}`);
        context.io.stdout(lines.join('\n') + '\n');
      }
      if (!decision.allowed) throw new CliExit(exitCodes.checkFailed);
    });
}
