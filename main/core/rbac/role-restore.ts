import type { Organization, Role, RoleIssue } from '../../contract/index.js';
import { throwIssues } from '../connections/lookup.js';
import type { HandlerGroup } from '../handlers/types.js';
import { getSnapshot, invalidateSnapshot } from './cache.js';
import { buildSnapshot } from './snapshot.js';
import { validateRole } from './validation.js';
import { organizationView, requireRole, roleView } from './views.js';

/**
 * `roles.restore`: the Undo of a delete. Roles come back with their ids and creation times (so what was pushed to the
 * platform under that id still matches), an organization deleted with its roles first; every role is validated against
 * the installation as it will be afterwards (so restored roles may inherit each other), and it is all or nothing.
 */
export const roleRestoreHandlers: HandlerGroup<'roles.restore'> = ({ ports, audit }) => {
  const { store } = ports;
  return {
    'roles.restore': ({ organization, roles }) => {
      const snapshot = getSnapshot(store);
      const issues: RoleIssue[] = [];
      const now = ports.clock.now().toISOString();
      let org: Organization | null = null;
      if (organization) {
        const sameId = snapshot.organizations.get(organization.id);
        const sameName = store.organizations.findByName(organization.name);
        if (sameId) issues.push({ field: 'organization.id', message: `The organization id ${organization.id} is taken by "${sameId.name}" since the delete: nothing was restored.` });
        else if (sameName) issues.push({ field: 'organization.name', message: `An organization named "${sameName.name}" was added since the delete (${sameName.id}): rename one of them, then restore again.` });
        org = { ...organization, updatedAt: now };
      }
      const orgIds = new Set([...snapshot.organizations.keys(), ...(org ? [org.id] : [])]);
      const incoming: Role[] = roles.map((role) => ({ ...role, updatedAt: now }));
      const names = new Map<string, string>();
      incoming.forEach((role, i) => {
        const lower = role.name.toLowerCase();
        const clash = snapshot.rolesLower.get(lower);
        if (clash) issues.push({ field: `roles.${i}.name`, message: `"${role.name}": a role named "${clash.name}" was added since the delete: role names are unique across the installation, ignoring case. Rename one, then restore again.` });
        if (names.has(lower)) issues.push({ field: `roles.${i}.name`, message: `"${role.name}" is given twice (also ${names.get(lower)}).` });
        names.set(lower, `roles.${i}`);
        const taken = store.roles.get(role.id);
        if (taken) issues.push({ field: `roles.${i}.id`, message: `The role id ${role.id} is in use by "${taken.name}": "${role.name}" was not deleted, or was restored already.` });
        if (role.organizationId !== null && !orgIds.has(role.organizationId)) {
          issues.push({ field: `roles.${i}.organizationId`, message: `"${role.name}" belongs to the organization ${role.organizationId}, which no longer exists: restore the organization with it.` });
        }
      });
      if (issues.length === 0) {
        const after = buildSnapshot([...snapshot.organizations.values(), ...(org ? [org] : [])], [...store.roles.list(), ...incoming]);
        incoming.forEach((role, i) => {
          for (const issue of validateRole(role, after, role.id)) issues.push({ field: `roles.${i}.${issue.field}`, message: `"${role.name}": ${issue.message}` });
        });
      }
      if (issues.length) throwIssues(issues);
      store.transaction(() => {
        if (org) store.organizations.put(org);
        for (const role of incoming) store.roles.put(role);
        invalidateSnapshot(store);
        audit.record('roles.restore', org ? org.id : 'roles', { organization: org?.name ?? null, restored: incoming.map((r) => r.name) });
      });
      const restored = getSnapshot(store);
      return { organization: org ? organizationView(restored, org.id) : null, roles: incoming.map((role) => roleView(requireRole(restored, role.id))) };
    },
  };
};
