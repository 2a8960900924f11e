import type { EffectivePermission, RoleDraft, RoleIssue } from '../../contract/index.js';
import { builtInRoles, permissionCatalogue, permissionKey } from '../../contract/schemas/rbac-catalogue.js';
import { builtInNode, findOrganization, type RbacSnapshot, type RoleNode } from './snapshot.js';

const catalogueByResource = new Map(permissionCatalogue.map((entry) => [entry.resource, entry]));
const builtInLower = new Map(builtInRoles.map((b) => [b.name.toLowerCase(), b.name]));
const quoteList = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');

const orgName = (snapshot: RbacSnapshot, id: string | null) => (id === null ? 'global' : `organization "${snapshot.organizations.get(id)?.name ?? id}"`);

/**
 * Every rule a role must keep against the whole installation (product.md "Role"; arthur-platform.md §3.2), each
 * finding naming its field: unique names ignoring case, no built-in name, known permissions only, no global-scope
 * permission in an organization role, global roles with no organization and no inheritance, inheritance only from
 * built-ins or roles of the same organization, no cycles, an organization that exists. `ownId` is the role being
 * edited (its old name may be reused, and roles inheriting its old name follow a rename).
 */
export function validateRole(draft: RoleDraft, snapshot: RbacSnapshot, ownId: string | null): RoleIssue[] {
  const issues: RoleIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  const name = draft.name.trim();
  const builtIn = builtInLower.get(name.toLowerCase());
  if (builtIn) add('name', `"${name}" is the built-in role "${builtIn}": custom role names cannot equal a built-in role's name. Inherit "${builtIn}" instead, under the name of the IdP group.`);
  const clash = snapshot.rolesLower.get(name.toLowerCase());
  if (clash && clash.role?.id !== ownId) {
    add('name', `A role named "${clash.name}" already exists (${orgName(snapshot, clash.organizationId)}): role names are unique across the whole installation, ignoring case, because the name is the IdP group that selects it.`);
  }

  let organizationId: string | null = null;
  if (draft.scope === 'global') {
    if (draft.organizationId !== null) add('organizationId', 'A global role belongs to no organization: clear the organization, or make it an organization role.');
    if (draft.inheritedRoleNames.length > 0) add('inheritedRoleNames', 'A global role cannot inherit other roles (globalRoleDefs carry only a name and permissions): list its permissions instead.');
  } else if (draft.organizationId === null) {
    add('organizationId', 'An organization role needs its organization: pick one (ssowb orgs list), or make it a global role.');
  } else {
    const org = findOrganization(snapshot, draft.organizationId);
    if (!org) add('organizationId', `No organization "${draft.organizationId}": add it first (ssowb orgs add --id ID --name N) or pick an existing one.`);
    else organizationId = org.id;
  }

  const seenPermissions = new Set<string>();
  draft.permissions.forEach((p, i) => {
    const entry = catalogueByResource.get(p.resource);
    if (!entry) {
      const near = permissionCatalogue.filter((e) => e.resource.includes(p.resource) || p.resource.includes(e.resource)).map((e) => e.resource);
      add(`permissions.${i}.resource`, `Unknown resource "${p.resource}": not in the Arthur permission catalogue.${near.length ? ` Did you mean ${quoteList(near.slice(0, 3))}?` : ''}`);
      return;
    }
    if (!entry.actions.includes(p.action)) {
      add(`permissions.${i}.action`, `"${p.resource}" has no action "${p.action}": use one of ${quoteList(entry.actions)}.`);
      return;
    }
    const key = permissionKey(p);
    if (seenPermissions.has(key)) add(`permissions.${i}`, `${key} is listed twice: remove one.`);
    seenPermissions.add(key);
    if (draft.scope === 'organization' && entry.scope === 'global') {
      add(`permissions.${i}`, `${key} is a global permission: only a global role (globalRoleDefs) may hold it; Arthur's custom_roles endpoint refuses it in an organization role.`);
    }
  });

  if (draft.scope === 'organization') {
    const seenParents = new Set<string>();
    draft.inheritedRoleNames.forEach((parentName, i) => {
      const field = `inheritedRoleNames.${i}`;
      if (seenParents.has(parentName.toLowerCase())) return add(field, `"${parentName}" is listed twice: remove one.`);
      seenParents.add(parentName.toLowerCase());
      if (parentName.toLowerCase() === name.toLowerCase()) return add(field, 'A role cannot inherit itself.');
      if (builtInNode(parentName)) return;
      const builtInSpelling = builtInLower.get(parentName.toLowerCase());
      if (builtInSpelling) return add(field, `Write the built-in role exactly as "${builtInSpelling}" (inherited names are matched letter for letter).`);
      const parent = snapshot.roles.get(parentName) ?? snapshot.rolesLower.get(parentName.toLowerCase());
      if (!parent || parent.role?.id === ownId) return add(field, `Unknown role "${parentName}": inherit a built-in role (${builtInRoles.map((b) => b.name).join(', ')}) or a role of the same organization.`);
      if (parent.name !== parentName) return add(field, `Write the role exactly as "${parent.name}" (inherited names are matched letter for letter).`);
      if (parent.organizationId === null) return add(field, `"${parentName}" is a global role: organization roles inherit only built-in roles or roles of the same organization.`);
      if (parent.organizationId !== organizationId) {
        return add(field, `"${parentName}" belongs to ${orgName(snapshot, parent.organizationId)}: a role inherits only built-in roles or roles of its own organization.`);
      }
      const cycle = findCycle(snapshot, parentName, name, ownId);
      if (cycle) add(field, `Inheriting "${parentName}" makes a cycle: ${[name, ...cycle].map((n) => `"${n}"`).join(' → ')}.`);
    });
  }
  return issues;
}

