import { beforeAll, describe, expect, it } from 'vitest';
import type { SamlValidation } from '../../main/core/saml/validate-response.js';
import {
  applyXsw,
  buildResponseXml,
  createTestKey,
  FIXTURE,
  forgeResponse,
  REQUEST_ID,
  samlTestSettings,
  signAssertion,
  stripSignatures,
  toBase64,
  validateForged,
  type ResponseShape,
  type TestKey,
} from '../support/saml-forge.js';

// Attacks on the SAML signature and parser, each starting from a Response the trusted test IdP really signed.
// Every case must be refused with its own check id, verified:false, and no profile (NameID, attributes) at all.
let idp: TestKey;
let attacker: TestKey;
const shape = (extra: Partial<ResponseShape> = {}): ResponseShape => ({
  now: new Date(),
  ...FIXTURE,
  inResponseTo: REQUEST_ID,
  nameId: 'alice@corp.com',
  attributes: { mail: ['alice@corp.com'], memberOf: ['viewers'] },
  ...extra,
});

beforeAll(async () => {
  [idp, attacker] = await Promise.all([createTestKey('Trusted test IdP'), createTestKey('Attacker')]);
});

function check(v: SamlValidation, id: string) {
  const found = v.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

function expectRefused(v: SamlValidation, id: string) {
  expect(check(v, id).status, JSON.stringify(v.checks.filter((c) => c.status === 'fail'), null, 1)).toBe('fail');
  expect(check(v, id).hint).not.toBe('');
  expect(v.verified).toBe(false);
  // Never a profile from unverified bytes.
  expect(v.nameId).toBeUndefined();
  expect(v.attributes).toEqual({});
  expect(v.claimOrigins).toEqual({});
}

describe('SAML attacks', () => {
  it('baseline: the untouched signed Response passes (every attack below changes one thing)', async () => {
    const v = await validateForged(forgeResponse(shape(), { key: idp }), samlTestSettings([idp]));
    expect(v.checks.filter((c) => c.status === 'fail' || c.status === 'warn')).toEqual([]);
    expect(v.verified).toBe(true);
    expect(v.nameId).toEqual({ value: 'alice@corp.com', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' });
    expect(v.attributes).toEqual({ mail: ['alice@corp.com'], memberOf: ['viewers'] });
  });

  // XSW1–2 wrap a signed Response (IdP signs the Response only); XSW3–8 wrap a signed Assertion.
  const xsw: [number, string][] = [
    [1, 'saml.signature.valid'],
    [2, 'saml.signature.valid'],
    [3, 'saml.signature.valid'],
    [4, 'saml.signature.present'],
    [5, 'saml.signature.valid'],
    [6, 'saml.signature.valid'],
    [7, 'saml.signature.present'],
    [8, 'saml.signature.valid'],
  ];
  it.each(xsw)('XSW%i is refused (%s)', async (variant, id) => {
    const responseOnly = variant <= 2;
    const signed = forgeResponse(shape(), { key: idp, assertion: !responseOnly, response: responseOnly });
    const settings = samlTestSettings([idp], responseOnly ? { requireSignedResponse: true, requireSignedAssertions: false } : {});
    const wrapped = applyXsw(signed, variant as 1, 'admin@corp.com');
    expect(wrapped).toContain('admin@corp.com');
    const v = await validateForged(wrapped, settings);
    expectRefused(v, id);
    expect(JSON.stringify([v.nameId, v.attributes])).not.toContain('admin@corp.com');
  });

  it('comment injection in the NameID is refused, never read as the truncated value', async () => {
    // The IdP signs "admin@corp.com.evil.com" (an account the attacker owns); exc-c14n drops comments, so the
    // signature still verifies after inserting one, while a naive first-text-node reader would see "admin@corp.com".
    const signed = forgeResponse(shape({ nameId: 'admin@corp.com.evil.com' }), { key: idp });
    const injected = signed.replace('>admin@corp.com.evil.com</saml:NameID>', '>admin@corp.com<!---->.evil.com</saml:NameID>');
    expect(injected).not.toBe(signed);
    const v = await validateForged(injected, samlTestSettings([idp]));
    expectRefused(v, 'saml.nameid.present');
    expect(check(v, 'saml.nameid.present').message).toContain('admin@corp.com.evil.com');
    expect(check(v, 'saml.signature.valid').status).toBe('pass'); // the signature itself is fine: that is the trick
    expect(v.details.responseXml).toContain('admin@corp.com<!---->.evil.com');
  });

  it('comment injection in an AttributeValue is refused', async () => {
    const signed = forgeResponse(shape({ attributes: { memberOf: ['viewers-admins'] } }), { key: idp });
    const v = await validateForged(signed.replace('>viewers-admins<', '>viewers<!---->-admins<'), samlTestSettings([idp]));
    expectRefused(v, 'saml.response.xml');
  });

  it('a stripped signature is refused', async () => {
    const v = await validateForged(stripSignatures(forgeResponse(shape(), { key: idp, response: true })), samlTestSettings([idp]));
    expectRefused(v, 'saml.signature.present');
    expect(check(v, 'saml.assertion.signed').status).toBe('fail');
  });

  it('a Response re-signed with an attacker key (certificate in KeyInfo) is refused, fingerprints compared', async () => {
    const v = await validateForged(forgeResponse(shape({ nameId: 'admin@corp.com' }), { key: attacker, response: true }), samlTestSettings([idp]));
    expectRefused(v, 'saml.signature.valid');
    const hint = check(v, 'saml.signature.valid').hint;
    expect(hint).toContain(idp.certificate.fingerprintSha256);
    expect(hint).toContain(attacker.certificate.fingerprintSha256);
    expect(v.details.certificateUsed).toBeUndefined();
  });

  it('an unsigned assertion inside a signed Response is refused when assertions must be signed', async () => {
    const xml = forgeResponse(shape(), { key: idp, assertion: false, response: true });
    expectRefused(await validateForged(xml, samlTestSettings([idp])), 'saml.assertion.signed');
    // The same Response is fine for a connection that accepts Response-level signatures only.
    const relaxed = await validateForged(xml, samlTestSettings([idp], { requireSignedAssertions: false }));
    expect(relaxed.verified).toBe(true);
  });

  it('an assertion signed by the attacker inside a Response signed by the IdP is refused', async () => {
    // Signed by the attacker first, then the genuine IdP signs the Response over it (a confused-deputy IdP).
    const inner = signAssertion(buildResponseXml(shape({ nameId: 'admin@corp.com' })), { key: attacker });
    const { signResponse } = await import('../support/saml-forge.js');
    const v = await validateForged(signResponse(inner, { key: idp }), samlTestSettings([idp]));
    expectRefused(v, 'saml.signature.valid');
    // Also when assertions need no signature of their own: node-saml then skips it, but a bad one is still refused.
    expectRefused(await validateForged(signResponse(inner, { key: idp }), samlTestSettings([idp], { requireSignedAssertions: false })), 'saml.signature.valid');
  });

  // node-saml may ignore a bad Response signature when the assertion's own signature verifies; ours never does.
  it('an IdP-signed assertion inside a Response re-signed by the attacker is refused', async () => {
    const inner = signAssertion(buildResponseXml(shape()), { key: idp });
    const { signResponse } = await import('../support/saml-forge.js');
    const v = await validateForged(signResponse(inner, { key: attacker }), samlTestSettings([idp]));
    expectRefused(v, 'saml.signature.valid');
    expect(check(v, 'saml.signature.valid').message).toMatch(/Response signature does not verify/);
  });

  it('a Response altered after signing is refused even though its signed assertion verifies', async () => {
    const signed = forgeResponse(shape(), { key: idp, assertion: true, response: true });
    const altered = signed.replace('<samlp:Response ', '<samlp:Response Consent="urn:oasis:names:tc:SAML:2.0:consent:obtained" ');
    expect(altered).not.toBe(signed);
    expectRefused(await validateForged(altered, samlTestSettings([idp])), 'saml.signature.valid');
    expect((await validateForged(signed, samlTestSettings([idp]))).verified).toBe(true);
  });

  it('with several trusted certificates (rollover), the report names the one that verified the signature', async () => {
    const next = await createTestKey('Next IdP key');
    for (const trusted of [[idp, next], [next, idp]]) {
      const v = await validateForged(forgeResponse(shape(), { key: idp, assertion: true, response: true }), samlTestSettings(trusted));
      expect(v.verified).toBe(true);
      expect(v.details.certificateUsed?.fingerprintSha256).toBe(idp.certificate.fingerprintSha256);
      expect(check(v, 'saml.signature.valid').message).toContain(idp.certificate.fingerprintSha256);
    }
    const byNext = await validateForged(forgeResponse(shape(), { key: next }), samlTestSettings([idp, next]));
    expect(byNext.details.certificateUsed?.fingerprintSha256).toBe(next.certificate.fingerprintSha256);
  });

  const doctypes: [string, string][] = [
    ['DOCTYPE', '<?xml version="1.0"?><!DOCTYPE samlp:Response><samlp:Response/>'],
    ['XXE', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&xxe;</samlp:Response>'],
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`,
    ],
  ];
  it.each(doctypes)('%s is refused before parsing', async (_name, xml) => {
    for (const base64 of [true, false]) {
      const v = await validateForged(xml, samlTestSettings([idp]), { base64 });
      expectRefused(v, 'saml.response.doctype');
      expect(v.details.responseXml).toBeUndefined(); // nothing was parsed
    }
  });

  it('a DOCTYPE inside an otherwise genuine signed Response is refused', async () => {
    const signed = forgeResponse(shape(), { key: idp });
    expectRefused(await validateForged(`<!DOCTYPE x [<!ENTITY a "b">]>${signed}`, samlTestSettings([idp])), 'saml.response.doctype');
  });

  it('SHA-1 is refused by default and only warned about when the connection allows it', async () => {
    const xml = forgeResponse(shape(), { key: idp, algorithm: 'sha1' });
    const refused = await validateForged(xml, samlTestSettings([idp]));
    expectRefused(refused, 'saml.signature.algorithm');
    expect(check(refused, 'saml.signature.algorithm').message).toMatch(/rsa-sha1.*sha1/);
    expect(check(refused, 'saml.signature.algorithm').hint).toMatch(/signature algorithm and the digest algorithm/);
    const allowed = await validateForged(xml, samlTestSettings([idp], { allowSha1: true }));
    expect(check(allowed, 'saml.signature.algorithm').status).toBe('warn');
    expect(allowed.verified).toBe(true);
    expect(allowed.nameId?.value).toBe('alice@corp.com');
  });

  it('garbage and non-Response documents are refused', async () => {
    expectRefused(await validateForged('%%% not base64 %%%', samlTestSettings([idp]), { base64: false }), 'saml.response.xml');
    expectRefused(await validateForged('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>', samlTestSettings([idp])), 'saml.response.xml');
    expectRefused(await validateForged('<a><b></a>', samlTestSettings([idp])), 'saml.response.xml');
    expect(toBase64('x')).toBe('eA==');
  });
});
