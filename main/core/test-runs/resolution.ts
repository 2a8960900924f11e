import type { Check, Resolution, StoredConnection } from '../../contract/index.js';
import { defaultSettings, settingsSchema } from '../../contract/operations/settings.js';
import type { Store } from '../ports/index.js';
import { getSnapshot } from '../rbac/cache.js';
import { groupSettingsOf } from '../rbac/claims-source.js';
import { NO_MATCH_REASON } from '../rbac/decide.js';
import { deepLink, permissionsIn, resolveGroups } from '../rbac/resolver.js';
import type { RbacSnapshot } from '../rbac/snapshot.js';

/** The role resolution of a login's groups and its `resolution.roles` check (product.md "Resolution"). */
export interface ResolvedRoles {
  resolution: Resolution;
  check: Check;
}

/** Resolves a run's groups when the verdict is built (roles as they are then, not when the run started). */
export type RoleResolver = (groups: readonly string[]) => ResolvedRoles;

/** What resolution needs of a connection. */
export interface ResolutionSubject {
  platform: 'clearml' | 'arthur';
  caseSensitive: boolean;
  adminGroups: readonly string[];
  groupSyncEnabled: boolean;
  /** `claim groups` / `attribute "memberOf"`. */
  groupsSource: string;
  webappUrl?: string | undefined;
  /** ClearML 3.24: one IdP group → several platform groups (matched instead of the IdP group's own name). */
  groupMappings?: ReadonlyArray<{ idpGroup: string; platformGroups: readonly string[] }>;
}

const quoted = (items: readonly string[], max = 8) => (items.length ? items.slice(0, max).map((g) => `"${g}"`).join(', ') + (items.length > max ? `, … (${items.length - max} more)` : '') : '(none)');

export function emptyResolution(): Resolution {
  return { roles: [], unmatchedGroups: [], organizations: [], denied: false, reason: '', matches: [], permissions: {}, unpublishedRoles: [], clearml: null };
}

/**
 * Arthur: groups → roles (exact, or ignoring case) → organizations and permissions; no match → denied with Arthur's
 * reason. With no roles defined yet it cannot tell, and says how to add them (warn). ClearML: which existing platform
 * groups the IdP groups join (never created) and whether the user becomes an admin (adminGroups).
 */
