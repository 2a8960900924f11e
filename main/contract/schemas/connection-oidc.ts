import * as z from 'zod';
import { tokenEndpointAuthMethods } from './connection-names.js';
import { claimPathSchema, optionalClaimPathSchema } from './connection-claim-path.js';
import { endpointUrlSchema, scopeSchema } from './connection-fields.js';
import { authParamsSchema, groupMappingsSchema, groupNameSchema } from './connection-extras.js';

/** JWS algorithms an ID token may be signed with. `none` is deliberately absent: it is refused by validation. */
export const knownSigningAlgs = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512'];

/** ClearML "Claims mappings" (ClearML claim → IdP claim path). Empty string = not mapped. */
export const oidcClaimMappingsSchema = z
  .object({
    userId: claimPathSchema.default('sub'),
    email: optionalClaimPathSchema.default('email'),
    name: optionalClaimPathSchema.default('name'),
    givenName: optionalClaimPathSchema.default('given_name'),
    familyName: optionalClaimPathSchema.default('family_name'),
    picture: optionalClaimPathSchema.default('picture'),
  })
  .strict();

/** ClearML "User Groups Synchronization" plus the config-file options (`groups__claim/admins/case_sensitive`). */
export const oidcGroupSyncSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Claim path of the groups list, e.g. `groups`, `realm_access.roles`, `"cognito:groups"`. */
    claim: claimPathSchema.default('groups'),
    caseSensitive: z.boolean().default(true),
    /** IdP groups whose members become platform admins. */
    adminGroups: z.array(groupNameSchema).default([]),
    /** ClearML 3.24: one IdP group → several platform groups (instead of matching the IdP group by name). */
    mappings: groupMappingsSchema,
  })
  .strict();

/** Token endpoint client authentication methods (the last one is a compatibility method, see below). */
export { tokenEndpointAuthMethods, type TokenEndpointAuthMethod } from './connection-names.js';

/**
 * Every field of ClearML's OIDC connection form, plus what admins otherwise get wrong silently (allowed algorithms,
 * clock tolerance, client authentication method). The client secret is not here: it is write-only input and lives
 * only in the OS keychain.
 */
export const oidcSettingsSchema = z
  .object({
    /** Issuer (discovery base). Optional like in ClearML; when set, the ID token `iss` must equal it. */
    issuer: endpointUrlSchema.optional(),
    clientId: z.string().trim().min(1, 'Client ID is empty: copy it from the app you registered at the identity provider.'),
    authorizationEndpoint: endpointUrlSchema,
    tokenEndpoint: endpointUrlSchema,
    revocationEndpoint: endpointUrlSchema.optional(),
    /** ClearML "Obtain user information from Identity Token"; when false the userinfo endpoint is required. */
    userInfoFromIdToken: z.boolean().default(true),
    userinfoEndpoint: endpointUrlSchema.optional(),
    /** Only users whose `email_verified` claim is true may log in. */
    emailVerification: z.boolean().default(false),
    createUsersOnFirstLogin: z.boolean().default(false),
    /** Verify ID token signatures against the JWKS; requires `jwksUri`. On by default: unverified tokens prove nothing. */
    verifyTokenSignature: z.boolean().default(true),
    jwksUri: endpointUrlSchema.optional(),
    /** PKCE method (RFC 7636); must match the IdP app. S256 by default; none/plain are allowed but warned about. */
    codeChallengeMethod: z.enum(['none', 'plain', 'S256']).default('S256'),
    standardScopes: z.array(scopeSchema).default(['openid', 'profile', 'email']),
    additionalScopes: z.array(scopeSchema).default([]),
    /**
     * Client authentication at the token endpoint (RFC 6749 §2.3.1). `client_secret_basic_unencoded` is a
     * compatibility method: HTTP Basic with the id and secret NOT form-encoded first, for IdPs that compare the Basic
     * credentials without decoding them (a secret holding `- _ . ~ ! * ' ( )` otherwise fails as invalid_client).
     */
    tokenEndpointAuthMethod: z.enum(tokenEndpointAuthMethods).default('client_secret_basic'),
    allowedSigningAlgs: z
      .array(z.string().trim().min(1))
      .min(1, 'List at least one allowed signing algorithm (usually RS256).')
      .default(['RS256']),
    clockToleranceSeconds: z.number().int().min(0).max(600, 'Clock tolerance above 600 s hides broken clocks: use at most 600.').default(30),
    /** ClearML 3.24: extra authorization-request parameters (prompt, acr_values, domain_hint, login_hint, custom). */
    authParams: authParamsSchema,
    claimMappings: oidcClaimMappingsSchema.prefault({}),
    groupSync: oidcGroupSyncSchema.prefault({}),
  })
  .strict();
export type OidcSettings = z.infer<typeof oidcSettingsSchema>;

type Ctx = Pick<z.RefinementCtx, 'addIssue'>;

/** Cross-field OIDC rules. Issue paths start with `oidc.` so every adapter can point at the field. */
export function refineOidcSettings(oidc: Partial<OidcSettings> | undefined, ctx: Ctx): void {
  if (!oidc || typeof oidc !== 'object') return;
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: ['oidc', field], message });
  if (oidc.verifyTokenSignature !== false && !oidc.jwksUri) {
    issue(
      'jwksUri',
      'Verify token signature is on but no JWKS URI is set: enter the IdP\'s jwks_uri (see <issuer>/.well-known/openid-configuration), or turn off verifyTokenSignature (not recommended).',
    );
  }
  if (oidc.userInfoFromIdToken === false && !oidc.userinfoEndpoint) {
    issue(
      'userinfoEndpoint',
      'User information is not taken from the ID token, so a userinfo endpoint is required: enter the IdP\'s userinfo_endpoint, or turn on userInfoFromIdToken.',
    );
  }
  if (Array.isArray(oidc.standardScopes) && !oidc.standardScopes.includes('openid')) {
    issue('standardScopes', 'Standard scopes must include "openid" (without it the IdP returns no ID token): add openid.');
  }
  if (Array.isArray(oidc.allowedSigningAlgs)) {
    if (oidc.allowedSigningAlgs.some((alg) => alg.toLowerCase() === 'none')) {
      issue(
        'allowedSigningAlgs',
        'The algorithm "none" is never accepted (anyone could forge an unsigned token): remove it and list the algorithm your IdP signs with, usually RS256.',
      );
    }
    const unknown = oidc.allowedSigningAlgs.filter((alg) => alg.toLowerCase() !== 'none' && !knownSigningAlgs.includes(alg));
    if (unknown.length) {
      issue('allowedSigningAlgs', `Unknown signing algorithm ${unknown.map((a) => `"${a}"`).join(', ')}: use one of ${knownSigningAlgs.join(', ')}.`);
    }
  }
}
