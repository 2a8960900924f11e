import { describe, expect, it } from 'vitest';
import { discoverOidc, discoveryUrl } from '../../main/core/idp/oidc-discovery.js';
import type { Http, HttpRequest, HttpResponse } from '../../main/core/ports/http.js';

const ISSUER = 'https://idp.example.com/realms/ml';
const FULL = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  userinfo_endpoint: `${ISSUER}/userinfo`,
  jwks_uri: `${ISSUER}/certs`,
  revocation_endpoint: `${ISSUER}/revoke`,
  end_session_endpoint: `${ISSUER}/logout`,
  code_challenge_methods_supported: ['plain', 'S256'],
  id_token_signing_alg_values_supported: ['RS256', 'ES256'],
  scopes_supported: ['openid', 'email', 'groups'],
  claims_supported: ['sub', 'email', 'groups'],
};

/** Serves one discovery document (or raw body) and records the requests. */
function serve(doc: unknown, status = 200): Http & { seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    async request(request): Promise<HttpResponse> {
      seen.push(request);
      return { status, headers: {}, url: request.url, body: typeof doc === 'string' ? doc : JSON.stringify(doc) };
    },
  };
}

describe('discoverOidc', () => {
  it('maps the document and asks the Http port for at most 512 KiB within 10 s', async () => {
    const http = serve(FULL);
    const found = await discoverOidc(http, ISSUER);
    expect(found).toEqual({
      issuer: ISSUER,
      authorizationEndpoint: `${ISSUER}/auth`,
      tokenEndpoint: `${ISSUER}/token`,
      userinfoEndpoint: `${ISSUER}/userinfo`,
      jwksUri: `${ISSUER}/certs`,
      revocationEndpoint: `${ISSUER}/revoke`,
      endSessionEndpoint: `${ISSUER}/logout`,
      codeChallengeMethodsSupported: ['plain', 'S256'],
      idTokenSigningAlgValuesSupported: ['RS256', 'ES256'],
      scopesSupported: ['openid', 'email', 'groups'],
      claimsSupported: ['sub', 'email', 'groups'],
      tokenEndpointAuthMethodsSupported: [],
      warnings: [],
    });
    expect(http.seen).toEqual([expect.objectContaining({ url: `${ISSUER}/.well-known/openid-configuration`, method: 'GET', timeoutMs: 10_000, maxBytes: 512 * 1024 })]);
  });

  it('builds the well-known URL without doubling a trailing slash', () => {
    expect(discoveryUrl('https://idp/')).toBe('https://idp/.well-known/openid-configuration');
    expect(discoveryUrl('https://login.example.com/tenant/v2.0')).toBe('https://login.example.com/tenant/v2.0/.well-known/openid-configuration');
  });

  it('says when the only difference is a trailing slash, and which form the IdP uses', async () => {
    const typedWithSlash = await discoverOidc(serve(FULL), `${ISSUER}/`);
    expect(typedWithSlash.issuer).toBe(ISSUER);
    expect(typedWithSlash.warnings).toEqual([expect.stringContaining(`only by a trailing slash: you typed "${ISSUER}/", the IdP uses "${ISSUER}" (without the slash)`)]);

    const idpWithSlash = await discoverOidc(serve({ ...FULL, issuer: `${ISSUER}/` }), ISSUER);
    expect(idpWithSlash.issuer).toBe(`${ISSUER}/`);
    expect(idpWithSlash.warnings[0]).toMatch(/\(with the slash\)\. Tokens will carry "https:\/\/idp\.example\.com\/realms\/ml\/" exactly/);
  });

  it('warns about a different issuer, "none", missing S256 and missing jwks_uri', async () => {
    const { jwks_uri: _jwks, ...noJwks } = FULL;
    const found = await discoverOidc(
      serve({ ...noJwks, issuer: 'https://other.example.com', id_token_signing_alg_values_supported: ['RS256', 'none'], code_challenge_methods_supported: ['plain'] }),
      ISSUER,
    );
    expect(found.warnings).toEqual([
      expect.stringMatching(/names the issuer "https:\/\/other\.example\.com", not "https:\/\/idp\.example\.com\/realms\/ml"/),
      expect.stringMatching(/unsigned ID tokens \("none"/),
      expect.stringMatching(/does not list S256 .*it lists plain/),
      expect.stringMatching(/no jwks_uri/),
    ]);
    const { code_challenge_methods_supported: _pkce, ...noPkce } = FULL;
    expect((await discoverOidc(serve(noPkce), ISSUER)).warnings).toEqual([expect.stringMatching(/does not advertise PKCE/)]);
  });

  it('names every missing required field', async () => {
    const { authorization_endpoint: _a, token_endpoint: _t, ...partial } = FULL;
    await expect(discoverOidc(serve(partial), ISSUER)).rejects.toThrow(/missing authorization_endpoint, token_endpoint/);
    await expect(discoverOidc(serve({}), ISSUER)).rejects.toThrow(/missing issuer, authorization_endpoint, token_endpoint/);
  });

  it('refuses non-JSON, non-objects, HTTP errors and insecure issuers with clear words', async () => {
    await expect(discoverOidc(serve('<html>login</html>'), ISSUER)).rejects.toThrow(/is not JSON \(it starts with "<html>login<\/html>"\)/);
    await expect(discoverOidc(serve([1, 2]), ISSUER)).rejects.toThrow(/not a JSON object/);
    await expect(discoverOidc(serve(FULL, 404), ISSUER)).rejects.toThrow(/answered HTTP 404/);
    await expect(discoverOidc(serve(FULL), 'http://idp.example.com')).rejects.toThrow(/plain http; https is required except for loopback/);
    await expect(discoverOidc(serve(FULL), 'idp.example.com')).rejects.toThrow(/not a valid absolute URL/);
  });

  it('allows plain http on loopback hosts', async () => {
    for (const issuer of ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000']) {
      const doc = { ...FULL, issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` };
      expect((await discoverOidc(serve(doc), issuer)).warnings).toEqual([]);
    }
  });

  it('ignores malformed optional fields with a warning', async () => {
    const found = await discoverOidc(serve({ ...FULL, scopes_supported: 'openid email', userinfo_endpoint: 42 }), ISSUER);
    expect(found.scopesSupported).toEqual([]);
    expect(found.userinfoEndpoint).toBeUndefined();
    expect(found.warnings).toEqual([expect.stringMatching(/"scopes_supported" is not a list/), expect.stringMatching(/"userinfo_endpoint" is not a string/)]);
  });
});
