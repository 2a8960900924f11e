import { createVerify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { SAML } from '@node-saml/node-saml';
import { beforeAll, describe, expect, it } from 'vitest';
import { authnRequestOptions, buildAuthnRequest } from '../../main/core/saml/authn-request.js';
import { nodeSamlValidationOptions } from '../../main/core/saml/node-saml-run.js';
import { createTestKey, FIXTURE, samlTestSettings, type TestKey } from '../support/saml-forge.js';

let idp: TestKey;
let sp: TestKey;
beforeAll(async () => {
  [idp, sp] = await Promise.all([createTestKey('Options IdP'), createTestKey('Options SP')]);
});

describe('node-saml configuration (pinned)', () => {
  it('validation options: strict, explicit, nothing left to node-saml defaults', () => {
    const settings = samlTestSettings([idp, sp]);
    const live = nodeSamlValidationOptions({ settings, spEntityId: FIXTURE.spEntityId, acsUrl: FIXTURE.acsUrl, expectedRequestId: '_req' });
    expect(live).toEqual({
      entryPoint: 'http://127.0.0.1:9/sso',
      issuer: FIXTURE.spEntityId,
      callbackUrl: FIXTURE.acsUrl,
      audience: FIXTURE.spEntityId,
      idpIssuer: FIXTURE.idpEntityId,
      idpCert: [idp.certificatePem.trim(), sp.certificatePem.trim()],
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: 60_000,
      maxAssertionAgeMs: 0,
      validateInResponseTo: 'always',
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      disableRequestedAuthnContext: true,
      identifierFormat: null,
    });
    const offline = nodeSamlValidationOptions({ settings, spEntityId: FIXTURE.spEntityId, acsUrl: FIXTURE.acsUrl });
    expect(offline.validateInResponseTo).toBe('never');
    const custom = samlTestSettings([idp], { requireSignedResponse: true, requireSignedAssertions: false, clockSkewSeconds: 180 });
    expect(nodeSamlValidationOptions({ settings: custom, spEntityId: 'sp', acsUrl: 'http://127.0.0.1:1/acs' })).toMatchObject({
      wantAuthnResponseSigned: true,
      wantAssertionsSigned: false,
      acceptedClockSkewMs: 180_000,
      idpCert: [idp.certificatePem.trim()],
    });
  });

  it('node-saml keeps those values after its own defaults are applied', () => {
    const options = nodeSamlValidationOptions({ settings: samlTestSettings([idp]), spEntityId: FIXTURE.spEntityId, acsUrl: FIXTURE.acsUrl, expectedRequestId: '_r' });
    const effective = new SAML(options).options;
    expect(effective).toMatchObject({ acceptedClockSkewMs: 60_000, validateInResponseTo: 'always', wantAssertionsSigned: true, wantAuthnResponseSigned: false, audience: FIXTURE.spEntityId, signatureAlgorithm: 'sha256' });
  });

  it('AuthnRequest options: redirect binding, sha256, no RequestedAuthnContext, key only when signing', () => {
    const unsigned = authnRequestOptions({ settings: samlTestSettings([idp]), spEntityId: FIXTURE.spEntityId, acsUrl: FIXTURE.acsUrl, now: new Date() }, '_id');
    expect(unsigned).toMatchObject({ authnRequestBinding: 'HTTP-Redirect', signatureAlgorithm: 'sha256', digestAlgorithm: 'sha256', disableRequestedAuthnContext: true, identifierFormat: null });
    expect(unsigned).not.toHaveProperty('privateKey');
    const settings = samlTestSettings([idp], { signRequests: true, signingCertificate: sp.certificate });
    expect(() => authnRequestOptions({ settings, spEntityId: 'sp', acsUrl: FIXTURE.acsUrl, now: new Date() }, '_id')).toThrow(/no private key/);
  });
});

function decodeRequest(url: URL): string {
  return inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
}

describe('buildAuthnRequest', () => {
  it('unsigned: the request names our ACS, entity ID and a fresh ID; RelayState is random', async () => {
    const built = await buildAuthnRequest({ settings: samlTestSettings([idp]), spEntityId: FIXTURE.spEntityId, acsUrl: FIXTURE.acsUrl, now: new Date() });
    const url = new URL(built.url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9/sso');
    expect(url.searchParams.get('RelayState')).toBe(built.relayState);
    expect(url.searchParams.has('Signature')).toBe(false);
    expect(built.requestId).toMatch(/^_[0-9a-f]{40}$/);
    const xml = decodeRequest(url);
    expect(xml).toContain(`ID="${built.requestId}"`);
    expect(xml).toContain(`AssertionConsumerServiceURL="${FIXTURE.acsUrl}"`);
    expect(xml).toContain(`>${FIXTURE.spEntityId}</saml:Issuer>`);
    expect(xml).not.toContain('RequestedAuthnContext');
    const again = await buildAuthnRequest({ settings: samlTestSettings([idp]), spEntityId: FIXTURE.spEntityId, acsUrl: FIXTURE.acsUrl, now: new Date() });
    expect(again.requestId).not.toBe(built.requestId);
    expect(again.relayState).not.toBe(built.relayState);
  });

  it('signed: RSA-SHA256 over SAMLRequest&RelayState&SigAlg, verifiable with the SP certificate', async () => {
    const settings = samlTestSettings([idp], { signRequests: true, signingCertificate: sp.certificate });
    const built = await buildAuthnRequest({ settings, spEntityId: FIXTURE.spEntityId, acsUrl: FIXTURE.acsUrl, privateKeyPem: sp.privateKeyPem, now: new Date() });
    const url = new URL(built.url);
    expect(url.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    // SAML Bindings §3.4.4.1: the signed octets are the URL-encoded parameters as they appear in the query.
    const raw = Object.fromEntries(url.search.slice(1).split('&').map((p) => [p.split('=')[0], p]));
    const signed = [raw.SAMLRequest, raw.RelayState, raw.SigAlg].join('&');
    const ok = createVerify('RSA-SHA256').update(signed).verify(sp.certificatePem, url.searchParams.get('Signature') ?? '', 'base64');
    expect(ok).toBe(true);
  });
});
