import { X509Certificate, createPrivateKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkKeyPair, generateSigningKeyPair, type SigningKeyAlgorithm } from '../../main/core/idp/key-generation.js';

const NOW = new Date('2026-11-23T10:00:00.750Z');

describe('generateSigningKeyPair', () => {
  it.each<[SigningKeyAlgorithm, string, number | undefined]>([
    ['RSA-2048', 'rsa', 2048],
    ['EC-P256', 'ec', undefined],
  ])('%s: a self-signed certificate whose key verifies a signature made by the private key', async (algorithm, type, bits) => {
    const pair = await generateSigningKeyPair({ algorithm, commonName: '#sp.example.com, "ML" & co\\x', validityDays: 365, now: NOW });
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/); // PKCS#8
    const cert = new X509Certificate(pair.certificatePem);
    const key = createPrivateKey(pair.privateKeyPem);
    expect(key.asymmetricKeyType).toBe(type);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(bits);
    if (type === 'ec') expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');

    const data = Buffer.from('<samlp:AuthnRequest/>');
    expect(verify('sha256', data, cert.publicKey, sign('sha256', data, key))).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true); // self-signed
    expect(cert.ca).toBe(false);
    expect(cert.subject).toBe(cert.issuer);
    // Kept verbatim (Node prints it RFC 4514-escaped): no quote stripping, no '#' read as hex.
    expect(cert.subject).toBe('CN=\\#sp.example.com\\, \\"ML\\" & co\\\\x');

    expect(pair.certificate).toMatchObject({
      notBefore: '2026-11-23T10:00:00.000Z',
      notAfter: '2027-11-23T10:00:00.000Z',
      expired: false,
      expiresInDays: 364, // 365 days minus the 750 ms past the second
      fingerprintSha256: cert.fingerprint256,
    });
    expect(pair.certificate.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(() => checkKeyPair(pair.certificatePem, pair.privateKeyPem)).not.toThrow();
  });

  it('refuses a validity outside 1..3650 days and an empty or long common name', async () => {
    const base = { algorithm: 'EC-P256' as const, commonName: 'x', validityDays: 30, now: NOW };
    for (const validityDays of [0, 3651, 1.5, Number.NaN]) {
      await expect(generateSigningKeyPair({ ...base, validityDays })).rejects.toThrow(/whole number of days from 1 to 3650/);
    }
    await expect(generateSigningKeyPair({ ...base, commonName: '  ' })).rejects.toThrow(/needs a common name/);
    await expect(generateSigningKeyPair({ ...base, commonName: 'x'.repeat(65) })).rejects.toThrow(/longer than 64/);
    expect((await generateSigningKeyPair({ ...base, validityDays: 3650 })).certificate.notAfter).toBe('2036-11-20T10:00:00.000Z');
  });
});

describe('checkKeyPair', () => {
  it('refuses a key that belongs to another certificate, of the same or another type', async () => {
    const [a, b, ec] = await Promise.all([
      generateSigningKeyPair({ algorithm: 'RSA-2048', commonName: 'a', validityDays: 1, now: NOW }),
      generateSigningKeyPair({ algorithm: 'RSA-2048', commonName: 'b', validityDays: 1, now: NOW }),
      generateSigningKeyPair({ algorithm: 'EC-P256', commonName: 'ec', validityDays: 1, now: NOW }),
    ]);
    expect(() => checkKeyPair(a.certificatePem, b.privateKeyPem)).toThrow('The private key does not match the certificate');
    expect(() => checkKeyPair(a.certificatePem, ec.privateKeyPem)).toThrow('The private key does not match the certificate');
    expect(() => checkKeyPair(ec.certificatePem, a.privateKeyPem)).toThrow('The private key does not match the certificate');
  });

  it('accepts a PKCS#1 RSA key and refuses RSA under 2048 bits', async () => {
    const pair = await generateSigningKeyPair({ algorithm: 'RSA-2048', commonName: 'a', validityDays: 1, now: NOW });
    const pkcs1 = createPrivateKey(pair.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(() => checkKeyPair(pair.certificatePem, pkcs1)).not.toThrow();
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => checkKeyPair(pair.certificatePem, small)).toThrow('RSA keys must be at least 2048 bits');
  });

  it('words unreadable input for a person', async () => {
    const pair = await generateSigningKeyPair({ algorithm: 'EC-P256', commonName: 'a', validityDays: 1, now: NOW });
    expect(() => checkKeyPair('garbage', pair.privateKeyPem)).toThrow(/The certificate could not be read/);
    expect(() => checkKeyPair(pair.certificatePem, 'garbage')).toThrow(/not in PEM form/);
    expect(() => checkKeyPair(pair.certificatePem, pair.certificatePem)).toThrow(/This is a certificate, not a private key/);
    const encrypted = createPrivateKey(pair.privateKeyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p' }).toString();
    expect(() => checkKeyPair(pair.certificatePem, encrypted)).toThrow(/protected by a passphrase/);
    expect(() => checkKeyPair(pair.certificatePem, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).toThrow(/The private key could not be read/);
  });
});
