import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import type { RoleView } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { oneOf } from '../option-values.js';
import { printError, printJson } from '../cli-io.js';

function printRoles(context: CliContext, roles: RoleView[]): void {
  if (context.json) return printJson(context.io, roles);
  if (roles.length === 0) {
    context.io.stdout('No roles yet. Import some with `ssowb roles import FILE [--org ORG]`.\n');
    return;
  }
  for (const role of roles) {
    const where = role.scope === 'global' ? 'global' : (role.organizationId ?? '');
    const inherits = role.inheritedRoleNames.length ? `  inherits ${role.inheritedRoleNames.join(', ')}` : '';
    const unpublished = role.unpublishedInherited.length ? ` (+ unpublished permissions of ${role.unpublishedInherited.join(', ')})` : '';
    context.io.stdout(`${role.name}  [${where}]  ${role.effectivePermissions.length} permission(s)${unpublished}${inherits}\n`);
  }
}

/** `ssowb roles import FILE [--org ORG] [--replace]`, `roles list [--org ORG] [--json]`, `roles export …` (product.md). */
export function registerRoles(program: Command, context: CliContext): void {
  const roles = program.command('roles').description('Arthur roles: global (globalRoleDefs) and organization (custom_roles).');

  roles
    .command('import <file>')
    .description('Import an Arthur roles body ({"roles":[…]}, needs --org) or a globalRoleDefs YAML/JSON; all or nothing.')
    .option('--org <org>', 'organization id or name (for an Arthur roles body)')
    .option('--replace', 'overwrite roles of the same name instead of refusing')
    .action(async (file: string, options: { org?: string; replace?: boolean }) => {
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch (error) {
        return printError(context.io, { code: 'invalid_input', field: 'FILE', message: `roles import: cannot read ${file} (${(error as Error).message}).` }, context.json);
      }
      const result = (await context.call('roles.import', { content, ...(options.org !== undefined ? { organization: options.org } : {}), replace: options.replace === true })) as {
        created: string[];
        replaced: string[];
        scope: string;
      };
      if (context.json) return printJson(context.io, result);
      const what = result.scope === 'global' ? 'global role(s)' : 'organization role(s)';
      context.io.stdout(`Imported ${result.created.length + result.replaced.length} ${what}: ${result.created.length} created, ${result.replaced.length} replaced.\n`);
    });

  roles
    .command('list')
    .description('List roles with their effective permissions (global first, then by organization).')
    .option('--org <org>', 'only the roles of this organization (id or name)')
    .action(async (options: { org?: string }) => {
      printRoles(context, (await context.call('roles.list', options.org !== undefined ? { organization: options.org } : {})) as RoleView[]);
    });

  roles
    .command('export')
    .description('Export an organization\'s roles as the Arthur custom_roles body, or the global roles as globalRoleDefs YAML.')
    .option('--org <org>', 'organization id or name (for arthur-json)')
    .requiredOption('--format <format>', 'arthur-json | global-yaml')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { org?: string; format: string; out?: string }) => {
      const { content, filename } = (await context.call('roles.export', { format: oneOf(context, '--format', options.format, ['arthur-json', 'global-yaml'] as const), ...(options.org !== undefined ? { organization: options.org } : {}) })) as { content: string; filename: string };
      if (options.out) {
        await writeFile(options.out, content);
        if (context.json) printJson(context.io, { out: options.out, filename });
        else context.io.stderr(`Wrote ${options.out}.\n`);
      } else if (context.json) printJson(context.io, { content, filename });
      else context.io.stdout(content.endsWith('\n') ? content : content + '\n');
    });

  roles
    .command('remove <ref>')
    .description('Delete a role (refused while other roles inherit it).')
    .action(async (ref: string) => {
      const removed = (await context.call('roles.remove', { ref })) as { id: string; name: string };
      if (context.json) printJson(context.io, removed);
      else context.io.stdout(`Removed role ${removed.name} (${removed.id}).\n`);
    });
}
