import { beforeAll, describe, expect, it } from 'vitest';
import type { SamlValidation } from '../../main/core/saml/validate-response.js';
import { encryptedIdXml, withEncryptedId } from '../support/saml-encrypted-id.js';
import { buildResponseXml, createTestKey, SAML, FIXTURE, REQUEST_ID, samlTestSettings, signAssertion, signResponse, stripSignatures, validateForged, type ResponseShape, type TestKey } from '../support/saml-forge.js';

// An assertion in the clear whose Subject carries an EncryptedID (ADFS, Shibboleth, SimpleSAMLphp nameid.encryption):
// decrypted with the SP encryption key only from the verified assertion, and reported like a plain NameID.
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
let idp: TestKey;
let sp: TestKey;
let other: TestKey;
const shape = (extra: Partial<ResponseShape> = {}): ResponseShape => ({
  now: new Date(),
  ...FIXTURE,
  inResponseTo: REQUEST_ID,
  nameId: 'alice@corp.com',
  attributes: { mail: ['alice@corp.com'] },
  ...extra,
});
const settings = () => samlTestSettings([idp], { encryptAssertions: true, encryptionCertificate: sp.certificate });

beforeAll(async () => {
  [idp, sp, other] = await Promise.all([createTestKey('Trusted test IdP'), createTestKey('SP encryption'), createTestKey('Another SP')]);
});

const check = (v: SamlValidation, id: string) => v.checks.find((c) => c.id === id);

/** A Response whose signed assertion holds an EncryptedID of `nameId` to `to` (default: the SP's certificate). */
async function encryptedResponse(nameId: string, options: { to?: TestKey; cipher?: 'aes256-gcm' | 'aes128-cbc' } = {}): Promise<string> {
  const encryptedId = await encryptedIdXml({ nameId, certificatePem: (options.to ?? sp).certificatePem, cipher: options.cipher });
  return signAssertion(withEncryptedId(buildResponseXml(shape()), encryptedId), { key: idp });
}

