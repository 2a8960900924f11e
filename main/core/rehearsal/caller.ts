import { timingSafeEqual } from 'node:crypto';
import type { StoredConnection } from '../../contract/index.js';
import { readClaim } from '../connections/claim-path.js';
import { secretAccounts } from '../connections/secrets.js';
import type { Ports } from '../ports/index.js';
import { groupSettingsOf, groupsFromClaims, resolveGroups, type RbacSnapshot, type ResolvedUser } from '../rbac/index.js';
import { CheckList } from '../test-runs/checks.js';
import { decodeCompactJwt, validateJwt } from '../test-runs/oidc/id-token.js';
import type { JwksCache } from '../test-runs/oidc/jwks.js';

/** Who calls the rehearsal engine: its admin (the printed admin token), or a user with an IdP token. */
export type Caller =
  | { kind: 'admin'; user: ResolvedUser }
  | { kind: 'user'; user: ResolvedUser; claims: Record<string, unknown>; connection: StoredConnection };

export class CallerError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The admin holds Super Admin (every permission) and reaches every organization. */
export function adminUser(snapshot: RbacSnapshot): ResolvedUser {
  const superAdmin = snapshot.builtIns.get('Super Admin');
  return {
    groups: [],
    matches: [],
    unmatchedGroups: [],
    globalRoles: superAdmin ? [superAdmin] : [],
    organizationRoles: new Map(),
    reachable: [...snapshot.organizations.keys()],
  };
}

const audiences = (aud: unknown): string[] => (typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : []);

/**
 * The bearer token of a request, as the platform would take it: the admin token, or a JWT from an IdP validated
 * against the active OIDC connection whose issuer and client id (aud or azp) it carries — signature with that
 * connection's JWKS and allow-listed algorithms, issuer, audience, expiry (the same checks as `ssowb inspect`) — and
 * its groups resolved to roles by the roles resolver.
 */
export async function authenticate(
  authorization: string | undefined,
  deps: { adminToken: string; snapshot: RbacSnapshot; ports: Ports; jwks: JwksCache },
): Promise<Caller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new CallerError(401, 'Missing bearer token: send Authorization: Bearer <token>.');
  const token = match[1] as string;
  if (same(token, deps.adminToken)) return { kind: 'admin', user: adminUser(deps.snapshot) };
  const decoded = decodeCompactJwt(token);
  if (!decoded) throw new CallerError(401, 'The bearer token is neither the admin token nor a signed JWT.');
  const iss = decoded.payload.iss;
  const aud = audiences(decoded.payload.aud);
  const azp = typeof decoded.payload.azp === 'string' ? decoded.payload.azp : undefined;
  const connection = deps.ports.store.connections
    .list()
    .find((c) => c.active && c.protocol === 'oidc' && c.oidc.issuer === iss && (aud.includes(c.oidc.clientId) || azp === c.oidc.clientId));
  if (!connection || connection.protocol !== 'oidc') {
    throw new CallerError(401, `No active OIDC connection has issuer ${JSON.stringify(iss ?? null)} and a client id in aud ${JSON.stringify(aud)}${azp ? ` or azp "${azp}"` : ''}.`);
  }
  const s = connection.oidc;
  const hmac = s.allowedSigningAlgs.some((alg) => alg.startsWith('HS'));
  const clientSecret = hmac && connection.hasClientSecret ? ((await deps.ports.secrets.get(secretAccounts.clientSecret(connection.id))) ?? undefined) : undefined;
  const checks = new CheckList();
  await validateJwt(
    token,
    { prefix: 'oidc.access_token', issuer: s.issuer, clientId: s.clientId, nonce: 'not_applicable', clockToleranceSeconds: s.clockToleranceSeconds, now: deps.ports.clock.now(), strict: false, offline: false },
    // Always verified here, whatever the connection's test setting: this engine stands for the platform.
    { allowedAlgs: s.allowedSigningAlgs, verify: true, jwksUri: s.jwksUri, jwks: deps.jwks, clientSecret, failIsWarn: false },
    checks,
  );
  const failed = checks.list([], '').filter((c) => c.status === 'fail');
  if (failed.length) throw new CallerError(401, `The token was refused (${connection.displayName}): ${failed.map((c) => `${c.id}: ${c.message}`).join(' ')}`);
  const groups = groupsFromClaims(connection, decoded.payload);
  const user = resolveGroups(deps.snapshot, groups, { caseSensitive: groupSettingsOf(connection).caseSensitive });
  if (user.matches.length === 0) {
    throw new CallerError(403, `None of the token's groups (${groups.length ? groups.join(', ') : 'none'}) matches a role: the platform denies this login.`);
  }
  return { kind: 'user', user, claims: decoded.payload, connection };
}

/** `GET /users/me/auth_info` (AuthenticationInfo, arthur-platform.md §1.6), read through the connection's mappings. */
export function authInfo(caller: Caller): Record<string, unknown> {
  const roles = caller.user.matches.map((m) => m.role.name);
  if (caller.kind === 'admin') {
    return { organization_ids: caller.user.reachable, issuer: 'sso-workbench-rehearsal', external_user_id: null, internal_user_id: 'rehearsal-admin', service_account_id: null, username: 'rehearsal-admin', first_name: null, last_name: null, email: null, roles: ['Super Admin'] };
  }
  const m = caller.connection.protocol === 'oidc' ? caller.connection.oidc.claimMappings : undefined;
  const read = (path: string | undefined) => {
    if (!path) return null;
    try {
      const value = readClaim(caller.claims, path);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
    } catch {
      return null;
    }
  };
  return {
    organization_ids: caller.user.reachable,
    issuer: caller.claims.iss ?? null,
    external_user_id: read(m?.userId),
    internal_user_id: null,
    service_account_id: null,
    username: read('preferred_username') ?? read(m?.email),
    first_name: read(m?.givenName),
    last_name: read(m?.familyName),
    email: read(m?.email),
    roles,
  };
}
