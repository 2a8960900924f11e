import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import { fetchIdpMetadata, parseIdpMetadata } from '../../main/core/idp/saml-metadata.js';
import { certificateBody, describeCertificate } from '../../main/core/idp/x509.js';
import type { Http, HttpRequest, HttpResponse } from '../../main/core/ports/http.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

async function cert(name: string, start: Date, days: number): Promise<string> {
  return (await generateSigningKeyPair({ algorithm: 'EC-P256', commonName: name, validityDays: days, now: start })).certificatePem;
}

const keyDescriptor = (pem: string, use?: string) =>
  `<md:KeyDescriptor${use ? ` use="${use}"` : ''}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
${certificateBody(pem).replace(/(.{64})/g, '$1\n')}
</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;

function idp(entityId: string, body: string, attrs = ''): string {
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"${attrs}>${body}</md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}
const sso = (binding: string, url: string) => `<md:SingleSignOnService Binding="${binding}" Location="${url}"/>`;

describe('parseIdpMetadata', () => {
  let current: string, next: string, encryption: string, expired: string, expiring: string;
  beforeAll(async () => {
    [current, next, encryption, expired, expiring] = await Promise.all([
      cert('idp-2026', new Date(NOW.getTime() - 100 * DAY), 730),
      cert('idp-2027', new Date(NOW.getTime() - DAY), 730),
      cert('idp-encryption', new Date(NOW.getTime() - DAY), 730),
      cert('idp-old', new Date('2020-01-01T00:00:00Z'), 30),
      cert('idp-soon', new Date(NOW.getTime() - 340 * DAY), 365),
    ]);
  });

  it('reads a full IdP descriptor, preferring HTTP-Redirect and collecting every signing certificate (rollover)', () => {
    const xml = idp(
      'https://idp.example.com/saml',
      keyDescriptor(current, 'signing') + keyDescriptor(next) + keyDescriptor(encryption, 'encryption') +
        `<md:SingleLogoutService Binding="${POST}" Location="https://idp.example.com/slo/post"/>` +
        `<md:SingleLogoutService Binding="${REDIRECT}" Location="https://idp.example.com/slo"/>` +
        '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>' +
        '<md:NameIDFormat> urn:oasis:names:tc:SAML:2.0:nameid-format:persistent </md:NameIDFormat>' +
        sso(POST, 'https://idp.example.com/sso/post') + sso(REDIRECT, 'https://idp.example.com/sso'),
      ' WantAuthnRequestsSigned="true"',
    );
    const metadata = parseIdpMetadata(xml, NOW);
    expect(metadata).toMatchObject({
      entityId: 'https://idp.example.com/saml',
      ssoUrl: 'https://idp.example.com/sso',
      ssoBinding: 'HTTP-Redirect',
      sloUrl: 'https://idp.example.com/slo',
      nameIdFormats: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
      wantAuthnRequestsSigned: true,
      warnings: [],
    });
    expect(metadata.certificates.map((c) => c.subject)).toEqual(['CN=idp-2026', 'CN=idp-2027']);
    expect(metadata.certificates[0]?.fingerprintSha256).toBe(describeCertificate(current, NOW).fingerprintSha256);
  });

  it('falls back to HTTP-POST when it is the only browser binding', () => {
    const metadata = parseIdpMetadata(idp('urn:idp', keyDescriptor(current) + sso(POST, 'https://idp/sso/post')), NOW);
    expect(metadata).toMatchObject({ ssoBinding: 'HTTP-POST', ssoUrl: 'https://idp/sso/post', wantAuthnRequestsSigned: false });
    expect(metadata.sloUrl).toBeUndefined();
  });

  it('refuses metadata without a usable SSO binding', () => {
    const soap = idp('urn:idp', sso('urn:oasis:names:tc:SAML:2.0:bindings:SOAP', 'https://idp/soap'));
    expect(() => parseIdpMetadata(soap, NOW)).toThrow(/no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding/);
  });

  it('accepts an EntitiesDescriptor with exactly one IdP, whatever the prefixes', () => {
    const xml = `<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
      <EntityDescriptor entityID="https://sp.example.com"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></EntityDescriptor>
      ${idp('https://idp.example.com', keyDescriptor(current) + sso(REDIRECT, 'https://idp.example.com/sso'))}
    </EntitiesDescriptor>`;
    expect(parseIdpMetadata(xml, NOW).entityId).toBe('https://idp.example.com');
  });

  it('refuses an aggregate with several IdPs, or none, listing the entity IDs found', () => {
    const one = idp('https://idp-a.example.com', sso(REDIRECT, 'https://a/sso'));
    const two = idp('https://idp-b.example.com', sso(REDIRECT, 'https://b/sso'));
    const wrap = (inner: string) => `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${inner}</md:EntitiesDescriptor>`;
    expect(() => parseIdpMetadata(wrap(one + two), NOW)).toThrow(/2 SAML 2.0 identity providers \(https:\/\/idp-a\.example\.com, https:\/\/idp-b\.example\.com\)/);
    const sp = '<md:EntityDescriptor entityID="https://sp.example.com"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';
    expect(() => parseIdpMetadata(wrap(sp), NOW)).toThrow(/no identity provider .*https:\/\/sp\.example\.com/);
    expect(() => parseIdpMetadata('<EntityDescriptor entityID="x"/>', NOW)).toThrow(/not SAML metadata/);
  });

  it('warns about expired and soon-expiring certificates, and about a missing signing certificate', () => {
    const old = parseIdpMetadata(idp('urn:idp', keyDescriptor(expired) + keyDescriptor(expiring, 'signing') + sso(REDIRECT, 'https://idp/sso')), NOW);
    expect(old.certificates).toHaveLength(2);
    expect(old.warnings).toEqual([expect.stringMatching(/CN=idp-old .* expired on 2020-01-31/), expect.stringMatching(/CN=idp-soon .* expires in 25 day/)]);
    const none = parseIdpMetadata(idp('urn:idp', keyDescriptor(encryption, 'encryption') + sso(REDIRECT, 'https://idp/sso')), NOW);
    expect(none.certificates).toEqual([]);
    expect(none.warnings).toEqual([expect.stringMatching(/no signing certificate/)]);
  });

  it('keeps going past an unreadable certificate, with a warning', () => {
    const bad = '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>bm90IGEgY2VydA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>';
    const metadata = parseIdpMetadata(idp('urn:idp', bad + keyDescriptor(current) + sso(REDIRECT, 'https://idp/sso')), NOW);
    expect(metadata.certificates).toHaveLength(1);
    expect(metadata.warnings).toEqual([expect.stringMatching(/could not be read and is ignored/)]);
  });
});

describe('fetchIdpMetadata', () => {
  const fake = (response: Partial<HttpResponse>): Http & { seen: HttpRequest[] } => {
    const seen: HttpRequest[] = [];
    return { seen, request: async (r) => (seen.push(r), { status: 200, headers: {}, body: '', url: r.url, ...response }) };
  };

  it('asks for at most 1 MiB within 10 s and returns the XML', async () => {
    const http = fake({ body: '<md:EntityDescriptor/>' });
    expect(await fetchIdpMetadata(http, 'https://idp.example.com/metadata')).toBe('<md:EntityDescriptor/>');
    expect(http.seen[0]).toMatchObject({ method: 'GET', timeoutMs: 10_000, maxBytes: 1024 * 1024 });
  });

  it('refuses http off loopback, error statuses and non-XML bodies', async () => {
    await expect(fetchIdpMetadata(fake({}), 'http://idp.example.com/metadata')).rejects.toThrow(/https is required/);
    await expect(fetchIdpMetadata(fake({ status: 404, body: 'nope' }), 'https://idp/m')).rejects.toThrow(/HTTP 404/);
    await expect(fetchIdpMetadata(fake({ body: '{"json":true}' }), 'https://idp/m')).rejects.toThrow(/did not return XML/);
  });
});
