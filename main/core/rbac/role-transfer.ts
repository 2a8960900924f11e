import { randomUUID } from 'node:crypto';
import type { Organization, Role, RoleIssue } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import { throwIssues } from '../connections/lookup.js';
import type { HandlerGroup } from '../handlers/types.js';
import { getSnapshot, invalidateSnapshot } from './cache.js';
import { arthurRolesBody, exportFilename, globalRoleDefsYaml, parseRoleFile, RoleFileError, type ParsedRoleFile } from './role-files.js';
import { buildSnapshot } from './snapshot.js';
import { validateRole } from './validation.js';
import { orderedRoleNodes, requireOrganization } from './views.js';

/** A validation field of a role, spelled as the file spells it (`role_name`, `inherited_role_names.0`, `permissions.model`). */
function fileField(file: ParsedRoleFile, entry: ParsedRoleFile['entries'][number], field: string): string {
  const [head, index, ...rest] = field.split('.');
  if (head === 'name') return `${entry.field}.${file.scope === 'organization' ? 'role_name' : 'name'}`;
  if (head === 'inheritedRoleNames') return `${entry.field}.inherited_role_names${index === undefined ? '' : `.${index}`}`;
  if (head === 'permissions' && index !== undefined) {
    const p = entry.draft.permissions[Number(index)];
    if (file.scope === 'global' && p) return `${entry.field}.permissions.${p.resource}`;
    return `${entry.field}.permissions.${[index, ...rest].join('.')}`;
  }
  return `${entry.field}.${field}`;
}

/**
 * `roles.import` (all or nothing: every role is validated against the installation as it would be after the import,
 * so roles of one file may inherit each other) and `roles.export` (Arthur custom_roles body, or globalRoleDefs YAML).
 */
export const roleTransferHandlers: HandlerGroup<'roles.import' | 'roles.export'> = ({ ports, audit }) => {
  const { store } = ports;
  return {
    'roles.import': ({ content, organization, replace }) => {
      let file: ParsedRoleFile;
      try {
        file = parseRoleFile(content);
      } catch (error) {
        if (error instanceof RoleFileError) throwIssues(error.issues);
        throw error;
      }
      const snapshot = getSnapshot(store);
      let org: Organization | null = null;
      if (file.scope === 'organization') {
        if (organization === undefined) {
          throw new AppError('invalid_input', 'organization: an Arthur roles body ({"roles": […]}) holds organization roles: say which organization (--org ORG).', { field: 'organization', hint: 'List organizations with `ssowb orgs list`.' });
        }
        org = requireOrganization(snapshot, organization);
      } else if (organization !== undefined) {
        throw new AppError('invalid_input', 'organization: a globalRoleDefs file holds global roles, which belong to no organization: leave out --org.', { field: 'organization' });
      }
      const issues: RoleIssue[] = [];
      const now = ports.clock.now().toISOString();
      const seen = new Map<string, string>();
      const created: string[] = [];
      const replaced: string[] = [];
      const incoming: Role[] = [];
      const replacedIds = new Set<string>();
      for (const entry of file.entries) {
        const nameField = fileField(file, entry, 'name');
        const lower = entry.draft.name.toLowerCase();
        const twin = seen.get(lower);
        if (twin) issues.push({ field: nameField, message: `"${entry.draft.name}" is already defined at ${twin} in this file: role names are unique, ignoring case.` });
        seen.set(lower, entry.field);
        const existing = snapshot.rolesLower.get(lower)?.role;
        let id: string = randomUUID();
        let createdAt = now;
        if (existing) {
          const sameHome = existing.scope === file.scope && existing.organizationId === (org?.id ?? null);
          if (!replace) {
            issues.push({ field: nameField, message: `A role named "${existing.name}" already exists: import with replace (--replace) to overwrite it, or rename it in the file.` });
          } else if (!sameHome) {
            issues.push({ field: nameField, message: `"${existing.name}" exists as a ${existing.scope === 'global' ? 'global role' : 'role of another organization'}: replace only overwrites roles in the same place. Rename it in the file.` });
          } else {
            id = existing.id;
            createdAt = existing.createdAt;
            replacedIds.add(id);
          }
        }
        (replacedIds.has(id) ? replaced : created).push(entry.draft.name);
        incoming.push({ ...entry.draft, organizationId: org?.id ?? null, id, createdAt, updatedAt: now });
      }
      if (issues.length === 0) {
        const after = buildSnapshot([...snapshot.organizations.values()], [...store.roles.list().filter((r) => !replacedIds.has(r.id)), ...incoming]);
        incoming.forEach((role, i) => {
          const entry = file.entries[i] as ParsedRoleFile['entries'][number];
          for (const issue of validateRole(role, after, role.id)) issues.push({ field: fileField(file, entry, issue.field), message: issue.message });
        });
      }
      if (issues.length) throwIssues(issues);
      store.transaction(() => {
        for (const role of incoming) store.roles.put(role);
        invalidateSnapshot(store);
        audit.record('roles.import', org ? org.id : 'global', { scope: file.scope, organization: org?.name ?? null, created, replaced });
      });
      return { created, replaced, scope: file.scope };
    },
    'roles.export': ({ organization, format }) => {
      const snapshot = getSnapshot(store);
      if (format === 'global-yaml') {
        if (organization !== undefined) {
          throw new AppError('invalid_input', 'organization: globalRoleDefs holds global roles only: leave out --org, or export an organization with --format arthur-json.', { field: 'organization' });
        }
        const roles = orderedRoleNodes(snapshot, null).map((n) => n.role as Role);
        return { content: globalRoleDefsYaml(roles), filename: exportFilename(format, null) };
      }
      if (organization === undefined) {
        throw new AppError('invalid_input', 'organization: the Arthur roles body is per organization: say which (--org ORG).', { field: 'organization', hint: 'Global roles export with --format global-yaml.' });
      }
      const org = requireOrganization(snapshot, organization);
      const roles = orderedRoleNodes(snapshot, org.id).map((n) => n.role as Role);
      return { content: JSON.stringify(arthurRolesBody(roles), null, 2) + '\n', filename: exportFilename(format, org) };
    },
  };
};
