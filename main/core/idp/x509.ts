import { X509Certificate } from 'node:crypto';

/** What a person needs to judge a certificate: who, until when, and a fingerprint to compare with the IdP's console. */
export interface CertificateInfo {
  pem: string;
  subject: string;
  issuer: string;
  /** ISO 8601 (UTC). */
  notBefore: string;
  /** ISO 8601 (UTC). */
  notAfter: string;
  /** SHA-256 of the DER, upper-case hex pairs separated by colons (the form IdP consoles show). */
  fingerprintSha256: string;
  expired: boolean;
  /** Whole days left until notAfter; negative once expired. */
  expiresInDays: number;
}

const DAY_MS = 86_400_000;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/** Node prints distinguished names one attribute per line; a single line reads better in a UI and a log. */
function oneLineName(name: string): string {
  return name
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

/** Wraps base64 DER at 64 columns, as RFC 7468 asks and as every SAML/OpenSSL tool accepts. */
function derToPem(der: Buffer): string {
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/**
 * Accepts what people paste: a PEM certificate, or the bare base64 body found in SAML metadata
 * (ds:X509Certificate), with any line breaks. Returns a canonical PEM certificate, or throws an Error saying why not.
 */
export function normalizePem(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('No certificate was given (the text is empty).');
  let base64 = trimmed;
  const block = PEM_BLOCK.exec(trimmed);
  if (block) {
    const label = block[1] ?? '';
    if (label.includes('PRIVATE KEY')) {
      throw new Error('This is a private key, not a certificate. Paste the certificate (-----BEGIN CERTIFICATE-----).');
    }
    if (label !== 'CERTIFICATE' && label !== 'X509 CERTIFICATE') {
      throw new Error(`This is a PEM "${label}", not a certificate. Paste the certificate (-----BEGIN CERTIFICATE-----).`);
    }
    base64 = block[2] ?? '';
  } else if (trimmed.includes('-----BEGIN')) {
    throw new Error('The PEM text is incomplete: a "-----BEGIN …-----" line has no matching "-----END …-----" line.');
  }
  const compact = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new Error('This is not a certificate: expected a PEM certificate or its base64 body.');
  }
  const der = Buffer.from(compact, 'base64');
  try {
    new X509Certificate(der);
  } catch {
    throw new Error('This is not a readable X.509 certificate: the base64 decodes, but not to a certificate.');
  }
  return derToPem(der);
}

/** Describes a certificate relative to `now` (passed in, so the engine's clock port decides, not the machine). */
export function describeCertificate(pem: string, now: Date): CertificateInfo {
  const canonical = normalizePem(pem);
  const cert = new X509Certificate(canonical);
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  const msLeft = notAfter.getTime() - now.getTime();
  return {
    pem: canonical,
    subject: oneLineName(cert.subject),
    issuer: oneLineName(cert.issuer),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    fingerprintSha256: cert.fingerprint256.toUpperCase(),
    expired: msLeft < 0,
    expiresInDays: Math.floor(msLeft / DAY_MS),
  };
}

/** The base64 DER body of a certificate, as SAML metadata and ds:X509Certificate carry it (no header, no breaks). */
export function certificateBody(pem: string): string {
  return normalizePem(pem)
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
}
