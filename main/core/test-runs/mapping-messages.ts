import { absentGroupsHint, groupsElsewhere, guidGroupsHint } from './vendor-groups.js';
import type { Check } from '../../contract/index.js';
import type { GroupsOverage, NormalisedGroups } from './groups.js';

const scopeFor: Partial<Record<string, string>> = {
  email: 'email',
  name: 'profile',
  givenName: 'profile',
  familyName: 'profile',
  picture: 'profile',
};

/** Where an IdP decides which claims an app receives. */
export function whereClaimsAreSet(provider: string): string {
  switch (provider) {
    case 'okta':
      return 'Okta: Security → API → the authorization server → Claims';
    case 'keycloak':
      return 'Keycloak: the client → Client scopes → mappers';
    case 'azure':
    case 'microsoft-ad':
      return 'Entra ID: App registration → Token configuration → optional claims';
    case 'auth0':
      return 'Auth0: the user profile, and Actions that add claims';
    case 'cognito':
      return 'Cognito: the app client’s attribute read permissions';
    case 'ping':
      return 'PingFederate/PingOne: the OIDC policy’s attribute contract';
    default:
      return 'the IdP app’s claim or attribute release settings';
  }
}

/**
 * The fix for a mapped claim that did not arrive: which scope asks for it, what this IdP is known to send instead,
 * and the claims that did arrive (so the admin can pick one). Names only, never values.
 */
export function missingClaimHint(field: string, path: string, received: string[], provider: string, requestedScopes: readonly string[] = []): string {
  const parts: string[] = [];
  const scope = scopeFor[field];
  if (scope && requestedScopes.includes(scope)) {
    parts.push(`The "${scope}" scope was requested, but the IdP did not release "${path}" for this user or app: make sure the user has this attribute at the IdP and that the app may receive it (${whereClaimsAreSet(provider)}), or map ${field} to another claim.`);
  } else if (scope) parts.push(`Request the "${scope}" scope (standard scopes) and make sure the user has this attribute at the IdP, or map ${field} to another claim.`);
  else parts.push(`Map ${field} to a claim the IdP sends (in OIDC, "sub" is always present).`);
  if (field === 'email' && (provider === 'azure' || provider === 'microsoft-ad')) {
    parts.push('Entra ID omits "email" for accounts without a mailbox: map email to "preferred_username" or "upn", or add the optional claim "email".');
  }
  if (field === 'email' && provider === 'cognito') parts.push('Cognito sends "email" only when the app client may read it (attribute read permissions).');
  const names = received.filter((name) => !name.startsWith('_')).slice(0, 30);
  parts.push(`The path "${path}" was looked up in: ${names.join(', ') || '(no claims)'}.`);
  return parts.join(' ');
}

/**
 * ClearML "Email verification": only users whose `email_verified` claim is true may log in (OIDC Core §5.1). The
 * string "true" (Cognito) is accepted and said so; anything else fails when the policy is on.
 */
export function emailVerifiedCheck(claims: Record<string, unknown>, email: string | null, required: boolean, provider: string): Check {
  const id = 'mapping.email_verified';
  const value = claims.email_verified;
  const shown = value === undefined ? 'absent' : JSON.stringify(value);
  if (!required) {
    return { id, status: 'skip', message: `Not required (email verification is off); email_verified is ${shown}.`, hint: '' };
  }
  if (value === true || value === 'true') {
    const note = value === 'true' ? ' (sent as the string "true", accepted)' : '';
    return { id, status: 'pass', message: `email_verified is true for ${email ?? 'the user'}${note}.`, hint: '' };
  }
  if (value === undefined) {
    const entra = provider === 'azure' || provider === 'microsoft-ad' ? ' Entra ID never sends email_verified in standard tokens.' : '';
    return {
      id,
      status: 'fail',
      message: 'Email verification is on, but the IdP sent no email_verified claim: the login would be refused.',
      hint: `Request the "email" scope so the IdP sends email_verified, or turn off email verification for this connection.${entra}`,
    };
  }
  return {
    id,
    status: 'fail',
    message: `email_verified is ${shown} for ${email ?? 'the user'}: with email verification on, the platform refuses this login.`,
    hint: 'Have the user verify their email address at the IdP (or mark it verified there), or turn off email verification for this connection (not recommended when users are created on first login).',
  };
}

interface GroupsCheckInput {
  enabled: boolean;
  claim: string;
  normalised: NormalisedGroups;
  overage: GroupsOverage | null;
  provider: string;
  /** ", from the userinfo" or ''. */
  origin: string;
  /** The merged claims, to find groups sent under another name (vendor shapes). */
  claims?: Record<string, unknown>;
}

/** `mapping.groups`: what group sync would see, why it sees nothing, or why it cannot see them (overage). */
export function groupsCheck(input: GroupsCheckInput): Check {
  const id = 'mapping.groups';
  const { enabled, claim, normalised, overage } = input;
  const list = normalised.groups.map((g) => `"${g}"`).join(', ');
  if (overage) {
    const where = overage.endpoint ? ` (${overage.endpoint})` : '';
    return {
      id,
      status: enabled ? 'fail' : 'warn',
      message: `The "${claim}" claim is not in the token: the IdP sent a groups overage marker instead (${overage.source === 'hasgroups' ? 'hasgroups: true' : `_claim_names → ${overage.source}`}${where}). The user belongs to more groups than the token can carry.`,
      hint: 'Microsoft Entra ID sends at most 200 groups (6 in implicit flows) and otherwise points to Microsoft Graph, which the platform does not call. In the app registration set "Groups assigned to the application" (and assign only the needed groups), or emit app roles instead of groups.',
    };
  }
  if (normalised.shape === 'absent') {
    if (!enabled) return { id, status: 'skip', message: `Group sync is off; no "${claim}" claim was received.`, hint: '' };
    return {
      id,
      status: 'warn',
      message: `Group sync is on but no "${claim}" claim was received: the user gets no groups (and no roles).`,
      hint: absentGroupsHint(input.provider, claim, groupsElsewhere(input.claims ?? {}, claim)),
    };
  }
  const notes: string[] = [];
  if (normalised.shape === 'string') notes.push('sent as a single string, read as one group');
  if (normalised.shape === 'string' && /[,;]/.test(normalised.groups[0] ?? '')) notes.push('it contains a separator: if it means several groups, have the IdP send a list');
  if (normalised.dropped) notes.push(`${normalised.dropped} non-text value(s) ignored`);
  if (normalised.duplicates) notes.push(`${normalised.duplicates} duplicate(s) removed`);
  const extra = notes.length ? ` (${notes.join('; ')})` : '';
  const count = `${normalised.groups.length} group(s) in "${claim}"${input.origin}: ${list || '(empty list)'}${extra}.`;
  if (!enabled) return { id, status: 'skip', message: `Group sync is off; ${count}`, hint: '' };
  if (normalised.groups.length === 0) {
    return { id, status: 'warn', message: `Group sync is on but ${count}`, hint: 'Assign the user to groups at the IdP, or check the groups claim mapper.' };
  }
  const guids = guidGroupsHint(normalised.groups);
  if (guids) return { id, status: 'warn', message: `${count} Every group is an object ID, not a name.`, hint: guids };
  return { id, status: 'pass', message: count, hint: '' };
}
