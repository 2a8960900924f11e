import { randomUUID } from 'node:crypto';
import type { Organization, Role, RoleDraft } from '../../contract/index.js';
import type { Store } from '../ports/index.js';
import { buildSnapshot, validateRole } from '../rbac/index.js';

export interface RoleDefInput {
  role_name: string;
  permissions: Array<{ resource: string; action: string }>;
  inherited_role_names: string[];
}

export type WriteOutcome = { ok: true; roles: RoleDefInput[] } | { ok: false; status: 400 | 409; detail: string };

/** The rehearsal engine's view of the installation: its own organizations and roles, plus the workbench's global roles. */
export function rehearsalRoles(store: Store): Role[] {
  return [...store.rehearsal.roles.list(), ...store.roles.list().filter((r) => r.scope === 'global')];
}

export const asRoleDef = (role: Role): RoleDefInput => ({
  role_name: role.name,
  permissions: role.permissions.map((p) => ({ resource: p.resource, action: p.action })),
  inherited_role_names: [...role.inheritedRoleNames],
});

/** Reads a `{"roles":[RoleDef…]}` body strictly; the first problem is the 400 answer. */
export function parseRolesBody(body: unknown): RoleDefInput[] | string {
  const roles = (body as { roles?: unknown } | null)?.roles;
  if (!Array.isArray(roles) || roles.length === 0) return 'Body must be {"roles": [ … ]} with at least one role.';
  const out: RoleDefInput[] = [];
  for (const [index, raw] of roles.entries()) {
    const role = raw as Record<string, unknown> | null;
    if (!role || typeof role !== 'object' || typeof role.role_name !== 'string' || role.role_name.trim() === '') return `roles[${index}].role_name is required.`;
    const unknownKey = Object.keys(role).find((k) => !['role_name', 'permissions', 'inherited_role_names'].includes(k));
    if (unknownKey) return `roles[${index}] has an unknown field "${unknownKey}".`;
    const permissions = role.permissions ?? [];
    const inherited = role.inherited_role_names ?? [];
    if (!Array.isArray(permissions) || permissions.some((p) => typeof (p as Record<string, unknown>)?.resource !== 'string' || typeof (p as Record<string, unknown>)?.action !== 'string')) {
      return `roles[${index}].permissions must be a list of {"resource","action"}.`;
    }
    if (!Array.isArray(inherited) || inherited.some((n) => typeof n !== 'string')) return `roles[${index}].inherited_role_names must be a list of role names.`;
    if (permissions.length === 0 && inherited.length === 0) return `roles[${index}] ("${role.role_name}") has neither permissions nor inherited_role_names.`;
    out.push({ role_name: role.role_name, permissions: permissions as RoleDefInput['permissions'], inherited_role_names: inherited as string[] });
  }
  return out;
}

/**
 * POST custom_roles (additive) with Arthur's rules, checked by the roles validator against the rehearsal installation
 * with the whole batch in it (so a batch may hold a role and the role inheriting it). All or nothing.
 */
export function createRoles(store: Store, org: Organization, defs: RoleDefInput[], now: Date): WriteOutcome {
  const at = now.toISOString();
  const seen = new Set<string>();
  for (const def of defs) {
    const key = def.role_name.toLowerCase();
    if (seen.has(key)) return { ok: false, status: 400, detail: `Role "${def.role_name}" appears twice in the body.` };
    seen.add(key);
  }
  const existing = rehearsalRoles(store);
  const clash = existing.find((r) => seen.has(r.name.toLowerCase()));
  if (clash) return { ok: false, status: 409, detail: `A role named "${clash.name}" already exists${clash.organizationId ? '' : ' (global)'}: role names are unique across the installation. DELETE it first to replace it.` };
  const fresh: Role[] = defs.map((def) => ({
    id: randomUUID(),
    scope: 'organization',
    organizationId: org.id,
    name: def.role_name,
    description: '',
    permissions: def.permissions,
    inheritedRoleNames: def.inherited_role_names,
    createdAt: at,
    updatedAt: at,
  }));
  const snapshot = buildSnapshot(store.rehearsal.organizations.list(), [...existing, ...fresh]);
  for (const role of fresh) {
    const draft: RoleDraft = { scope: 'organization', organizationId: org.id, name: role.name, description: '', permissions: role.permissions, inheritedRoleNames: role.inheritedRoleNames };
    const issues = validateRole(draft, snapshot, role.id);
    if (issues.length) return { ok: false, status: 400, detail: `Role "${role.name}": ${issues.map((i) => `${i.field}: ${i.message}`).join(' ')}` };
  }
  store.transaction(() => {
    for (const role of fresh) store.rehearsal.roles.put(role);
  });
  return { ok: true, roles: fresh.map(asRoleDef) };
}

/** DELETE custom_roles: named roles of the organization, or `["*"]` for all of them; answers what was deleted. */
export function deleteRoles(store: Store, org: Organization, names: unknown): WriteOutcome {
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string')) return { ok: false, status: 400, detail: 'Body must be {"roles": ["name", …]} or {"roles": ["*"]}.' };
  const inOrg = store.rehearsal.roles.list().filter((r) => r.organizationId === org.id);
  const all = names.includes('*');
  const wanted = new Set((names as string[]).map((n) => n.toLowerCase()));
  const doomed = all ? inOrg : inOrg.filter((r) => wanted.has(r.name.toLowerCase()));
  if (!all) {
    const missing = (names as string[]).filter((n) => !inOrg.some((r) => r.name.toLowerCase() === n.toLowerCase()));
    if (missing.length) return { ok: false, status: 400, detail: `No role ${missing.map((m) => `"${m}"`).join(', ')} in organization ${org.id}.` };
  }
  store.transaction(() => {
    for (const role of doomed) store.rehearsal.roles.delete(role.id);
  });
  return { ok: true, roles: doomed.map(asRoleDef) };
}
