import type { Organization, Role } from '../../contract/index.js';
import { builtInRoles, permissionCatalogue, permissionKey } from '../../contract/schemas/rbac-catalogue.js';

/**
 * A role as the resolver sees it: a custom role (global or organization) or a built-in, with its inheritance flattened
 * once: `effective` maps `resource:action` to the chain of role names it comes through (own role first).
 */
export interface RoleNode {
  name: string;
  kind: 'global' | 'organization' | 'builtin';
  /** Null for global and built-in roles. */
  organizationId: string | null;
  /** The stored role; null for a built-in. */
  role: Role | null;
  effective: ReadonlyMap<string, readonly string[]>;
  /** Built-in roles reached (itself included) whose permissions the docs do not publish. */
  unpublished: readonly string[];
  /** Names of custom roles that inherit this one directly. */
  inheritedBy: string[];
}

/**
 * The whole installation indexed for hash lookups: built once per change (main/core/rbac/cache.ts), then read by any
 * number of resolutions. Names are unique ignoring case, so `rolesLower` is one-to-one.
 */
export interface RbacSnapshot {
  organizations: ReadonlyMap<string, Organization>;
  organizationsLower: ReadonlyMap<string, Organization>;
  /** Custom roles by exact name. */
  roles: ReadonlyMap<string, RoleNode>;
  /** Custom roles by lower-cased name. */
  rolesLower: ReadonlyMap<string, RoleNode>;
  rolesById: ReadonlyMap<string, RoleNode>;
  builtIns: ReadonlyMap<string, RoleNode>;
  /** Custom roles per organization id (global roles under null), in name order. */
  rolesByOrganization: ReadonlyMap<string | null, RoleNode[]>;
  /** `resource:action` → catalogue scope, for every known permission. */
  catalogue: ReadonlyMap<string, 'organization' | 'global'>;
}

const catalogueIndex: ReadonlyMap<string, 'organization' | 'global'> = new Map(
  permissionCatalogue.flatMap((entry) => entry.actions.map((action) => [permissionKey({ resource: entry.resource, action }), entry.scope] as const)),
);

const builtInNodes: ReadonlyMap<string, RoleNode> = new Map(
  builtInRoles.map((b) => [
    b.name,
    {
      name: b.name,
      kind: 'builtin' as const,
      organizationId: null,
      role: null,
      effective: new Map(b.permissions.map((p) => [permissionKey(p), [b.name]] as const)),
      unpublished: b.permissionsKnown ? [] : [b.name],
      inheritedBy: [],
    },
  ]),
);

/** The built-in role of that exact name, if any. */
export const builtInNode = (name: string): RoleNode | undefined => builtInNodes.get(name);

/**
 * Indexes organizations and roles and flattens inheritance: a parent name is a built-in or a custom role of the same
 * organization (validation refuses anything else at write time; here an unknown or cyclic reference is ignored).
 */
export function buildSnapshot(organizations: readonly Organization[], roles: readonly Role[]): RbacSnapshot {
  const orgs = new Map(organizations.map((o) => [o.id, o]));
  const orgsLower = new Map(organizations.map((o) => [o.name.toLowerCase(), o]));
  const byName = new Map<string, Role>(roles.map((r) => [r.name, r]));
  const nodes = new Map<string, RoleNode>();
  const visiting = new Set<string>();

  const parentOf = (child: Role, name: string): RoleNode | undefined => {
    const builtIn = builtInNodes.get(name);
    if (builtIn) return builtIn;
    const parent = byName.get(name);
    if (!parent || parent.scope !== 'organization' || parent.organizationId !== child.organizationId) return undefined;
    return flatten(parent);
  };

  function flatten(role: Role): RoleNode | undefined {
    const done = nodes.get(role.name);
    if (done) return done;
    if (visiting.has(role.name)) return undefined;
    visiting.add(role.name);
    const effective = new Map<string, readonly string[]>();
    const own = [role.name];
    for (const p of role.permissions) effective.set(permissionKey(p), own);
    const unpublished = new Set<string>();
    for (const name of role.scope === 'organization' ? role.inheritedRoleNames : []) {
      const parent = parentOf(role, name);
      if (!parent) continue;
      for (const [key, via] of parent.effective) {
        const known = effective.get(key);
        if (!known || known.length > via.length + 1) effective.set(key, [role.name, ...via]);
      }
      for (const u of parent.unpublished) unpublished.add(u);
    }
    visiting.delete(role.name);
    const node: RoleNode = {
      name: role.name,
      kind: role.scope,
      organizationId: role.scope === 'organization' ? role.organizationId : null,
      role,
      effective,
      unpublished: [...unpublished],
      inheritedBy: [],
    };
    nodes.set(role.name, node);
    return node;
  }

  for (const role of roles) flatten(role);
  const byOrg = new Map<string | null, RoleNode[]>();
  // Plain code-unit order of the lower-cased names (localeCompare costs ~100 ms on 10,000 roles).
  const sorted = [...nodes.values()]
    .map((node) => ({ node, key: node.name.toLowerCase() }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ node }) => node);
  for (const node of sorted) {
    const list = byOrg.get(node.organizationId) ?? [];
    list.push(node);
    byOrg.set(node.organizationId, list);
    for (const parentName of node.role?.inheritedRoleNames ?? []) {
      const parent = nodes.get(parentName);
      if (parent && parent.organizationId === node.organizationId) parent.inheritedBy.push(node.name);
    }
  }
  return {
    organizations: orgs,
    organizationsLower: orgsLower,
    roles: nodes,
    rolesLower: new Map([...nodes.values()].map((n) => [n.name.toLowerCase(), n])),
    rolesById: new Map([...nodes.values()].map((n) => [n.role?.id ?? n.name, n])),
    builtIns: builtInNodes,
    rolesByOrganization: byOrg,
    catalogue: catalogueIndex,
  };
}

/** An organization by id, else by name ignoring case. */
export function findOrganization(snapshot: RbacSnapshot, ref: string): Organization | undefined {
  const key = ref.trim();
  return snapshot.organizations.get(key) ?? snapshot.organizationsLower.get(key.toLowerCase());
}
