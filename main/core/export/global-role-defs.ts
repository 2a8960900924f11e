import type { Store } from '../ports/store.js';

/** A role as the roles store keeps it (main/contract/schemas/rbac.ts), reduced to what export needs. */
export interface RoleForExport {
  scope: 'global' | 'organization';
  name: string;
  permissions: ReadonlyArray<{ resource: string; action: string }>;
}

/** One entry of Arthur's `globalRoleDefs` (reference/arthur-platform.md §3.4): `permissions` maps resource → actions. */
export interface GlobalRoleDef {
  name: string;
  permissions: Record<string, string[]>;
}

/**
 * The global roles as Arthur's `globalRoleDefs`, sorted by name; resources keep the order they first appear in and
 * actions are de-duplicated. Organization roles are not here: they are pushed to the custom_roles API instead.
 */
export function globalRoleDefsOf(roles: readonly RoleForExport[]): GlobalRoleDef[] {
  return roles
    .filter((role) => role.scope === 'global')
    .map((role) => {
      const permissions: Record<string, string[]> = {};
      for (const { resource, action } of role.permissions) {
        const actions = (permissions[resource] ??= []);
        if (!actions.includes(action)) actions.push(action);
      }
      return { name: role.name, permissions };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The global roles in the store (organization roles are pushed to the custom_roles API, not exported here). */
export function storedRoles(store: Pick<Store, 'roles'>): RoleForExport[] {
  return store.roles.list().filter((role) => role.scope === 'global');
}
