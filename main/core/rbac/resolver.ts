import type { Organization } from '../../contract/index.js';
import { findOrganization, type RbacSnapshot, type RoleNode } from './snapshot.js';

/** One IdP group matched to a role (product.md "Resolution": exact name, or ignoring case when configured). */
export interface GroupMatch {
  group: string;
  role: RoleNode;
}

/** Groups → roles → reachable organizations, computed once per login; permissions are looked up on demand. */
export interface ResolvedUser {
  groups: readonly string[];
  matches: GroupMatch[];
  unmatchedGroups: string[];
  globalRoles: RoleNode[];
  /** Organization id → the user's roles in it (global roles are not repeated here). */
  organizationRoles: Map<string, RoleNode[]>;
  /** Ids of the organizations the user can reach: those of its organization roles, and every one with a global role. */
  reachable: string[];
}

/**
 * Matches groups to role names. Arthur matches exactly; `caseSensitive: false` is ClearML's option. A group matching
 * no role is ignored (listed in `unmatchedGroups`); built-in role names are not groups (they are per-organization).
 * Global roles grant "across all organizations" (arthur-sso-access-control.md), so they make every organization
 * reachable for their permissions.
 */
export function resolveGroups(snapshot: RbacSnapshot, groups: readonly string[], options: { caseSensitive: boolean }): ResolvedUser {
  const matches: GroupMatch[] = [];
  const unmatchedGroups: string[] = [];
  const globalRoles: RoleNode[] = [];
  const organizationRoles = new Map<string, RoleNode[]>();
  const seen = new Set<RoleNode>();
  for (const group of groups) {
    const role = options.caseSensitive ? snapshot.roles.get(group) : snapshot.rolesLower.get(group.toLowerCase());
    if (!role) {
      unmatchedGroups.push(group);
      continue;
    }
    matches.push({ group, role });
    if (seen.has(role)) continue;
    seen.add(role);
    if (role.organizationId === null) globalRoles.push(role);
    else {
      const list = organizationRoles.get(role.organizationId);
      if (list) list.push(role);
      else organizationRoles.set(role.organizationId, [role]);
    }
  }
  const reachable = globalRoles.length > 0 ? [...snapshot.organizations.keys()] : [...organizationRoles.keys()].filter((id) => snapshot.organizations.has(id));
  return { groups, matches, unmatchedGroups, globalRoles, organizationRoles, reachable };
}

export type OrganizationChoice =
  | { kind: 'selected'; organization: Organization; selectedBy: 'header' | 'session' | 'single' }
  /** The header/session names an organization the user cannot reach (or that does not exist): Arthur answers 404. */
  | { kind: 'not_found'; ref: string; selectedBy: 'header' | 'session' }
  | { kind: 'none'; reason: 'no_organization' | 'several' };

/** Arthur's order: `Arthur-Organization-ID` header, else the `_arthur_session` org, else the only reachable org. */
export function selectOrganization(snapshot: RbacSnapshot, user: ResolvedUser, request: { header?: string | undefined; session?: string | undefined }): OrganizationChoice {
  for (const selectedBy of ['header', 'session'] as const) {
    const ref = request[selectedBy];
    if (ref === undefined || ref.trim() === '') continue;
    const organization = findOrganization(snapshot, ref);
    if (!organization || !user.reachable.includes(organization.id)) return { kind: 'not_found', ref, selectedBy };
    return { kind: 'selected', organization, selectedBy };
  }
  const only = user.reachable.length === 1 ? snapshot.organizations.get(user.reachable[0] as string) : undefined;
  if (only) return { kind: 'selected', organization: only, selectedBy: 'single' };
  return { kind: 'none', reason: user.reachable.length === 0 ? 'no_organization' : 'several' };
}

/** How one permission is decided in one place (an organization, or the installation for global permissions). */
export type Grant =
  | { kind: 'granted'; role: RoleNode; via: readonly string[] }
  /** Not granted by any published permission, but a role reaches a built-in whose permissions are unpublished. */
  | { kind: 'undetermined'; roles: RoleNode[]; unpublished: string[] }
  | { kind: 'missing' };

/**
 * Whether the user's roles grant `key` (`resource:action`). Global-scope permissions come only from global roles (the
 * platform checks them installation-wide); organization permissions from the user's roles in that organization plus
 * its global roles. The shortest chain wins. Cost: one hash lookup per role the user holds there.
 */
export function grantIn(user: ResolvedUser, organizationId: string | null, key: string, scope: 'organization' | 'global'): Grant {
  const roles = scope === 'global' || organizationId === null ? user.globalRoles : [...(user.organizationRoles.get(organizationId) ?? []), ...user.globalRoles];
  let best: { role: RoleNode; via: readonly string[] } | undefined;
  for (const role of roles) {
    const via = role.effective.get(key);
    if (via && (!best || via.length < best.via.length)) best = { role, via };
  }
  if (best) return { kind: 'granted', ...best };
  const unknown = roles.filter((role) => role.unpublished.length > 0);
  if (unknown.length > 0) return { kind: 'undetermined', roles: unknown, unpublished: [...new Set(unknown.flatMap((r) => r.unpublished))] };
  return { kind: 'missing' };
}

/** The effective permissions (`resource:action`) the user holds in an organization, or installation-wide (null). */
export function permissionsIn(user: ResolvedUser, organizationId: string | null): string[] {
  const roles = organizationId === null ? user.globalRoles : [...(user.organizationRoles.get(organizationId) ?? []), ...user.globalRoles];
  const keys = new Set<string>();
  for (const role of roles) for (const key of role.effective.keys()) keys.add(key);
  return [...keys].sort();
}

/** `https://<host>/?organization_id=<id>`: Arthur ties the session to that org; only the bare host works (not /login). */
export function deepLink(webappUrl: string | undefined, organizationId: string): string | null {
  if (!webappUrl) return null;
  try {
    return `${new URL(webappUrl).origin}/?organization_id=${encodeURIComponent(organizationId)}`;
  } catch {
    return null;
  }
}
