import type { AccessDecision, Permission } from '../../contract/index.js';
import { permissionKey } from '../../contract/schemas/rbac-catalogue.js';
import { deepLink, grantIn, selectOrganization, type ResolvedUser } from './resolver.js';
import type { RbacSnapshot, RoleNode } from './snapshot.js';

type Step = AccessDecision['path'][number];

export interface DecideInput {
  snapshot: RbacSnapshot;
  user: ResolvedUser;
  permission: Permission;
  /** The claim path or attribute the groups were read from (the first link of the chain). */
  groupsSource: string;
  /** As the `Arthur-Organization-ID` header would carry it. */
  header?: string | undefined;
  /** As the `_arthur_session` cookie's organization. */
  session?: string | undefined;
  /** The platform's web address, for deep links when several organizations are reachable. */
  webappUrl?: string | undefined;
}

/** Arthur's words for a login whose groups match no role (arthur-sso-access-control.md). */
export const NO_MATCH_REASON = 'It is not required that every group have a corresponding role, but at least one group must match a role.';

/** At most `max` quoted items, then how many more (a user may carry a thousand groups). */
const quoted = (items: readonly string[], max = 20) =>
  items.length === 0 ? '(none)' : items.slice(0, max).map((g) => `"${g}"`).join(', ') + (items.length > max ? `, … (${items.length - max} more)` : '');

const orgLabel = (snapshot: RbacSnapshot, id: string) => {
  const org = snapshot.organizations.get(id);
  return org ? `${org.name} (${id})` : id;
};

/**
 * Decides one permission for one resolved login, as the platform would: no matching group → denied; organization by
 * header, session or the only one (an unreachable one → not_found, the platform's 404); then the user's roles there
 * (and its global roles). The explanation and the graph path say which links decided.
 */
export function decide(input: DecideInput): AccessDecision {
  const { snapshot, user, permission } = input;
  const key = permissionKey(permission);
  const scope = snapshot.catalogue.get(key) ?? 'organization';
  const explanation: string[] = [];
  const path: Step[] = [{ kind: 'claim', label: input.groupsSource, decisive: true }];
  const organizations = user.reachable.map((id) => ({ id, name: snapshot.organizations.get(id)?.name ?? id }));
  const links = user.reachable.length > 1 ? user.reachable.flatMap((id) => {
    const url = deepLink(input.webappUrl, id);
    return url ? [{ organizationId: id, url }] : [];
  }) : [];
  const base = {
    permission,
    groups: [...user.groups],
    roles: [...new Set(user.matches.map((m) => m.role.name))],
    unmatchedGroups: user.unmatchedGroups,
    organizations,
    deepLinks: links,
  };
  const finish = (decision: AccessDecision['decision'], organization: AccessDecision['organization']): AccessDecision => {
    path.push({ kind: 'permission', label: key, decisive: decision === 'allowed' });
    return { ...base, allowed: decision === 'allowed', decision, organization, explanation, path };
  };

  explanation.push(`${user.groups.length} group(s) from ${input.groupsSource}: ${quoted(user.groups)}.`);
  if (user.matches.length === 0) {
    explanation.push(`Denied: no group matches a role. ${NO_MATCH_REASON}`);
    for (const group of user.groups.slice(0, 50)) path.push({ kind: 'group', label: group, decisive: false });
    return finish('denied', null);
  }
  for (const match of user.matches) {
    const where = match.role.organizationId ? `organization ${orgLabel(snapshot, match.role.organizationId)}` : 'global';
    explanation.push(`Group "${match.group}" → role "${match.role.name}" (${where}).`);
  }
  if (user.unmatchedGroups.length) explanation.push(`Ignored (no role of that name): ${quoted(user.unmatchedGroups)}.`);

  let organization: AccessDecision['organization'] = null;
  let organizationId: string | null = null;
  if (scope === 'global') {
    explanation.push(`${key} is an installation-wide permission: only global roles grant it, whatever the organization.`);
  } else {
    const choice = selectOrganization(snapshot, user, { header: input.header, session: input.session });
    if (choice.kind === 'not_found') {
      const how = choice.selectedBy === 'header' ? 'Arthur-Organization-ID header' : '_arthur_session organization';
      explanation.push(`Not found: the ${how} names "${choice.ref}", which this user cannot reach (the platform answers 404). Reachable: ${organizations.map((o) => o.name).join(', ') || 'none'}.`);
      path.push({ kind: 'organization', label: choice.ref, decisive: true });
      return finish('not_found', null);
    }
    if (choice.kind === 'none') {
      if (choice.reason === 'several') {
        explanation.push(`Denied: the user reaches ${organizations.length} organizations (${organizations.map((o) => o.name).join(', ')}) and none was chosen: send Arthur-Organization-ID, set a session (PUT /organizations/current), or use a deep link.`);
      } else {
        explanation.push('Denied: none of the matched roles belongs to an organization (global roles grant only installation-wide permissions when no organization exists).');
      }
      path.push({ kind: 'organization', label: '(none chosen)', decisive: true });
      return finish('denied', null);
    }
    const org = choice.organization;
    organization = { id: org.id, name: org.name, selectedBy: choice.selectedBy };
    organizationId = org.id;
    const how = { header: 'from the Arthur-Organization-ID header', session: 'from the _arthur_session organization', single: 'the only organization the user reaches' }[choice.selectedBy];
    explanation.push(`Organization: ${org.name} (${org.id}), ${how}.`);
  }

  const grant = grantIn(user, organizationId, key, scope);
  const orgStep = (decisive: boolean) => {
    if (organization) path.push({ kind: 'organization', label: organization.name, decisive });
  };
  if (grant.kind === 'granted') {
    const group = user.matches.find((m) => m.role === grant.role)?.group ?? grant.role.name;
    orgStep(true);
    pushChain(path, group, grant.role, grant.via);
    explanation.push(`Allowed: ${grant.via.map((r) => `"${r}"`).join(' → ')} grants ${key}.`);
    return finish('allowed', organization);
  }
  orgStep(false);
  const held = scope === 'global' ? user.globalRoles : [...(organizationId ? (user.organizationRoles.get(organizationId) ?? []) : []), ...user.globalRoles];
  for (const role of held) {
    const group = user.matches.find((m) => m.role === role)?.group ?? role.name;
    path.push({ kind: 'group', label: group, decisive: false }, { kind: 'role', label: role.name, decisive: false });
  }
  if (grant.kind === 'undetermined') {
    explanation.push(
      `Undetermined: no published permission grants ${key}, but ${grant.roles.map((r) => `"${r.name}"`).join(', ')} inherit${grant.roles.length === 1 ? 's' : ''} ${grant.unpublished.map((u) => `"${u}"`).join(', ')}, whose permissions the Arthur docs do not publish: check on the platform (GET /api/v3/authorization/permissions).`,
    );
    for (const name of grant.unpublished) path.push({ kind: 'inherited', label: name, decisive: true });
    return finish('undetermined', organization);
  }
  const where = scope === 'global' ? 'the user’s global roles' : `the user’s roles in ${organization?.name ?? 'the organization'}${user.globalRoles.length ? ' and its global roles' : ''}`;
  explanation.push(`Denied: none of ${where} (${held.map((r) => `"${r.name}"`).join(', ') || 'none'}) grants ${key}.`);
  return finish('denied', organization);
}

function pushChain(path: Step[], group: string, role: RoleNode, via: readonly string[]): void {
  path.push({ kind: 'group', label: group, decisive: true }, { kind: 'role', label: role.name, decisive: true });
  for (const name of via.slice(1)) path.push({ kind: 'inherited', label: name, decisive: true });
}
