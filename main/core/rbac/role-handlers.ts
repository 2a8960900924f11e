import { randomUUID } from 'node:crypto';
import type { Role, RoleDraft } from '../../contract/index.js';
import { builtInRoles, permissionCatalogue } from '../../contract/schemas/rbac-catalogue.js';
import { roleDraftSchema } from '../../contract/schemas/rbac.js';
import { AppError } from '../app-error.js';
import { throwIssues } from '../connections/lookup.js';
import type { HandlerContext, HandlerGroup } from '../handlers/types.js';
import { zodIssuesToError } from '../zod-issues.js';
import { getSnapshot, invalidateSnapshot } from './cache.js';
import { findOrganization } from './snapshot.js';
import { roleRestoreHandlers } from './role-restore.js';
import { roleTransferHandlers } from './role-transfer.js';
import { draftEffective, validateRole } from './validation.js';
import { orderedRoleNodes, requireOrganization, requireRole, roleView } from './views.js';

type RoleOps = 'roles.catalogue' | 'roles.list' | 'roles.get' | 'roles.validate' | 'roles.create' | 'roles.update' | 'roles.remove' | 'roles.import' | 'roles.export' | 'roles.restore';

/** The draft with its organization reference (id or name) replaced by the organization's id. */
export function normaliseDraft(context: HandlerContext, draft: RoleDraft): RoleDraft {
  if (draft.organizationId === null) return draft;
  const org = findOrganization(getSnapshot(context.ports.store), draft.organizationId);
  return org ? { ...draft, organizationId: org.id } : draft;
}

/** `roles.*`: validated against the whole installation, written atomically, audited; renames followed by inheritors. */
export const roleHandlers: HandlerGroup<RoleOps> = (context) => {
  const { ports, audit } = context;
  const { store } = ports;
  return {
    'roles.catalogue': () => ({
      resources: permissionCatalogue.map((e) => ({ resource: e.resource, actions: [...e.actions], group: e.group, scope: e.scope, ...(e.note ? { note: e.note } : {}) })),
      builtIns: builtInRoles.map((b) => ({ name: b.name, description: b.description, permissionsKnown: b.permissionsKnown, permissions: b.permissions.map((p) => ({ ...p })) })),
    }),
    'roles.list': ({ organization, scope }) => {
      const snapshot = getSnapshot(store);
      const orgId = organization === undefined ? undefined : requireOrganization(snapshot, organization).id;
      return orderedRoleNodes(snapshot, orgId)
        .filter((node) => scope === undefined || node.kind === scope)
        .map(roleView);
    },
    'roles.get': ({ ref }) => roleView(requireRole(getSnapshot(store), ref)),
    'roles.validate': ({ id, draft }) => {
      const parsed = roleDraftSchema.safeParse(draft);
      if (!parsed.success) return { issues: zodIssuesToError(parsed.error).issues ?? [], effectivePermissions: [], unpublishedInherited: [] };
      const snapshot = getSnapshot(store);
      const ownId = id ?? null;
      const issues = validateRole(parsed.data, snapshot, ownId);
      return { issues, ...draftEffective(parsed.data, snapshot, ownId) };
    },
    'roles.create': (input) => {
      const draft = normaliseDraft(context, input);
      const issues = validateRole(draft, getSnapshot(store), null);
      if (issues.length) throwIssues(issues);
      const now = ports.clock.now().toISOString();
      const role: Role = { ...draft, id: randomUUID(), createdAt: now, updatedAt: now };
      store.transaction(() => {
        store.roles.put(role);
        invalidateSnapshot(store);
        audit.record('roles.create', role.name, { role });
      });
      return roleView(requireRole(getSnapshot(store), role.id));
    },
    'roles.update': ({ id, draft: input }) => {
      const snapshot = getSnapshot(store);
      const before = store.roles.get(id);
      if (!before) throw new AppError('not_found', `No role with id "${id}".`, { field: 'id', hint: 'List roles with `ssowb roles list`.' });
      const draft = normaliseDraft(context, input);
      const issues = validateRole(draft, snapshot, id);
      const node = snapshot.rolesById.get(id);
      const inheritors = node?.inheritedBy ?? [];
      if (inheritors.length && (draft.scope !== before.scope || draft.organizationId !== before.organizationId)) {
        issues.push({ field: 'organizationId', message: `${inheritors.map((n) => `"${n}"`).join(', ')} inherit${inheritors.length === 1 ? 's' : ''} this role, so it must stay in its organization: remove that inheritance first.` });
      }
      if (issues.length) throwIssues(issues);
      const role: Role = { ...draft, id, createdAt: before.createdAt, updatedAt: ports.clock.now().toISOString() };
      const followed: string[] = [];
      store.transaction(() => {
        store.roles.put(role);
        if (role.name !== before.name) {
          for (const childName of inheritors) {
            const child = snapshot.roles.get(childName)?.role;
            if (!child) continue;
            const renamed = child.inheritedRoleNames.map((n) => (n === before.name ? role.name : n));
            store.roles.put({ ...child, inheritedRoleNames: renamed, updatedAt: role.updatedAt });
            followed.push(child.name);
          }
        }
        invalidateSnapshot(store);
        audit.record('roles.update', role.name, { before, after: role, ...(followed.length ? { renamedIn: followed } : {}) });
      });
      return roleView(requireRole(getSnapshot(store), id));
    },
    'roles.remove': ({ ref }) => {
      const node = requireRole(getSnapshot(store), ref);
      const role = node.role as Role;
      if (node.inheritedBy.length > 0) {
        throw new AppError('conflict', `ref: "${role.name}" is inherited by ${node.inheritedBy.map((n) => `"${n}"`).join(', ')}: removing it would change what they grant.`, {
          field: 'ref',
          hint: 'Remove it from their inherited roles first, then remove it.',
        });
      }
      store.transaction(() => {
        store.roles.delete(role.id);
        invalidateSnapshot(store);
        audit.record('roles.remove', role.name, { role });
      });
      return { id: role.id, name: role.name, removed: true as const };
    },
    ...roleTransferHandlers(context),
    ...roleRestoreHandlers(context),
  };
};
