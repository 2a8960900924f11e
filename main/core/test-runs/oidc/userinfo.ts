import * as oidc from 'openid-client';
import type { CheckList } from '../checks.js';
import { boundClaimDepth } from '../claim-depth.js';
import { createOidcConfig, type OidcClientInput } from './client.js';
import { describeOpenidError } from './openid-errors.js';

export interface UserinfoInput extends OidcClientInput {
  accessToken: string;
  /** The ID token's sub; userinfo must be about the same user. */
  expectedSub: string | undefined;
}

/** Whether the connection wants userinfo: ClearML's "user information from the ID token" off, or an endpoint set. */
export function wantsUserinfo(settings: OidcClientInput['settings']): boolean {
  return settings.userInfoFromIdToken === false || Boolean(settings.userinfoEndpoint);
}

/**
 * Fetches the UserInfo endpoint with the access token (OIDC Core §5.3) and checks that its `sub` is the ID token's
 * (§5.3.4: otherwise the answer is about another user, a token substitution). A failed fetch fails the run only when
 * the platform depends on userinfo (userInfoFromIdToken off); otherwise it is a warning.
 */
export async function fetchUserinfo(input: UserinfoInput, checks: CheckList): Promise<Record<string, unknown> | null> {
  const s = input.settings;
  if (!s.userinfoEndpoint) {
    checks.fail('oidc.userinfo.fetch', 'User information is not taken from the ID token, but no userinfo endpoint is set.', 'Set userinfoEndpoint (userinfo_endpoint in the discovery document), or turn on userInfoFromIdToken.');
    return null;
  }
  let claims: Record<string, unknown>;
  try {
    const config = createOidcConfig(input);
    claims = (await oidc.fetchUserInfo(config, input.accessToken, oidc.skipSubjectCheck)) as Record<string, unknown>;
    claims = boundClaimDepth(claims, 'userinfo response', 'oidc.userinfo.depth', checks);
  } catch (error) {
    const failure = describeOpenidError(error);
    const message = `The userinfo endpoint ${s.userinfoEndpoint} failed: ${failure.oauth ? `${failure.oauth.error}${failure.oauth.description ? ` (${failure.oauth.description})` : ''}` : failure.message}`;
    const hint = 'Check the userinfo endpoint URL; the access token must be valid for it (some IdPs, e.g. Entra ID, issue access tokens for another API unless only OIDC scopes are requested).';
    if (s.userInfoFromIdToken === false) checks.fail('oidc.userinfo.fetch', message, hint);
    else checks.warn('oidc.userinfo.fetch', message, hint);
    checks.skip('oidc.userinfo.sub', 'Not checked: userinfo could not be fetched.');
    return null;
  }
  const names = Object.keys(claims).filter((k) => k !== 'sub');
  checks.pass('oidc.userinfo.fetch', `Userinfo returned ${names.length} claim(s) besides sub: ${names.join(', ') || '(none)'}.`);
  if (typeof claims.sub !== 'string') {
    checks.fail('oidc.userinfo.sub', 'The userinfo response has no sub claim (OIDC Core §5.3.2 requires it).', 'The userinfo endpoint must return sub; check the endpoint URL.');
    return null;
  }
  if (claims.sub !== input.expectedSub) {
    checks.fail(
      'oidc.userinfo.sub',
      `Userinfo is about sub "${claims.sub}", but the ID token is about "${input.expectedSub ?? '(none)'}": its claims must not be used (token substitution).`,
      'The userinfo endpoint must belong to the same IdP and tenant as the issuer; check userinfoEndpoint.',
    );
    return null;
  }
  checks.pass('oidc.userinfo.sub', `Userinfo sub "${claims.sub}" matches the ID token.`);
  return claims;
}
