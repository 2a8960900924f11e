import { X509Certificate, createPrivateKey, randomBytes, sign, verify, webcrypto, type KeyObject } from 'node:crypto';
import type * as X509 from '@peculiar/x509';
import { ensureReflectMetadata } from './reflect-metadata-shim.js';
import { describeCertificate, type CertificateInfo } from './x509.js';

export type SigningKeyAlgorithm = 'RSA-2048' | 'RSA-3072' | 'RSA-4096' | 'EC-P256';

export interface GenerateSigningKeyPairOptions {
  algorithm: SigningKeyAlgorithm;
  /** Subject and issuer CN of the self-signed certificate (1..64 characters, X.520 upper bound). */
  commonName: string;
  /** 1..3650 days; SAML SPs usually rotate every 1–3 years. */
  validityDays: number;
  /** Start of validity; passed in so tests and the engine clock decide, not the machine. */
  now: Date;
}

export interface GeneratedSigningKeyPair {
  certificatePem: string;
  /** PKCS#8 ("BEGIN PRIVATE KEY"); goes to the keychain, never to disk or logs. */
  privateKeyPem: string;
  certificate: CertificateInfo;
}

const DAY_MS = 86_400_000;
const crypto = webcrypto;
/** The same object, typed as @peculiar/x509 expects (DOM's Crypto when a DOM lib is in scope, e.g. in tests). */
const x509Crypto = webcrypto as unknown as Parameters<typeof X509.X509CertificateGenerator.createSelfSigned>[1];

function keyParams(algorithm: SigningKeyAlgorithm): { generate: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams; signing: webcrypto.Algorithm | webcrypto.EcdsaParams } {
  if (algorithm === 'EC-P256') {
    return { generate: { name: 'ECDSA', namedCurve: 'P-256' }, signing: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams };
  }
  const bits = { 'RSA-2048': 2048, 'RSA-3072': 3072, 'RSA-4096': 4096 }[algorithm];
  if (!bits) throw new Error(`Unknown key algorithm "${String(algorithm)}"; use RSA-2048, RSA-3072, RSA-4096 or EC-P256.`);
  const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) };
  return { generate: rsa, signing: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as webcrypto.Algorithm };
}

function toPem(der: ArrayBuffer, label: string): string {
  const body = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/**
 * Creates a key pair and a self-signed certificate for signing SAML AuthnRequests (or any SP signing need).
 * Self-signed is normal in SAML: trust comes from exchanging metadata, not from a CA. The certificate carries only
 * digitalSignature key usage and is not a CA, so it cannot be misused to issue other certificates.
 */
export async function generateSigningKeyPair(options: GenerateSigningKeyPairOptions): Promise<GeneratedSigningKeyPair> {
  const { algorithm, validityDays, now } = options;
  const commonName = options.commonName.trim();
  if (!commonName) throw new Error('The certificate needs a common name (for example the SP entity ID host).');
  if (commonName.length > 64) throw new Error('The common name is longer than 64 characters, the X.509 limit.');
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > 3650) {
    throw new Error(`The validity must be a whole number of days from 1 to 3650 (10 years); got ${validityDays}.`);
  }
  if (Number.isNaN(now.getTime())) throw new Error('The start date of the certificate is not a valid date.');

  const { generate, signing } = keyParams(algorithm);
  // Loaded on first use, after the metadata shim its dependency injection container needs (see reflect-metadata-shim).
  ensureReflectMetadata();
  const x509 = await import('@peculiar/x509');
  const keys = await crypto.subtle.generateKey(generate, true, ['sign', 'verify']);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) || 0x01; // positive and minimally encoded (DER), as RFC 5280 requires
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString('hex'),
      // As an explicit UTF8String: the library's string forms would strip quotes/backslashes or read '#…' as hex.
      name: new x509.Name([{ CN: [{ utf8String: commonName }] }]),
      notBefore,
      notAfter: new Date(notBefore.getTime() + validityDays * DAY_MS),
      signingAlgorithm: signing,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, x509Crypto),
      ],
    },
    x509Crypto,
  );
  const certificatePem = toPem(cert.rawData, 'CERTIFICATE');
  const privateKeyPem = toPem(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { certificatePem, privateKeyPem, certificate: describeCertificate(certificatePem, now) };
}

function readPrivateKey(pem: string): KeyObject {
  const text = pem.trim();
  if (!text.includes('-----BEGIN')) throw new Error('The private key is not in PEM form (expected "-----BEGIN PRIVATE KEY-----").');
  if (/BEGIN CERTIFICATE/.test(text) && !/PRIVATE KEY/.test(text)) {
    throw new Error('This is a certificate, not a private key. Paste the private key (-----BEGIN PRIVATE KEY-----).');
  }
  if (/ENCRYPTED/.test(text)) throw new Error('The private key is protected by a passphrase; export it without one (it is kept in the OS keychain).');
  try {
    return createPrivateKey(text);
  } catch {
    throw new Error('The private key could not be read; expected an unencrypted PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC).');
  }
}

function readCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem.trim());
  } catch {
    throw new Error('The certificate could not be read; expected a PEM certificate (-----BEGIN CERTIFICATE-----).');
  }
}

/**
 * Checks that a pasted certificate and private key belong together, by signing and verifying a probe: a mismatch
 * otherwise surfaces only at the IdP, as an opaque "invalid signature" on every login.
 */
export function checkKeyPair(certificatePem: string, privateKeyPem: string): void {
  const cert = readCertificate(certificatePem);
  const key = readPrivateKey(privateKeyPem);
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'rsa-pss' && type !== 'ec' && type !== 'ed25519') {
    throw new Error(`Keys of type ${type ?? 'unknown'} are not supported for signing; use RSA (2048 bits or more) or EC P-256.`);
  }
  for (const k of [key, cert.publicKey]) {
    const bits = k.asymmetricKeyDetails?.modulusLength;
    if ((k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss') && bits !== undefined && bits < 2048) {
      throw new Error('RSA keys must be at least 2048 bits');
    }
  }
  const probe = randomBytes(32);
  const digest = type === 'ed25519' ? null : 'sha256';
  let matches = false;
  try {
    matches = verify(digest, probe, cert.publicKey, sign(digest, probe, key));
  } catch {
    matches = false; // e.g. an EC key against an RSA certificate
  }
  if (!matches) throw new Error('The private key does not match the certificate');
}
