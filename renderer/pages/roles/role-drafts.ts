import type { RoleDraft, RoleView } from '../../../main/contract/index';

/** A saved role's editable fields, as `roles.create`/`roles.update` take them (Undo writes them back). */
export const draftOf = (role: RoleView): RoleDraft => ({
  scope: role.scope,
  organizationId: role.organizationId,
  name: role.name,
  description: role.description,
  permissions: role.permissions.map(({ resource, action }) => ({ resource, action })),
  inheritedRoleNames: [...role.inheritedRoleNames],
});

/** Roles in an order that creates every inherited role before the roles that inherit it. */
export function parentsFirst(roles: readonly RoleView[]): RoleView[] {
  const byName = new Map(roles.map((role) => [role.name.toLowerCase(), role]));
  const done = new Set<string>();
  const ordered: RoleView[] = [];
  const visit = (role: RoleView, trail: Set<string>) => {
    const key = role.name.toLowerCase();
    if (done.has(key) || trail.has(key)) return;
    trail.add(key);
    for (const parent of role.inheritedRoleNames) {
      const found = byName.get(parent.toLowerCase());
      if (found) visit(found, trail);
    }
    done.add(key);
    ordered.push(role);
  };
  for (const role of roles) visit(role, new Set());
  return ordered;
}
