/**
 * Fix-it hints for the common OIDC failures (issue 4 §5). Each names what to change and where, with the values at
 * hand (both redirect URIs, both issuers, the seconds off). Never a token, code or secret.
 */

/** The redirect URIs of a connection: the loopback one used by test runs and the platform's production one. */
export interface RedirectUris {
  test: string;
  production: string | null;
}

export function redirectHint(uris: RedirectUris): string {
  const production = uris.production ? ` and, for the real login, the production redirect URI ${uris.production}` : ' (and, for the real login, the platform’s callback URL once webappUrl is set)';
  return `Register the test redirect URI ${uris.test} at the IdP app (exactly, including the port and path)${production}. Most IdPs compare redirect URIs character by character.`;
}

/** Trailing slash, another tenant/realm, or another IdP. */
export function issuerHint(expected: string, actual: string): string {
  const strip = (s: string) => s.replace(/\/+$/, '');
  if (strip(expected) === strip(actual)) {
    return `The issuers differ only by a trailing slash: the IdP uses "${actual}". Set the connection's issuer to exactly that value.`;
  }
  try {
    const e = new URL(expected);
    const a = new URL(actual);
    if (e.host === a.host) {
      return `Same host, different path: the token comes from another tenant, realm or authorization server ("${actual}" vs "${expected}"). Point the connection at the one the app is registered in, or fix the issuer.`;
    }
  } catch {
    // Not URLs: fall through to the generic hint.
  }
  return `The token was issued by "${actual}", not "${expected}". If that is your IdP, set the issuer to "${actual}" (copy it from <issuer>/.well-known/openid-configuration); otherwise the endpoints point at another IdP.`;
}

export function audienceHint(clientId: string, audiences: string[]): string {
  return `The token was issued for ${audiences.map((a) => `"${a}"`).join(', ')}, but the connection's client ID is "${clientId}". Copy the client ID from the app registered at the IdP; a custom "audience"/resource parameter can also make the IdP issue tokens for an API instead of this client.`;
}

/** Clock skew (or, offline, simply an old token). */
export function clockHint(kind: 'expired' | 'future', seconds: number, tolerance: number, offline: boolean): string {
  if (kind === 'expired' && offline) return 'The pasted token has expired: capture a fresh one (tokens usually live 5–60 minutes) and inspect it again.';
  const off = kind === 'expired' ? `${seconds} s behind` : `${seconds} s ahead`;
  const where = kind === 'expired' ? 'this machine’s clock is ahead of the IdP’s' : 'the IdP’s clock is ahead of this machine’s';
  return `If the token was just issued, ${where} by about ${seconds} s (token ${off}; tolerance ${tolerance} s). Synchronise both clocks with NTP; raise clockToleranceSeconds only as a stopgap (a few minutes at most).`;
}

export function algHint(alg: string, allowed: string[]): string {
  if (alg.toLowerCase() === 'none') return 'Unsigned tokens are never accepted: configure the IdP app to sign ID tokens (RS256 is the OIDC default).';
  const hs = alg.startsWith('HS') ? ' HS* algorithms sign with the client secret, so anyone holding the secret can mint tokens: prefer RS256/ES256 at the IdP.' : '';
  return `The IdP signed with ${alg}; the connection allows ${allowed.join(', ')}. If ${alg} is what the IdP app is set to, add it to allowedSigningAlgs; otherwise set the IdP app's ID token signing algorithm to ${allowed[0] ?? 'RS256'}.${hs}`;
}

export function jwksHint(problem: 'jwks_unreachable' | 'jwks_invalid' | 'kid_unknown', jwksUri: string): string {
  if (problem === 'kid_unknown') {
    return `The IdP signed with a key it does not publish at ${jwksUri}: the jwksUri probably belongs to another tenant, realm or authorization server (Okta: "default" vs the org server), or keys were rotated at a different IdP. Copy jwks_uri from the issuer's discovery document.`;
  }
  if (problem === 'jwks_invalid') return `${jwksUri} is not a JWK Set: copy jwks_uri from <issuer>/.well-known/openid-configuration.`;
  return `Check that ${jwksUri} is the jwks_uri of the issuer's discovery document and that this machine can reach it (proxy, firewall, VPN).`;
}