export function resolveForReport(snapshot: RbacSnapshot, groups: readonly string[], subject: ResolutionSubject, clearmlGroups: readonly string[]): ResolvedRoles {
  if (subject.platform === 'clearml') return resolveClearml(groups, subject, clearmlGroups);
  const check = (status: Check['status'], message: string, hint = ''): Check => ({ id: 'resolution.roles', status, message, hint: status === 'pass' ? '' : hint });
  if (snapshot.roles.size === 0) {
    return {
      resolution: { ...emptyResolution(), unmatchedGroups: [...groups], reason: 'No roles are defined in the workbench yet, so the groups cannot be matched to roles.' },
      check: check('warn', `No roles are defined yet: ${groups.length} group(s) from ${subject.groupsSource} cannot be matched (${quoted(groups)}). Arthur refuses a login whose groups match no role.`, 'Add organizations and roles named exactly as the IdP groups: on the Roles page, or `ssowb orgs add --id ID --name N` then `ssowb roles import FILE --org ORG`.'),
    };
  }
  const user = resolveGroups(snapshot, groups, { caseSensitive: subject.caseSensitive });
  const matches = user.matches.map((m) => ({ group: m.group, role: m.role.name, scope: m.role.kind === 'global' ? ('global' as const) : ('organization' as const), organizationId: m.role.organizationId }));
  const base = { ...emptyResolution(), unmatchedGroups: user.unmatchedGroups, matches };
  if (user.matches.length === 0) {
    const how = subject.caseSensitive ? 'exactly' : 'ignoring case';
    return {
      resolution: { ...base, denied: true, reason: `Login refused: none of the ${groups.length} group(s) matches a role. ${NO_MATCH_REASON}` },
      check: check(
        'fail',
        groups.length ? `None of the ${groups.length} group(s) from ${subject.groupsSource} matches a role name (${how}): ${quoted(groups)}. Arthur refuses this login (at least one group must match a role).` : `The login carries no groups (${subject.groupsSource}), so no role can match: Arthur refuses it.`,
        groups.length ? 'Create a role named exactly as one of these groups (Roles page or `ssowb roles import`), or add the user to a group that has a role at the IdP.' : 'Have the IdP send the user\'s groups in the mapped claim/attribute, and assign the user to a group that has a role.',
      ),
    };
  }
  const permissions: Record<string, string[]> = {};
  for (const id of user.reachable) permissions[id] = permissionsIn(user, id);
  if (user.globalRoles.length) permissions['*'] = permissionsIn(user, null);
  const roles = [...new Set(user.matches.map((m) => m.role.name))];
  const unpublishedRoles = [...new Set(user.matches.flatMap((m) => m.role.unpublished))];
  const orgNames = user.reachable.map((id) => snapshot.organizations.get(id)?.name ?? id);
  const links = user.reachable.length > 1 ? user.reachable.map((id) => deepLink(subject.webappUrl, id)).filter((l): l is string => l !== null) : [];
  const parts = [
    `${user.matches.length} of ${groups.length} group(s) match roles: ${user.matches.slice(0, 8).map((m) => `"${m.group}" → ${m.role.name}`).join(', ')}${user.matches.length > 8 ? ', …' : ''}.`,
    user.unmatchedGroups.length ? `Ignored (no role): ${quoted(user.unmatchedGroups)}.` : '',
    user.reachable.length ? `Organizations: ${orgNames.join(', ')}${user.reachable.length > 1 ? ' (several: each request must name one with Arthur-Organization-ID or a session)' : ''}.` : 'Only global roles matched: installation-wide permissions, no organization.',
    user.globalRoles.length ? `Global role(s): ${user.globalRoles.map((r) => r.name).join(', ')}.` : '',
    unpublishedRoles.length ? `Inherits built-in role(s) whose permissions the docs do not publish: ${unpublishedRoles.join(', ')}.` : '',
    links.length ? `Deep links: ${links.join(' ')}` : '',
  ].filter(Boolean);
  return {
    resolution: { ...base, roles, organizations: user.reachable, permissions, unpublishedRoles, denied: false, reason: `Allowed: ${roles.length} role(s)${user.reachable.length ? ` in ${orgNames.join(', ')}` : ''}.` },
    check: check('pass', parts.join(' ')),
  };
}

function resolveClearml(groups: readonly string[], subject: ResolutionSubject, clearmlGroups: readonly string[]): ResolvedRoles {
  const fold = (g: string) => (subject.caseSensitive ? g : g.toLowerCase());
  const platform = new Map(clearmlGroups.map((g) => [fold(g), g]));
  const admins = new Set(subject.adminGroups.map(fold));
  const check = (status: Check['status'], message: string, hint = ''): ResolvedRoles['check'] => ({ id: 'resolution.roles', status, message, hint });
  if (!subject.groupSyncEnabled) {
    return {
      resolution: { ...emptyResolution(), unmatchedGroups: [...groups], reason: 'Group sync is off: ClearML leaves the user\'s group memberships alone.', clearml: { joinedGroups: [], unknownGroups: [...groups], admin: false, adminVia: [] } },
      check: check('skip', `Group sync is off, so ClearML joins the user to no group and grants no admin from ${subject.groupsSource}.`),
    };
  }
  const joined = new Set<string>();
  const unknown: string[] = [];
  const mappings = new Map((subject.groupMappings ?? []).map((m) => [fold(m.idpGroup), m.platformGroups]));
  const viaMapping: string[] = [];
  for (const g of groups) {
    const targets = mappings.get(fold(g));
    if (targets) viaMapping.push(`"${g}" → ${targets.map((t) => `"${t}"`).join(', ')}`);
    for (const target of targets ?? [g]) {
      const hit = platform.get(fold(target));
      if (hit) joined.add(hit);
      else unknown.push(targets ? target : g);
    }
  }
  const adminVia = groups.filter((g) => admins.has(fold(g)));
  const clearml = { joinedGroups: [...joined], unknownGroups: unknown, admin: adminVia.length > 0, adminVia };
  const resolution: Resolution = {
    ...emptyResolution(),
    unmatchedGroups: unknown,
    reason: `Joins ${joined.size} ClearML group(s)${clearml.admin ? '; becomes an admin' : ''}.`,
    clearml,
  };
  const adminText = clearml.admin ? `Becomes a ClearML admin via ${quoted(adminVia)}.` : 'Not an admin (no group is in adminGroups).';
  if (clearmlGroups.length === 0) {
    return {
      resolution,
      // Not evaluated rather than a warning: many ClearML setups never list their groups here.
      check: check('skip', `No ClearML platform groups are listed in the workbench, so it cannot tell which of the ${groups.length} IdP group(s) the user would join.${viaMapping.length ? ` Mapped: ${viaMapping.join('; ')}.` : ''} ${adminText}`, 'List the groups of your ClearML server in Settings → ClearML platform groups (or `ssowb config set clearml-groups "a,b"`): ClearML matches IdP groups to existing groups by name and never creates one.'),
    };
  }
  const how = subject.caseSensitive ? 'by exact name' : 'ignoring case';
  const mapped = viaMapping.length ? ` Group mappings applied: ${viaMapping.join('; ')}.` : '';
  const message = `Joins ${joined.size} ClearML group(s) (${how}): ${quoted([...joined])}.${mapped}${unknown.length ? ` No ClearML group for ${quoted(unknown)} (ignored: ClearML does not create groups).` : ''} ${adminText}`;
  if (joined.size === 0 && !clearml.admin) {
    return { resolution, check: check('warn', message, 'Create the ClearML groups named as the IdP groups (Settings → Users & Groups), or map the IdP groups to existing ones.') };
  }
  return { resolution, check: check('pass', message) };
}

