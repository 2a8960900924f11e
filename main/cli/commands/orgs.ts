import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { printJson } from '../cli-io.js';

interface OrgView {
  id: string;
  name: string;
  roleCount: number;
}

/** `ssowb orgs add --id ID --name N`, `ssowb orgs list [--json]`, `ssowb orgs remove <id|name> [--with-roles]` (product.md). */
export function registerOrgs(program: Command, context: CliContext): void {
  const orgs = program.command('orgs').description('Arthur organizations the roles belong to.');

  orgs
    .command('add')
    .description('Add an organization (its id as the platform knows it: the Arthur-Organization-ID value).')
    .option('--id <id>', 'the organization id (default: a new UUID)')
    .requiredOption('--name <name>', 'the organization name')
    .action(async (options: { id?: string; name: string }) => {
      const org = (await context.call('orgs.create', { ...(options.id !== undefined ? { id: options.id } : {}), name: options.name })) as OrgView;
      if (context.json) printJson(context.io, org);
      else context.io.stdout(`Added organization ${org.name} (${org.id}).\n`);
    });

  orgs
    .command('list')
    .description('List organizations with their role counts.')
    .action(async () => {
      const list = (await context.call('orgs.list', {})) as OrgView[];
      if (context.json) return printJson(context.io, list);
      if (list.length === 0) {
        context.io.stdout('No organizations yet. Add one with `ssowb orgs add --id ID --name N`.\n');
        return;
      }
      for (const org of list) context.io.stdout(`${org.name}  ${org.id}  ${org.roleCount} role(s)\n`);
    });

  orgs
    .command('remove <ref>')
    .description('Delete an organization (refused while it has roles, unless --with-roles).')
    .option('--with-roles', 'also delete its roles')
    .action(async (ref: string, options: { withRoles?: boolean }) => {
      const removed = (await context.call('orgs.remove', { ref, withRoles: options.withRoles === true })) as { id: string; removedRoles: string[] };
      if (context.json) printJson(context.io, removed);
      else context.io.stdout(`Removed organization ${removed.id}${removed.removedRoles.length ? ` and ${removed.removedRoles.length} role(s)` : ''}.\n`);
    });
}