/** Error codes of the authorization response (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) and what usually causes them. */
export function callbackErrorHint(error: string, description: string, uris: RedirectUris, scopes: string[], extraParams: Record<string, string> = {}): string {
  const text = `${error} ${description}`.toLowerCase();
  if (text.includes('redirect')) return redirectHint(uris);
  const named = Object.keys(extraParams).filter((key) => text.includes(key.toLowerCase()));
  if (named.length > 0) {
    return `The IdP refused the extra authorization parameter ${named.map((k) => `${k}=${extraParams[k]}`).join(', ')}: correct or remove it (CLI --auth-param ${named[0]}=), or allow it for the app at the IdP.`;
  }
  if (extraParams.prompt === 'none' && ['login_required', 'interaction_required', 'consent_required'].includes(error)) {
    return 'prompt=none forbids the IdP to show a login page, and there is no session at the IdP: log in at the IdP first, or remove prompt=none.';
  }
  const asked = ['domain_hint', 'login_hint', 'acr_values', 'prompt', 'max_age', 'ui_locales', 'resource', 'audience', 'organization'].find((name) => text.includes(name));
  if (error === 'invalid_request' && asked) {
    return `The IdP asks for the authorization parameter ${asked}: add it to the connection's extra parameters (CLI --auth-param ${asked}=VALUE), with the value the IdP expects.`;
  }
  if (error === 'invalid_request' && Object.keys(extraParams).length > 0) {
    return `The IdP found the request invalid; extra parameters were sent (${Object.keys(extraParams).join(', ')}): check their names and values against the IdP's documentation.`;
  }
  if (text.includes('code_challenge') || text.includes('pkce')) return 'PKCE was refused: set the connection’s PKCE method to what the IdP app expects (S256 for almost all; some require PKCE for public clients only).';
  switch (error) {
    case 'access_denied':
      return 'The IdP refused this user or the user declined consent: assign the user (or their group) to the app at the IdP, then test again.';
    case 'invalid_scope':
      return `The IdP refused a scope of "${scopes.join(' ')}": remove scopes it does not know (additional scopes) or enable them for the app.`;
    case 'unauthorized_client':
      return 'The IdP app is not allowed the authorization code flow: enable "Authorization Code" (and PKCE) for the app.';
    case 'unsupported_response_type':
      return 'The IdP app does not allow response_type=code: enable the authorization code flow for the app.';
    case 'invalid_client':
      return 'The IdP does not know this client ID: copy the client ID from the app registered at the IdP.';
    case 'login_required':
    case 'interaction_required':
    case 'consent_required':
      return 'The IdP needs the user to log in or consent interactively: run the test again in a normal browser window.';
    case 'temporarily_unavailable':
    case 'server_error':
      return 'The IdP had an internal problem: try again later, or check the IdP status page and logs.';
    default:
      return 'Read the error description from the IdP; the IdP’s sign-in logs usually name the exact setting.';
  }
}

/** Token endpoint errors (RFC 6749 §5.2). */
export function tokenErrorHint(error: string, description: string, uris: RedirectUris, authMethod: string): string {
  const text = `${error} ${description}`.toLowerCase();
  if (text.includes('redirect')) return redirectHint(uris);
  if (error === 'invalid_client' || text.includes('client authentication') || text.includes('secret')) {
    return `Client authentication failed (${authMethod}): re-enter the client secret (it lives in the OS keychain), and check that the IdP app expects ${authMethod} (some IdPs want client_secret_post, public clients "none").`;
  }
  if (text.includes('code_verifier') || text.includes('pkce')) return 'The PKCE verifier was refused: the PKCE method must match the IdP app (S256 for almost all).';
  if (error === 'invalid_grant') return 'The IdP refused the code: it expired (codes live for seconds to a minute), was already used, or the redirect URI or PKCE verifier did not match. Run the test again; if it repeats, check the redirect URI and PKCE settings.';
  if (error === 'unauthorized_client') return 'The IdP app may not use the authorization code grant: enable it for the app.';
  return 'Check the token endpoint URL and the client settings at the IdP; the IdP’s logs usually name the exact problem.';
}

export function timeoutHint(seconds: number, uris: RedirectUris): string {
  return `No callback arrived within ${seconds} s. If the IdP showed an error page (often "redirect_uri mismatch"), ${redirectHint(uris).replace(/^Register/, 'register')} Otherwise complete the login in the browser within the time limit, or start the test with a longer timeout.`;
}
