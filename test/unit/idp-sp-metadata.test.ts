import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import { buildSpMetadata } from '../../main/core/idp/sp-metadata.js';
import { parseXmlSafely } from '../../main/core/idp/xml-safety.js';
import { describeCertificate, normalizePem } from '../../main/core/idp/x509.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

describe('buildSpMetadata', () => {
  it('round-trips through xmldom with every value intact (escaped entity ID, signing certificate, NameID format)', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const { certificatePem } = await generateSigningKeyPair({ algorithm: 'EC-P256', commonName: 'sp', validityDays: 30, now });
    const xml = buildSpMetadata({
      entityId: 'https://ml.example.com/saml?tenant=a&x="<b>"',
      acsUrl: 'https://ml.example.com/saml/acs?a=1&b=2',
      signingCertificatePem: certificatePem,
      authnRequestsSigned: true,
      wantAssertionsSigned: false,
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    });
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    expect(parseXmlSafely(xml).documentElement?.localName).toBe('EntityDescriptor');

    const root = doc.documentElement!;
    expect(root.namespaceURI).toBe(MD);
    expect(root.getAttribute('entityID')).toBe('https://ml.example.com/saml?tenant=a&x="<b>"');
    const sp = doc.getElementsByTagNameNS(MD, 'SPSSODescriptor')[0]!;
    expect(sp.getAttribute('protocolSupportEnumeration')).toBe('urn:oasis:names:tc:SAML:2.0:protocol');
    expect(sp.getAttribute('AuthnRequestsSigned')).toBe('true');
    expect(sp.getAttribute('WantAssertionsSigned')).toBe('false');
    expect(doc.getElementsByTagNameNS(MD, 'KeyDescriptor')[0]?.getAttribute('use')).toBe('signing');
    const body = doc.getElementsByTagNameNS(DS, 'X509Certificate')[0]?.textContent ?? '';
    expect(describeCertificate(normalizePem(body), now).fingerprintSha256).toBe(describeCertificate(certificatePem, now).fingerprintSha256);
    expect(doc.getElementsByTagNameNS(MD, 'NameIDFormat')[0]?.textContent).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    const acs = doc.getElementsByTagNameNS(MD, 'AssertionConsumerService')[0]!;
    expect([acs.getAttribute('Binding'), acs.getAttribute('Location'), acs.getAttribute('index')]).toEqual([
      'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
      'https://ml.example.com/saml/acs?a=1&b=2',
      '0',
    ]);
    // Schema order inside SPSSODescriptor: KeyDescriptor, NameIDFormat, AssertionConsumerService.
    const order = Array.from(sp.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as unknown as { localName: string }).localName);
    expect(order).toEqual(['KeyDescriptor', 'NameIDFormat', 'AssertionConsumerService']);
  });

  it('omits the KeyDescriptor and NameIDFormat when not given', () => {
    const xml = buildSpMetadata({ entityId: 'urn:sp', acsUrl: 'http://127.0.0.1:8719/acs', authnRequestsSigned: false, wantAssertionsSigned: true });
    const doc = parseXmlSafely(xml);
    expect(doc.getElementsByTagNameNS(MD, 'KeyDescriptor')).toHaveLength(0);
    expect(doc.getElementsByTagNameNS(MD, 'NameIDFormat')).toHaveLength(0);
  });

  it('refuses an empty entity ID, a relative ACS URL and a bad certificate', () => {
    const base = { entityId: 'urn:sp', acsUrl: 'https://sp/acs', authnRequestsSigned: false, wantAssertionsSigned: true };
    expect(() => buildSpMetadata({ ...base, entityId: ' ' })).toThrow(/entity ID is empty/);
    expect(() => buildSpMetadata({ ...base, acsUrl: '/saml/acs' })).toThrow(/not an absolute URL/);
    expect(() => buildSpMetadata({ ...base, signingCertificatePem: 'nope' })).toThrow(/not a (readable X.509 )?certificate/);
  });
});
