import type { Check, MappedUser } from '../../contract/index.js';
import { parseClaimPath, readClaim } from '../connections/claim-path.js';
import { detectGroupsOverage, normaliseGroups, type GroupsOverage } from './groups.js';
import { emailVerifiedCheck, groupsCheck, missingClaimHint } from './mapping-messages.js';

export type UserField = keyof MappedUser;
export const userFields: readonly UserField[] = ['userId', 'email', 'name', 'givenName', 'familyName', 'picture'];

export interface ClaimMappingInput {
  /** Merged claims (ID token, userinfo, access token). */
  claims: Record<string, unknown>;
  /** Where each top-level claim came from, for messages. */
  origins: Record<string, string>;
  /** Platform field → claim path; '' = not mapped. */
  mappings: Record<UserField, string>;
  emailVerification: boolean;
  groupSync: { enabled: boolean; claim: string; caseSensitive: boolean };
  provider: string;
  /** The scopes the connection requests (hints do not ask for a scope that was requested). */
  requestedScopes?: readonly string[];
}

export interface ClaimMappingResult {
  /** The user the platform would create or log in, read through the connection's claim paths. */
  user: MappedUser;
  groups: string[];
  overage: GroupsOverage | null;
  checks: Check[];
}

/** A claim value as the platform would store it: strings as is, numbers/booleans as text, a list's first string. */
function asText(value: unknown): { text: string | null; note: string } {
  if (typeof value === 'string') return { text: value.trim() === '' ? null : value, note: '' };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), note: ` (a ${typeof value}, used as text)` };
  if (Array.isArray(value)) {
    const first = value.find((item) => typeof item === 'string' && item.trim() !== '');
    if (typeof first === 'string') return { text: first, note: value.length > 1 ? ` (first of ${value.length} values)` : ' (a one-item list)' };
  }
  return { text: null, note: '' };
}

/** ", from the userinfo" for the top-level claim a path starts at, when its origin is known. */
function originOf(path: string, origins: Record<string, string>): string {
  let top: string | undefined;
  try {
    top = parseClaimPath(path)[0];
  } catch {
    top = undefined;
  }
  const origin = top === undefined ? undefined : origins[top];
  return origin ? `, from the ${origin.replace('_', ' ')}` : '';
}

/**
 * ClearML "Claims mappings" applied to the claims of a run: one `mapping.<field>` check per platform field, the
 * `mapping.email_verified` policy and `mapping.groups` (normalised; the Entra ID overage explained). Protocol-neutral
 * over a claims object: OIDC passes merged claims, and SAML may pass attributes with claim paths quoted whole.
 */
export function mapClaims(input: ClaimMappingInput): ClaimMappingResult {
  const { claims, mappings, origins } = input;
  const checks: Check[] = [];
  const user: MappedUser = { userId: null, email: null, name: null, givenName: null, familyName: null, picture: null };
  const add = (id: string, status: Check['status'], message: string, hint = '') => checks.push({ id, status, message, hint: status === 'pass' ? '' : hint });

  for (const field of userFields) {
    const id = `mapping.${field}`;
    const path = mappings[field];
    if (!path) {
      add(id, 'skip', `${field} is not mapped (no claim path set).`);
      continue;
    }
    let raw: unknown;
    try {
      raw = readClaim(claims, path);
    } catch (error) {
      add(id, 'fail', `The claim path "${path}" for ${field} is not valid: ${(error as Error).message}`, 'Fix the claim path in the connection’s claim mappings.');
      continue;
    }
    const { text, note } = asText(raw);
    if (text === null) {
      const required = field === 'userId' || (field === 'email' && input.emailVerification);
      const what = raw === undefined ? 'is not in the claims' : `holds no usable text (${JSON.stringify(raw)?.slice(0, 60)})`;
      add(id, required ? 'fail' : 'warn', `${field} is empty: the claim "${path}" ${what}.`, missingClaimHint(field, path, Object.keys(claims), input.provider, input.requestedScopes));
      continue;
    }
    user[field] = text;
    if (field === 'email' && !text.includes('@')) {
      add(id, 'warn', `email = "${text}" (claim "${path}"${originOf(path, origins)}) does not look like an email address.`, missingClaimHint(field, path, Object.keys(claims), input.provider));
      continue;
    }
    add(id, 'pass', `${field} = "${text}" (claim "${path}"${originOf(path, origins)})${note}.`);
  }

  checks.push(emailVerifiedCheck(claims, user.email, input.emailVerification, input.provider));

  const { enabled, claim, caseSensitive } = input.groupSync;
  let rawGroups: unknown;
  try {
    rawGroups = readClaim(claims, claim);
  } catch {
    rawGroups = undefined;
  }
  const normalised = normaliseGroups(rawGroups, { caseSensitive });
  const overage = normalised.shape === 'absent' ? detectGroupsOverage(claims, claim) : null;
  checks.push(groupsCheck({ enabled, claim, normalised, overage, provider: input.provider, origin: originOf(claim, origins), claims }));
  return { user, groups: normalised.groups, overage, checks };
}