/** The chain from `start` back to the draft (`draftName`, or the edited role's old name), if inheritance leads there. */
function findCycle(snapshot: RbacSnapshot, start: string, draftName: string, ownId: string | null): string[] | null {
  const oldName = ownId ? snapshot.rolesById.get(ownId)?.name : undefined;
  const isSelf = (n: string) => n.toLowerCase() === draftName.toLowerCase() || n === oldName;
  const visited = new Set<string>([start]);
  const stack: string[][] = [[start]];
  while (stack.length > 0) {
    const trail = stack.pop() as string[];
    const current = trail[trail.length - 1] as string;
    const node = snapshot.roles.get(current);
    if (!node?.role || node.role.id === ownId) continue;
    for (const next of node.role.inheritedRoleNames) {
      if (isSelf(next)) return [...trail, draftName];
      if (visited.has(next)) continue;
      visited.add(next);
      stack.push([...trail, next]);
    }
  }
  return null;
}

/** A draft's effective permissions (own ∪ inherited, with their chains) and the unpublished built-ins it reaches. */
export function draftEffective(draft: RoleDraft, snapshot: RbacSnapshot, ownId: string | null): { effectivePermissions: EffectivePermission[]; unpublishedInherited: string[] } {
  const effective = new Map<string, readonly string[]>();
  for (const p of draft.permissions) effective.set(permissionKey(p), [draft.name]);
  const unpublished = new Set<string>();
  const organizationId = draft.organizationId === null ? null : (findOrganization(snapshot, draft.organizationId)?.id ?? null);
  if (draft.scope === 'organization') {
    for (const parentName of draft.inheritedRoleNames) {
      const parent: RoleNode | undefined = builtInNode(parentName) ?? snapshot.roles.get(parentName);
      if (!parent || parent.role?.id === ownId || (parent.kind !== 'builtin' && parent.organizationId !== organizationId)) continue;
      for (const [key, via] of parent.effective) {
        const known = effective.get(key);
        if (!known || known.length > via.length + 1) effective.set(key, [draft.name, ...via]);
      }
      for (const u of parent.unpublished) unpublished.add(u);
    }
  }
  return { effectivePermissions: toEffectiveList(effective), unpublishedInherited: [...unpublished] };
}

/** `resource:action → via` as the contract's list, sorted by resource then action. */
export function toEffectiveList(effective: ReadonlyMap<string, readonly string[]>): EffectivePermission[] {
  return [...effective.entries()]
    .map(([key, via]) => {
      const [resource, action] = key.split(':') as [string, string];
      return { resource, action, via: [...via] };
    })
    .sort((a, b) => a.resource.localeCompare(b.resource) || a.action.localeCompare(b.action));
}
