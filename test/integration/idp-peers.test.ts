import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttp } from '../../main/adapters/http/node-http.js';
import { discoverOidc } from '../../main/core/idp/oidc-discovery.js';
import { fetchIdpMetadata, parseIdpMetadata } from '../../main/core/idp/saml-metadata.js';
import { describeCertificate } from '../../main/core/idp/x509.js';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';

// The IdP helpers against REAL peers on 127.0.0.1: oidc-provider in-process, SimpleSAMLphp under php -S.
describe('IdP helpers against real peers', () => {
  const http = createNodeHttp();
  let oidc: OidcPeer;
  let saml: SamlPeer;
  const startMs: Record<string, number> = {};

  beforeAll(async () => {
    let t = performance.now();
    oidc = await startOidcPeer();
    startMs.oidc = performance.now() - t;
    t = performance.now();
    saml = await startSamlPeer({ spEntityId: 'urn:sso-workbench:it-sp', acsUrl: 'http://127.0.0.1:9/saml/acs' });
    startMs.saml = performance.now() - t;
    console.info(`peer start: oidc-provider ${startMs.oidc.toFixed(0)} ms, SimpleSAMLphp ${startMs.saml.toFixed(0)} ms`);
  });

  afterAll(async () => {
    await Promise.all([oidc?.stop(), saml?.stop()]);
  });

  it('discovers the real OpenID Provider: every endpoint filled, issuer equal, no warnings', async () => {
    const found = await discoverOidc(http, oidc.issuer);
    expect(found.issuer).toBe(oidc.issuer);
    for (const endpoint of [found.authorizationEndpoint, found.tokenEndpoint, found.userinfoEndpoint, found.jwksUri, found.revocationEndpoint, found.endSessionEndpoint]) {
      expect(endpoint).toMatch(new RegExp(`^${oidc.issuer}/`));
    }
    expect(found.codeChallengeMethodsSupported).toEqual(['S256']);
    expect(found.idTokenSigningAlgValuesSupported).toContain('RS256');
    expect(found.scopesSupported).toEqual(expect.arrayContaining(['openid', 'email', 'profile', 'groups']));
    expect(found.claimsSupported).toEqual(expect.arrayContaining(['sub', 'email', 'email_verified', 'groups']));
    expect(found.warnings).toEqual([]);
  });

  it('warns when the typed issuer only differs by a trailing slash, and returns the IdP value', async () => {
    const found = await discoverOidc(http, `${oidc.issuer}/`);
    expect(found.issuer).toBe(oidc.issuer);
    expect(found.warnings).toHaveLength(1);
    expect(found.warnings[0]).toMatch(/only by a trailing slash/);
    expect(found.warnings[0]).toContain(`"${oidc.issuer}" (without the slash)`);
  });

  it('serves the fixed signing key on its JWKS endpoint', async () => {
    const found = await discoverOidc(http, oidc.issuer);
    const jwks = JSON.parse((await http.request({ url: found.jwksUri!, timeoutMs: 5000, maxBytes: 65536 })).body) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([oidc.publicJwk.kid]);
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  it('reads the real SimpleSAMLphp metadata: entity ID, HTTP-Redirect SSO, the generated signing certificate', async () => {
    const xml = await fetchIdpMetadata(http, saml.metadataUrl);
    const metadata = parseIdpMetadata(xml, new Date());
    expect(metadata.entityId).toBe(saml.entityId);
    expect(metadata.ssoUrl).toBe(saml.ssoUrl);
    expect(metadata.ssoBinding).toBe('HTTP-Redirect');
    expect(metadata.certificates).toHaveLength(1);
    const generated = describeCertificate(saml.idpCertificatePem, new Date());
    expect(metadata.certificates[0]?.fingerprintSha256).toBe(generated.fingerprintSha256);
    expect(metadata.certificates[0]?.pem).toBe(generated.pem);
    expect(metadata.warnings).toEqual([]);
  });

  it('refuses an http metadata URL on a non-loopback host before any request', async () => {
    await expect(fetchIdpMetadata(http, 'http://idp.example.com/metadata')).rejects.toThrow(/https is required/);
    await expect(discoverOidc(http, 'http://idp.example.com')).rejects.toThrow(/https is required/);
  });
});
