import { createHash } from 'node:crypto';
import type { ArthurRoleDef, Organization, Plan, PlanChange, Role, StoredTarget } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import type { Store } from '../ports/index.js';
import { ArthurApiError, type ArthurClient } from './arthur-client.js';

/** A local organization role as the custom_roles endpoint takes it. */
export function toRoleDef(role: Role): ArthurRoleDef {
  return {
    role_name: role.name,
    permissions: role.permissions.map((p) => ({ resource: p.resource, action: p.action })),
    inherited_role_names: [...role.inheritedRoleNames],
  };
}

/** canonical() per definition object: a plan compares and digests each definition more than once. */
const canonicalOf = new WeakMap<ArthurRoleDef, string>();

/** Sorted, de-duplicated permission keys and inherited names: what makes two definitions the same role. */
function canonical(def: ArthurRoleDef): string {
  const known = canonicalOf.get(def);
  if (known !== undefined) return known;
  const value = computeCanonical(def);
  canonicalOf.set(def, value);
  return value;
}

function computeCanonical(def: ArthurRoleDef): string {
  const permissions = [...new Set((def.permissions ?? []).map((p) => `${p.resource}:${p.action}`))].sort();
  const inherited = [...new Set(def.inherited_role_names ?? [])].sort();
  return JSON.stringify([permissions, inherited]);
}
export const sameRole = (a: ArthurRoleDef, b: ArthurRoleDef): boolean => canonical(a) === canonical(b);

export function selectOrganizations(store: Store, ref: string | undefined): Organization[] {
  const all = store.organizations.list();
  if (ref === undefined) return all;
  const found = store.organizations.get(ref.trim()) ?? store.organizations.findByName(ref);
  if (!found) throw new AppError('not_found', `organization: no organization named or with id "${ref}".`, { field: 'organization', hint: 'List them with `ssowb orgs list`.' });
  return [found];
}

/** Diffs one organization: create / replace (DELETE then POST) / delete / keep per role. */
export function diffOrganization(org: Organization, local: Role[], remote: ArthurRoleDef[], deleteUnknown: boolean): PlanChange[] {
  const changes: PlanChange[] = [];
  const remoteByName = new Map(remote.map((def) => [def.role_name.toLowerCase(), def]));
  // Each change is one object literal in the plan's field order (a spread of shared fields makes 1,000s of slow objects).
  const change = (role: string, action: PlanChange['action'], reason: string, remoteOnly: boolean, local: ArthurRoleDef | null, there: ArthurRoleDef | null): PlanChange => ({
    org: org.id,
    orgName: org.name,
    role,
    action,
    reason,
    remoteOnly,
    local,
    remote: there,
  });
  for (const role of local) {
    const def = toRoleDef(role);
    const key = role.name.toLowerCase();
    const there = remoteByName.get(key);
    remoteByName.delete(key);
    if (!there) changes.push(change(role.name, 'create', 'Not on the target: POST.', false, def, null));
    else if (sameRole(def, there) && there.role_name === role.name) changes.push(change(role.name, 'keep', 'Same permissions and inheritance.', false, def, there));
    else changes.push(change(role.name, 'replace', 'Differs on the target. The API has no update: replace = DELETE of the role, then POST of the new definition.', false, def, there));
  }
  for (const there of remoteByName.values()) {
    changes.push(
      deleteUnknown
        ? change(there.role_name, 'delete', 'On the target only, and you chose to delete roles the workbench does not know: DELETE.', true, null, there)
        : change(there.role_name, 'keep', 'On the target only (the workbench does not know it): kept. Choose "delete unknown roles" to remove it.', true, null, there),
    );
  }
  return changes;
}

export function digestOf(changes: PlanChange[]): string {
  const lines = changes.map((c) => [c.org, c.role, c.action, c.local ? canonical(c.local) : '', c.remote ? canonical(c.remote) : ''].join('|')).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
}

/** The order of String#localeCompare (same default locale and options), without its per-call set-up. */
const byName = new Intl.Collator();

/** Reads the target's roles per organization and diffs them with the workbench's. Nothing is sent but GETs. */
export async function buildPlan(options: {
  store: Store;
  client: ArthurClient;
  target: StoredTarget;
  organization: string | undefined;
  deleteUnknown: boolean;
  now: Date;
  readRemote?: (org: string) => Promise<ArthurRoleDef[]>;
}): Promise<Plan> {
  const { store, client, target } = options;
  const orgs = selectOrganizations(store, options.organization);
  const roles = store.roles.list();
  const changes: PlanChange[] = [];
  const notes: string[] = [];
  for (const org of orgs) {
    const local = roles.filter((r) => r.scope === 'organization' && r.organizationId === org.id).sort((a, b) => byName.compare(a.name, b.name));
    let remote: ArthurRoleDef[];
    try {
      remote = await (options.readRemote ?? client.listRoles)(org.id);
    } catch (error) {
      if (error instanceof ArthurApiError && error.failure === 'not_found') {
        notes.push(`Organization "${org.name}" (${org.id}) is not on ${target.name}: create it there first (POST /api/v3/organizations with that id), then plan again. Its ${local.length} role(s) are left out.`);
        continue;
      }
      if (error instanceof ArthurApiError) throw new AppError(error.failure === 'auth' ? 'forbidden' : 'network', error.message, error.options.hint ? { hint: error.options.hint } : {});
      throw error;
    }
    changes.push(...diffOrganization(org, local, remote, options.deleteUnknown));
  }
  const globalRoles = roles.filter((r) => r.scope === 'global').map((r) => r.name).sort();
  if (globalRoles.length) notes.push(`${globalRoles.length} global role(s) are not pushed: Arthur takes global roles only from globalRoleDefs in the IdP YAML. Export them with \`ssowb roles export --format global-yaml\` (Roles page → Export) and paste them into the Admin Console.`);
  if (orgs.length === 0) notes.push('The workbench has no organizations yet: add one on the Roles page (or `ssowb orgs add`) before planning.');
  const count = (action: PlanChange['action']) => changes.filter((c) => c.action === action).length;
  return {
    target: { id: target.id, name: target.name, url: target.url },
    at: options.now.toISOString(),
    changes,
    counts: { create: count('create'), replace: count('replace'), delete: count('delete'), keep: count('keep') },
    globalRoles,
    notes,
    digest: digestOf(changes),
  };
}
