import type { Role, RoleDraft, RoleView } from '../../../main/contract/index';

/** A saved role's editable fields, as `roles.create`/`roles.update` take them (Undo writes them back). */
export const draftOf = (role: RoleView): RoleDraft => ({
  scope: role.scope,
  organizationId: role.organizationId,
  name: role.name,
  description: role.description,
  permissions: role.permissions.map(({ resource, action }) => ({ resource, action })),
  inheritedRoleNames: [...role.inheritedRoleNames],
});

/** A role as it is stored (its view without the computed fields), as `roles.restore` puts it back. */
export const savedRole = (role: RoleView): Role => ({
  ...draftOf(role),
  id: role.id,
  createdAt: role.createdAt,
  updatedAt: role.updatedAt,
});
