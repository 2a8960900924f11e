import type { OrganizationView, Role, RoleView } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import { findOrganization, type RbacSnapshot, type RoleNode } from './snapshot.js';
import { toEffectiveList } from './validation.js';

export function roleView(node: RoleNode): RoleView {
  const role = node.role as Role;
  return {
    ...role,
    effectivePermissions: toEffectiveList(node.effective),
    unpublishedInherited: [...node.unpublished],
    inheritedBy: [...node.inheritedBy].sort(),
  };
}

export function organizationView(snapshot: RbacSnapshot, id: string): OrganizationView {
  const org = snapshot.organizations.get(id);
  if (!org) throw new AppError('internal', `Organization ${id} vanished.`);
  return { ...org, roleCount: snapshot.rolesByOrganization.get(id)?.length ?? 0 };
}

/** A custom role by id, else by name ignoring case. */
export function requireRole(snapshot: RbacSnapshot, ref: string): RoleNode {
  const key = ref.trim();
  const node = snapshot.rolesById.get(key) ?? snapshot.rolesLower.get(key.toLowerCase());
  if (!node?.role) {
    throw new AppError('not_found', `No role named or with id "${ref}".`, { field: 'ref', hint: 'List them with `ssowb roles list`; built-in roles are read-only and cannot be edited.' });
  }
  return node;
}

export function requireOrganization(snapshot: RbacSnapshot, ref: string, field = 'organization') {
  const org = findOrganization(snapshot, ref);
  if (!org) throw new AppError('not_found', `No organization named or with id "${ref}".`, { field, hint: 'List them with `ssowb orgs list`; add one with `ssowb orgs add --id ID --name N`.' });
  return org;
}

/** Global roles first, then organizations by name, roles by name inside each. */
export function orderedRoleNodes(snapshot: RbacSnapshot, organizationId?: string | null): RoleNode[] {
  if (organizationId !== undefined) return snapshot.rolesByOrganization.get(organizationId) ?? [];
  const orgs = [...snapshot.organizations.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  return [null, ...orgs.map((o) => o.id)].flatMap((id) => snapshot.rolesByOrganization.get(id) ?? []);
}
