import type { Command } from 'commander';
import type { Plan, PushRecord } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { CliExit, exitCodes, printError } from '../cli-io.js';

const SIGN: Record<string, string> = { create: '+', replace: '~', delete: '-', keep: '=' };
const fmtPerms = (def: Plan['changes'][number]['local']) =>
  def ? `[${(def.permissions ?? []).map((p) => `${p.resource}:${p.action}`).join(', ')}]${def.inherited_role_names?.length ? ` inherits [${def.inherited_role_names.join(', ')}]` : ''}` : '(none)';

function printPlan(context: CliContext, plan: Plan): void {
  const lines = [`Plan for ${plan.target.name} (${plan.target.url}): ${plan.counts.create} create, ${plan.counts.replace} replace, ${plan.counts.delete} delete, ${plan.counts.keep} keep`];
  for (const c of plan.changes) {
    lines.push(`  ${SIGN[c.action]} ${c.action.padEnd(7)} ${c.orgName} / ${c.role}${c.remoteOnly ? '  (only on the target)' : ''}`);
    if (c.action === 'replace') lines.push(`      target: ${fmtPerms(c.remote)}`, `      local:  ${fmtPerms(c.local)}`, '      (no update in the API: DELETE, then POST)');
    if (c.action === 'create') lines.push(`      local:  ${fmtPerms(c.local)}`);
  }
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  context.io.stdout(lines.join('\n') + '\n');
}

const planInput = (options: { target: string; org?: string; deleteUnknown?: boolean }) => ({
  ref: options.target,
  ...(options.org ? { organization: options.org } : {}),
  deleteUnknown: options.deleteUnknown === true,
});

/**
 * `ssowb roles plan|push --target N [--org ORG]` (product.md). Registered on the `roles` command owned by the roles
 * CLI (found or created here, so either registration order works).
 */
export function registerRolesPush(program: Command, context: CliContext): void {
  const roles = program.commands.find((c) => c.name() === 'roles') ?? program.command('roles').description('Organization and global roles (Arthur custom RBAC).');

  roles
    .command('plan')
    .description('Diff the local organization roles with a target (nothing is sent).')
    .requiredOption('--target <name>', 'target name or id')
    .option('--org <org>', 'one organization (id or name)')
    .option('--delete-unknown', 'plan to delete roles that exist only on the target')
    .action(async (options: { target: string; org?: string; deleteUnknown?: boolean }) => {
      const plan = (await context.call('targets.plan', planInput(options))) as Plan;
      if (context.json) context.io.stdout(JSON.stringify({ changes: plan.changes.map((c) => ({ org: c.org, role: c.role, action: c.action })), notes: plan.notes }, null, 2) + '\n');
      else printPlan(context, plan);
    });

  roles
    .command('push')
    .description('Apply the plan to the target: per-role results; exit 1 if any role failed.')
    .requiredOption('--target <name>', 'target name or id')
    .option('--org <org>', 'one organization (id or name)')
    .option('--delete-unknown', 'also delete roles that exist only on the target')
    .option('--yes', 'apply without asking')
    .action(async (options: { target: string; org?: string; deleteUnknown?: boolean; yes?: boolean }) => {
      let digest: string | undefined;
      if (!options.yes) {
        const plan = (await context.call('targets.plan', planInput(options))) as Plan;
        if (!process.stdin.isTTY || context.json) {
          printError(context.io, { code: 'invalid_input', field: '--yes', message: '--yes: pushing changes a server; pass --yes to apply without a prompt (see the plan with `ssowb roles plan`).' }, context.json);
        }
        printPlan(context, plan);
        const { createInterface } = await import('node:readline/promises');
        const prompt = createInterface({ input: process.stdin, output: process.stderr });
        const answer = await prompt.question('Apply these changes? [y/N] ');
        prompt.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          context.io.stderr('Nothing was sent.\n');
          throw new CliExit(exitCodes.checkFailed);
        }
        digest = plan.digest;
      }
      const push = (await context.call('targets.push', { ...planInput(options), ...(digest ? { digest } : {}) })) as PushRecord;
      if (context.json) {
        context.io.stdout(JSON.stringify({ outcome: push.outcome, counts: push.counts, results: push.results.map(({ org, role, action, state, message }) => ({ org, role, action, state, message })) }, null, 2) + '\n');
      } else {
        const lines = [`Push to ${push.targetName}: ${push.outcome} (${push.counts.done} done, ${push.counts.failed} failed, ${push.counts.skipped} not sent)`];
        for (const r of push.results) lines.push(`  ${r.state === 'done' ? '✓' : r.state === 'failed' ? '✗' : '–'} ${r.action.padEnd(7)} ${r.role}  ${r.message}`);
        context.io.stdout(lines.join('\n') + '\n');
      }
      if (push.counts.failed + push.counts.skipped > 0) throw new CliExit(exitCodes.checkFailed);
    });
}