/** The connection facts resolution needs, read from a stored connection. */
export function resolutionSubjectOf(connection: StoredConnection): ResolutionSubject {
  const g = groupSettingsOf(connection);
  const groupMappings = connection.protocol === 'oidc' ? connection.oidc.groupSync.mappings : connection.saml.groupSync.mappings;
  return { platform: connection.platform, caseSensitive: g.caseSensitive, adminGroups: g.adminGroups, groupSyncEnabled: g.enabled, groupsSource: g.label, webappUrl: connection.webappUrl, groupMappings };
}

/** A resolver over the store: the roles snapshot and the ClearML group list as they are when the verdict is built. */
export function createRoleResolver(store: Store, connection: StoredConnection): RoleResolver {
  const subject = resolutionSubjectOf(connection);
  return (groups) => resolveForReport(getSnapshot(store), groups, subject, subject.platform === 'clearml' ? clearmlGroupsOf(store) : []);
}

/**
 * Settings → ClearML platform groups as readSettings would give them (a stored list that no longer validates falls
 * back to the default), validating that one field instead of the whole settings object once per stored key.
 */
function clearmlGroupsOf(store: Store): readonly string[] {
  const stored = store.settings.getAll().clearmlGroups;
  if (stored === undefined) return defaultSettings.clearmlGroups;
  const parsed = settingsSchema.shape.clearmlGroups.safeParse(stored);
  return parsed.success ? parsed.data : defaultSettings.clearmlGroups;
}

/** Without a resolver (tests building verdicts directly): as with no roles defined. */
export const noRolesResolver = (platform: 'clearml' | 'arthur' = 'arthur'): RoleResolver => (groups) =>
  resolveForReport(emptySnapshot, groups, { platform, caseSensitive: true, adminGroups: [], groupSyncEnabled: false, groupsSource: 'groups' }, []);

const emptySnapshot: RbacSnapshot = { organizations: new Map(), organizationsLower: new Map(), roles: new Map(), rolesLower: new Map(), rolesById: new Map(), builtIns: new Map(), rolesByOrganization: new Map(), catalogue: new Map() };

/**
 * A run with a failed check is a refused login: denied, naming the first failed check, and no group is taken from its
 * claims. Otherwise (or when only the role resolution failed) the resolution computed from the mapped groups.
 */
export function finalResolution(resolved: Resolution | undefined, failures: readonly Check[], groups: readonly string[] = []): Resolution {
  // Refused by the roles alone (Arthur: no group matches a role): the resolution itself says why.
  if (resolved && failures.length > 0 && failures.every((c) => c.id === 'resolution.roles')) return resolved;
  const first = failures[0];
  if (first) {
    const more = failures.length > 1 ? ` (and ${failures.length - 1} more failed check(s))` : '';
    return { ...emptyResolution(), denied: true, reason: `Login refused: ${first.id} failed${more}. ${first.message}` };
  }
  return resolved ?? { ...emptyResolution(), unmatchedGroups: [...groups] };
}