describe('SAML encrypted NameID (EncryptedID)', () => {
  it('decrypted with the SP key from the verified assertion: the NameID, $nameid and the algorithms in the report', async () => {
    const v = await validateForged(await encryptedResponse('a7f3-persistent-id'), settings(), { decryptionKeyPem: sp.privateKeyPem });
    expect(v.checks.filter((c) => c.status === 'fail'), JSON.stringify(v.checks, null, 1)).toEqual([]);
    expect(v.verified).toBe(true);
    expect(v.nameId).toEqual({ value: 'a7f3-persistent-id', format: PERSISTENT });
    expect(v.claimOrigins).toMatchObject({ $nameid: 'saml_nameid', mail: 'saml_assertion' });
    expect(check(v, 'saml.nameid.present')).toMatchObject({ status: 'pass', message: expect.stringContaining('a7f3-persistent-id') });
    expect(check(v, 'saml.nameid.present')?.message).toMatch(/decrypted from the EncryptedID/);
    const encryption = check(v, 'saml.assertion.encryption');
    // The connection asks for encrypted assertions and only the NameID came encrypted: both said, both fixes given.
    expect(encryption?.status).toBe('warn');
    expect(encryption?.message).toMatch(/assertion in the clear/);
    expect(encryption?.message).toMatch(/NameID was encrypted to the SP key \(EncryptedID\) and decrypted \(data aes256-gcm, key transport rsa-oaep-mgf1p\)/);
  });

  it('AES-CBC flagged as for encrypted assertions: warn with the AES-GCM hint', async () => {
    const v = await validateForged(await encryptedResponse('alice', { cipher: 'aes128-cbc' }), settings(), { decryptionKeyPem: sp.privateKeyPem });
    expect(v.verified).toBe(true);
    expect(v.nameId?.value).toBe('alice');
    const encryption = check(v, 'saml.assertion.encryption');
    expect(encryption).toMatchObject({ status: 'warn', message: expect.stringContaining('weak algorithm(s): AES-128-CBC') });
    expect(encryption?.hint).toMatch(/AES-GCM/);
  });

  it('no SP encryption key: fails saying how to add one (--encrypt-assertions, SP metadata at the IdP), no NameID', async () => {
    const v = await validateForged(await encryptedResponse('alice'), samlTestSettings([idp]));
    expect(v.verified).toBe(false);
    expect(v.nameId).toBeUndefined();
    expect(check(v, 'saml.assertion.encryption')).toMatchObject({ status: 'fail', message: expect.stringMatching(/NameID is encrypted \(EncryptedID: data aes256-gcm.*no SP encryption key/) });
    expect(check(v, 'saml.assertion.encryption')?.hint).toMatch(/ssowb connections update <connection> --encrypt-assertions.*SP metadata at the IdP/);
    expect(check(v, 'saml.nameid.present')).toMatchObject({ status: 'fail', message: expect.stringContaining('no SP encryption key'), hint: expect.stringContaining('--encrypt-assertions') });
  });

  it('encrypted to another certificate: fails, the IdP needs the current SP metadata', async () => {
    const v = await validateForged(await encryptedResponse('alice', { to: other }), settings(), { decryptionKeyPem: sp.privateKeyPem });
    expect(v.verified).toBe(false);
    expect(v.nameId).toBeUndefined();
    expect(check(v, 'saml.assertion.encryption')).toMatchObject({ status: 'fail', message: expect.stringContaining('could not be decrypted'), hint: expect.stringContaining('sp-metadata') });
  });

  it('an EncryptedID swapped into the signed assertion (anyone can encrypt to the public SP certificate): signature refused, nothing decrypted', async () => {
    const genuine = await encryptedResponse('alice');
    const evil = await encryptedIdXml({ nameId: 'mallory', certificatePem: sp.certificatePem });
    const swapped = genuine.replace(/<saml:EncryptedID[\s\S]*<\/saml:EncryptedID>/, evil);
    expect(swapped).not.toBe(genuine);
    const v = await validateForged(swapped, settings(), { decryptionKeyPem: sp.privateKeyPem });
    expect(check(v, 'saml.signature.valid')?.status).toBe('fail');
    expect(v.verified).toBe(false);
    expect(v.nameId).toBeUndefined();
    expect(JSON.stringify(v.checks)).not.toMatch(/mallory|was encrypted to the SP key/);
  });

  it('wrapping: an unsigned assertion with an EncryptedID beside the signed one is refused and never decrypted', async () => {
    const signed = signAssertion(buildResponseXml(shape()), { key: idp });
    const evilAssertion = withEncryptedId(buildResponseXml(shape()), await encryptedIdXml({ nameId: 'mallory', certificatePem: sp.certificatePem })).match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)?.[0];
    const wrapped = signed.replace(/(<samlp:Status>[\s\S]*?<\/samlp:Status>)/, `$1${evilAssertion ?? ''}`);
    const v = await validateForged(wrapped, settings(), { decryptionKeyPem: sp.privateKeyPem });
    expect(check(v, 'saml.response.xml')?.status).toBe('fail');
    expect(v.verified).toBe(false);
    expect(v.nameId).toBeUndefined();
    expect(JSON.stringify(v.checks)).not.toMatch(/mallory|was encrypted to the SP key/);
  });

  it('unsigned assertion with an EncryptedID (signatures stripped): refused, the EncryptedID left encrypted', async () => {
    const v = await validateForged(stripSignatures(await encryptedResponse('mallory')), settings(), { decryptionKeyPem: sp.privateKeyPem });
    expect(v.verified).toBe(false);
    expect(v.nameId).toBeUndefined();
    expect(check(v, 'saml.nameid.present')).toMatchObject({ status: 'fail', message: expect.stringContaining('whose signatures verified') });
    expect(JSON.stringify(v.checks)).not.toMatch(/mallory|was encrypted to the SP key/);
  });

  it('a signed Response around the assertion with the EncryptedID verifies the same way', async () => {
    const xml = signResponse(await encryptedResponse('alice'), { key: idp });
    const v = await validateForged(xml, samlTestSettings([idp], { encryptAssertions: true, encryptionCertificate: sp.certificate, requireSignedResponse: true }), { decryptionKeyPem: sp.privateKeyPem });
    expect(v.verified, JSON.stringify(v.checks.filter((c) => c.status === 'fail'))).toBe(true);
    expect(v.nameId?.value).toBe('alice');
  });
});

describe('SAML encrypted NameID inside an encrypted assertion', () => {
  it('the assertion and then its EncryptedID decrypted with the one SP key; both reported', async () => {
    const signed = await encryptedResponse('bob', { cipher: 'aes256-gcm' });
    const assertion = signed.match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)?.[0] ?? '';
    // Standalone, as an IdP encrypts it: the namespace declared on the assertion (exclusive c14n keeps the signature valid).
    const standalone = assertion.replace('<saml:Assertion ', `<saml:Assertion xmlns:saml="${SAML}" `);
    const encryptedAssertion = (await encryptedIdXml({ nameId: '', certificatePem: sp.certificatePem, content: standalone })).replace(/EncryptedID/g, 'EncryptedAssertion');
    const v = await validateForged(signed.replace(assertion, encryptedAssertion), settings(), { decryptionKeyPem: sp.privateKeyPem });
    expect(v.verified, JSON.stringify(v.checks.filter((c) => c.status === 'fail'))).toBe(true);
    expect(v.nameId).toEqual({ value: 'bob', format: PERSISTENT });
    expect(check(v, 'saml.assertion.encryption')).toMatchObject({ status: 'pass', message: expect.stringMatching(/The assertion was encrypted to the SP key and decrypted .* The NameID was encrypted to the SP key \(EncryptedID\) and decrypted/) });
  });
});
