import type { OidcSettings } from '../../../contract/index.js';
import { CheckList } from '../checks.js';
import { validateJwt } from './id-token.js';
import type { JwksCache } from './jwks.js';

export interface AccessTokenInput {
  settings: OidcSettings;
  platform: 'clearml' | 'arthur';
  jwks: JwksCache;
  clientSecret: string | undefined;
  now: Date;
}

export interface AccessTokenFindings {
  /** For the viewer's access-token tab: decoded header and payload, never the token. */
  details: Record<string, unknown>;
  /** Claims usable in the merge: only from a JWT whose signature verified and whose claims passed. */
  trustedClaims: Record<string, unknown> | null;
}

const checkId = 'oidc.access_token.decode';

/**
 * The access token as a platform that validates it would see it (Arthur validates the access token, a JWT, against
 * the IdP keys and an audience list: RFC 9068). A live run reports it as one check: decoded claims, `aud`, signature;
 * problems are warnings because the login itself rests on the ID token — except that an opaque token cannot work
 * for Arthur at all.
 */
export async function examineAccessToken(token: string, input: AccessTokenInput, checks: CheckList): Promise<AccessTokenFindings> {
  const scratch = new CheckList();
  const s = input.settings;
  const validation = await validateJwt(
    token,
    { prefix: 'oidc.access_token', issuer: s.issuer, clientId: undefined, nonce: 'not_applicable', clockToleranceSeconds: s.clockToleranceSeconds, now: input.now, strict: false, offline: false },
    { allowedAlgs: s.allowedSigningAlgs, verify: s.verifyTokenSignature, jwksUri: s.jwksUri, jwks: input.jwks, clientSecret: input.clientSecret, failIsWarn: true },
    scratch,
  );
  if (!validation.decoded) {
    const message = `The access token is opaque (not a JWT, ${token.length} characters): there are no claims to decode.`;
    if (input.platform === 'arthur') {
      checks.warn(checkId, message, 'Arthur validates the access token as a JWT (accessTokenValidation.type JWT): configure the IdP to issue JWT access tokens, usually by defining an API/audience (Okta authorization server, Auth0 API, Entra "Expose an API").');
    } else checks.skip(checkId, `${message} The platform does not read it.`);
    return { details: { format: 'opaque', length: token.length }, trustedClaims: null };
  }
  const { header, payload } = validation.decoded;
  const problems = scratch.list([], '').filter((c) => c.id !== checkId && (c.status === 'fail' || c.status === 'warn'));
  const summary = `JWT access token (${String(header.alg)}${header.kid ? `, kid "${String(header.kid)}"` : ''}): aud ${JSON.stringify(payload.aud ?? null)}, iss ${JSON.stringify(payload.iss ?? null)}, signature ${validation.signature.replace('_', ' ')}.`;
  if (problems.length === 0) checks.pass(checkId, summary);
  else {
    const arthur = input.platform === 'arthur' ? ' Arthur would reject this access token.' : '';
    checks.warn(checkId, `${summary} Problems: ${problems.map((p) => p.message).join(' ')}`, `${problems[0]?.hint ?? ''}${arthur}`.trim());
  }
  const trusted = validation.signature === 'valid' && !scratch.anyFailed();
  return {
    details: { format: 'jwt', header, payload, aud: payload.aud ?? null, signature: validation.signature, checks: scratch.list([], '') },
    trustedClaims: trusted ? payload : null,
  };
}
