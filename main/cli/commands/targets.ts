import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { TargetCheck, TargetView } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { oneOf } from '../option-values.js';
import { CliExit, exitCodes, printError, printJson } from '../cli-io.js';

const MARK: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', skip: '–' };

/** Reads a secret from the named environment variable (never argv); exits 2 naming the flag when it is unset. */
export function secretFromEnv(context: CliContext, flag: string, variable: string | undefined): string | undefined {
  if (variable === undefined) return undefined;
  const value = process.env[variable];
  if (!value) printError(context.io, { code: 'invalid_input', field: flag, message: `${flag}: environment variable ${variable} is not set or empty.` }, context.json);
  return value;
}

function printTargets(context: CliContext, targets: TargetView[]): void {
  if (context.json) return printJson(context.io, targets);
  if (targets.length === 0) return context.io.stdout('No targets yet. Add one with `ssowb targets add --name N --url URL --token-env VAR`.\n');
  for (const t of targets) {
    const check = t.lastCheck ? `${t.lastCheck.ok ? 'checked ok' : 'check failed'} ${t.lastCheck.at}` : 'not checked';
    context.io.stdout(`${t.name}  ${t.kind}  ${t.url}  ${t.hasToken ? 'token set' : 'no token'}${t.caCertificates ? `  CA bundle (${t.caCertificates})` : ''}${t.rehearsal ? '  (local rehearsal)' : ''}  ${check}\n`);
  }
}

function printCheck(context: CliContext, check: TargetCheck): void {
  if (context.json) return printJson(context.io, check);
  const lines = [`${check.ok ? 'OK' : 'FAILED'}  ${check.target} (${check.url})`, ''];
  for (const c of check.checks) {
    lines.push(`  ${MARK[c.status] ?? '?'} ${c.id.padEnd(22)} ${c.message}`);
    if (c.hint && c.status !== 'pass') lines.push(`    fix: ${c.hint}`);
  }
  if (check.organizations.length) lines.push('', '  organizations:', ...check.organizations.map((o) => `    ${o.id}  ${o.name}`));
  context.io.stdout(lines.join('\n') + '\n');
}

/** `ssowb targets add|list|check|remove` (product.md CLI contract). */
export function registerTargets(program: Command, context: CliContext): void {
  const targets = program.command('targets').description('Platform servers (Arthur) to push roles to.');

  targets
    .command('add')
    .description('Add a target; the token is read from an environment variable and kept in the OS keychain.')
    .requiredOption('--name <name>', 'target name (unique)')
    .requiredOption('--url <url>', 'platform base URL (https unless loopback)')
    .option('--kind <kind>', 'platform kind', 'arthur')
    .option('--token-env <var>', 'name of the environment variable holding the API token')
    .option('--ca <file>', 'PEM file of CA certificates to trust for this target')
    .action(async (options: { name: string; url: string; kind: string; tokenEnv?: string; ca?: string }) => {
      const token = secretFromEnv(context, '--token-env', options.tokenEnv);
      let caBundle: string | undefined;
      if (options.ca) {
        try {
          caBundle = await readFile(options.ca, 'utf8');
        } catch (error) {
          printError(context.io, { code: 'invalid_input', field: '--ca', message: `--ca: cannot read ${options.ca}: ${(error as Error).message}` }, context.json);
        }
      }
      const target = (await context.call('targets.add', { name: options.name, url: options.url, kind: oneOf(context, '--kind', options.kind, ['arthur'] as const), token, caBundle })) as TargetView;
      if (context.json) printJson(context.io, target);
      else context.io.stdout(`Added target ${target.name} (${target.url})${target.hasToken ? '; token stored in the OS keychain' : '; no token yet'}.\n`);
    });

  targets
    .command('list')
    .description('List targets.')
    .action(async () => printTargets(context, (await context.call('targets.list', {})) as TargetView[]));

  targets
    .command('check <name>')
    .description('Reachability, TLS, whether the token is accepted, and the organizations it sees (exit 1 when a check fails).')
    .action(async (ref: string) => {
      const check = (await context.call('targets.check', { ref })) as TargetCheck;
      printCheck(context, check);
      if (!check.ok) throw new CliExit(exitCodes.checkFailed);
    });

  targets
    .command('remove <name>')
    .description('Delete a target and its keychain item.')
    .action(async (ref: string) => {
      const removed = (await context.call('targets.remove', { ref })) as { id: string; name: string };
      if (context.json) printJson(context.io, removed);
      else context.io.stdout(`Removed target ${removed.name} and its keychain item.\n`);
    });
}
