import { formatClaimPath } from '../../contract/schemas/connection-claim-path.js';

/**
 * Where IdPs put groups when they are not where the connection looks (issue 12, per-vendor claim shapes):
 * Cognito `cognito:groups`, Keycloak realm roles `realm_access.roles` and client roles `resource_access.<client>.roles`,
 * Auth0/custom namespaced claims (`https://…/groups`), plain `groups` / `roles` (Entra app roles).
 */
export function groupsElsewhere(claims: Record<string, unknown>, claimPath: string): Array<{ path: string; count: number }> {
  const found: Array<{ path: string; count: number }> = [];
  const consider = (segments: string[], value: unknown) => {
    const path = formatClaimPath(segments);
    if (path === claimPath) return;
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) found.push({ path, count: value.length });
  };
  for (const [key, value] of Object.entries(claims)) {
    if (key === 'groups' || key === 'roles' || key === 'cognito:groups' || /\/(groups|roles)$/i.test(key)) consider([key], value);
  }
  const realm = claims.realm_access;
  if (realm && typeof realm === 'object' && !Array.isArray(realm)) consider(['realm_access', 'roles'], (realm as Record<string, unknown>).roles);
  const resource = claims.resource_access;
  if (resource && typeof resource === 'object' && !Array.isArray(resource)) {
    for (const [client, entry] of Object.entries(resource)) {
      if (entry && typeof entry === 'object') consider(['resource_access', client, 'roles'], (entry as Record<string, unknown>).roles);
    }
  }
  return found;
}

/** Why a groups claim is absent, worded per vendor: what to change at the IdP. */
export function absentGroupsHint(provider: string, claim: string, elsewhere: Array<{ path: string; count: number }>): string {
  const moved = elsewhere.length
    ? `The groups came elsewhere: ${elsewhere.map((e) => `${e.path} (${e.count})`).join(', ')}; set the groups claim path to it (CLI --groups-claim '${elsewhere[0]?.path}'). `
    : '';
  switch (provider) {
    case 'google':
      return `${moved}Google sign-in (OIDC) never sends groups: use Google Workspace SAML with a "Group membership" attribute, or turn off group sync and manage groups in the platform.`;
    case 'okta':
      return `${moved}Okta puts a Groups claim in the ID token only when the claim is set to "Include in: ID Token – Always"; otherwise it comes only from the userinfo endpoint. In Okta (Security → API → authorization server → Claims) add a "${claim}" claim of type Groups for the ID token, or turn off "Obtain user information from Identity Token" so userinfo is read.`;
    case 'cognito':
      return `${moved}Cognito sends a user's groups as "cognito:groups" (in the ID and access tokens), only for users in at least one group: set the groups claim path to "cognito:groups" (quoted: the name has a colon) and add the user to a group in the user pool.`;
    case 'keycloak':
      return `${moved}Keycloak sends realm roles as realm_access.roles and client roles as resource_access.<client>.roles; for groups add a "Group Membership" mapper (token claim name "${claim}", "Full group path" off) to the client's dedicated scope.`;
    case 'azure':
    case 'microsoft-ad':
      return `${moved}Microsoft Entra ID sends "groups" only when the app's Token configuration has a groups claim: add it (Security groups, ID token), or use app roles ("roles").`;
    default:
      return `${moved}Configure the IdP to send the user's groups in the "${claim}" claim (e.g. a groups scope or claim mapper; Okta: a Groups claim; Keycloak: a "Group Membership" mapper; Cognito: "cognito:groups"), or change the groups claim path.`;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Entra ID sends security groups as object IDs (GUIDs) by default: platforms match group names, so none matches.
 * Null unless every group is a GUID.
 */
export function guidGroupsHint(groups: readonly string[]): string | null {
  if (groups.length === 0 || !groups.every((g) => GUID.test(g))) return null;
  return 'These are group object IDs (GUIDs), as Microsoft Entra ID sends by default; the platform matches group names. In the app registration → Token configuration → groups claim, emit "sAMAccountName" (synced groups) or "cloud_displayname" (cloud groups, via the manifest), or name the platform groups/roles by object ID.';
}
