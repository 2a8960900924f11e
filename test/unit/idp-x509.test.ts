import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import { certificateBody, describeCertificate, normalizePem } from '../../main/core/idp/x509.js';

describe('normalizePem / describeCertificate', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  let pem: string;
  let keyPem: string;
  beforeAll(async () => {
    ({ certificatePem: pem, privateKeyPem: keyPem } = await generateSigningKeyPair({ algorithm: 'EC-P256', commonName: 'idp', validityDays: 10, now }));
  });

  it('accepts a PEM, a bare base64 body (one line or wrapped, with CRLF) and returns the canonical PEM', () => {
    const body = certificateBody(pem);
    expect(body).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(normalizePem(pem)).toBe(pem);
    expect(normalizePem(body)).toBe(pem);
    expect(normalizePem(`  ${body.replace(/(.{76})/g, '$1\r\n')}\r\n`)).toBe(pem);
    expect(normalizePem(`junk before\n${pem}junk after`)).toBe(pem);
  });

  it('refuses garbage, private keys and truncated PEM with a clear message', () => {
    expect(() => normalizePem('')).toThrow(/empty/);
    expect(() => normalizePem('hello world!')).toThrow(/not a certificate: expected a PEM certificate or its base64 body/);
    expect(() => normalizePem('aGVsbG8gd29ybGQ=')).toThrow(/base64 decodes, but not to a certificate/);
    expect(() => normalizePem(keyPem)).toThrow(/This is a private key, not a certificate/);
    expect(() => normalizePem(pem.split('-----END')[0] ?? '')).toThrow(/no matching "-----END/);
  });

  it('describes subject, validity, fingerprint and expiry relative to the given time', () => {
    const info = describeCertificate(pem, now);
    expect(info).toMatchObject({ subject: 'CN=idp', issuer: 'CN=idp', notBefore: '2026-11-23T10:00:00.000Z', notAfter: '2026-12-03T10:00:00.000Z', expired: false, expiresInDays: 10 });
    expect(info.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(describeCertificate(pem, new Date('2026-12-03T10:00:01Z'))).toMatchObject({ expired: true, expiresInDays: -1 });
    expect(describeCertificate(pem, new Date('2026-12-03T09:00:00Z'))).toMatchObject({ expired: false, expiresInDays: 0 });
  });
});
