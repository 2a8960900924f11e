import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';
import { oidcLoginWithoutBrowser, samlLoginWithoutBrowser } from '../peers/scripted-login.js';

// Proves the peers are usable for the next test tiers: real logins (no browser) with the expected user shapes.
const REDIRECT_URI = 'http://127.0.0.1:8719/callback';
const ACS_URL = 'http://127.0.0.1:8719/saml/acs';
const SP_ENTITY_ID = 'urn:sso-workbench:it-login-sp';

describe('test peers: scripted logins', () => {
  let op: OidcPeer;
  let idp: SamlPeer;

  beforeAll(async () => {
    [op, idp] = await Promise.all([
      startOidcPeer({ clients: [{ client_id: 'wb-it', client_secret: 'wb-it-secret', redirect_uris: [REDIRECT_URI] }] }),
      startSamlPeer({ spEntityId: SP_ENTITY_ID, acsUrl: ACS_URL }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([op?.stop(), idp?.stop()]);
  });

  async function oidcLogin(login: string) {
    const config = await oidc.discovery(new URL(op.issuer), 'wb-it', 'wb-it-secret', undefined, { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile groups',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await oidcLoginWithoutBrowser(url.href, REDIRECT_URI, login);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    return tokens.claims();
  }

  it('OIDC: alice, bob and carol carry their claims in the ID token', async () => {
    expect(await oidcLogin('alice')).toMatchObject({ iss: op.issuer, sub: 'alice', email_verified: true, groups: ['sso-admins', 'ml-engineers'] });
    expect(await oidcLogin('bob')).toMatchObject({ sub: 'bob', email_verified: false, groups: 'viewers' });
    const carol = await oidcLogin('carol');
    expect(carol).toMatchObject({ sub: 'carol' });
    expect(carol).not.toHaveProperty('email');
    expect(carol).not.toHaveProperty('groups');
  });

  async function samlLogin(username: string, password: string, peer = idp, signWith?: string) {
    const saml = new SAML({
      ...(signWith ? { privateKey: signWith } : {}),
      entryPoint: peer.ssoUrl,
      issuer: SP_ENTITY_ID,
      callbackUrl: ACS_URL,
      idpCert: peer.idpCertificatePem,
      audience: SP_ENTITY_ID,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      disableRequestedAuthnContext: true,
      acceptedClockSkewMs: 5000,
      validateInResponseTo: ValidateInResponseTo.never,
    });
    const url = await saml.getAuthorizeUrlAsync('relay-1', undefined, {});
    const post = await samlLoginWithoutBrowser(url, ACS_URL, username, password);
    expect(post.RelayState).toBe('relay-1');
    return (await saml.validatePostResponseAsync(post)).profile;
  }

  it('SAML: signed Response and Assertion with alice, bob and carol attributes', async () => {
    expect(await samlLogin('alice', 'alicepass')).toMatchObject({
      issuer: idp.entityId,
      nameID: 'alice@example.test',
      mail: 'alice@example.test',
      memberOf: ['sso-admins', 'ml-engineers'],
    });
    expect(await samlLogin('bob', 'bobpass')).toMatchObject({ uid: 'bob', memberOf: 'viewers' });
    const carol = await samlLogin('carol', 'carolpass');
    expect(carol).toMatchObject({ uid: 'carol', nameID: 'carol' });
    expect(carol).not.toHaveProperty('memberOf');
  });

  it('SAML: a wrong password does not produce a Response', async () => {
    await expect(samlLogin('alice', 'wrong')).rejects.toThrow(/No end of the login flow|no SAMLResponse/);
  });

  it('SAML: with validateAuthnRequest, only AuthnRequests signed by the SP key are accepted', async () => {
    const sp = await generateSigningKeyPair({ algorithm: 'RSA-2048', commonName: 'it-sp', validityDays: 30, now: new Date() });
    const other = await generateSigningKeyPair({ algorithm: 'RSA-2048', commonName: 'other', validityDays: 30, now: new Date() });
    const strict = await startSamlPeer({ spEntityId: SP_ENTITY_ID, acsUrl: ACS_URL, spCertificatePem: sp.certificatePem, validateAuthnRequest: true });
    try {
      expect(await samlLogin('alice', 'alicepass', strict, sp.privateKeyPem)).toMatchObject({ uid: 'alice' });
      await expect(samlLogin('alice', 'alicepass', strict)).rejects.toThrow(/No form on .*SSOService.php \(HTTP 200\): .*SIGNATURE/i);
      await expect(samlLogin('alice', 'alicepass', strict, other.privateKeyPem)).rejects.toThrow(/No form on .*SSOService.php \(HTTP 200\): .*SIGNATURE/i);
    } finally {
      await strict.stop();
    }
  });
});
