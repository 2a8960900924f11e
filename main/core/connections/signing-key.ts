import type { SamlConnectionSettings, StoredConnection } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import { SecretStoreError } from '../ports/index.js';
import type { ConnectionContext } from './context.js';
import type { FieldIssue } from './lookup.js';
import { secretAccounts } from './secrets.js';

/** Write-only secret input shared by create, update and import. */
export interface SecretInput {
  clientSecret?: string | null | undefined;
  privateKeyPem?: string | null | undefined;
  generateKeyPair?: { algorithm: 'RSA-2048' | 'RSA-3072' | 'RSA-4096' | 'EC-P256'; validityDays: number } | undefined;
  pendingKeyId?: string | undefined;
}

/** The outcome for the SAML private key: `undefined` keep, `null` delete, a string replace. */
export interface SigningKeyPlan {
  key: string | null | undefined;
  /** How the key came, for the audit log (never the key). */
  how: 'generated' | 'pending' | 'pasted' | 'deleted' | null;
  pendingAccount: string | null;
}

/** Helper errors (bad PEM, mismatched key) become field issues; keychain and app errors pass through. */
export function messageOf(error: unknown): string {
  if (error instanceof AppError || error instanceof SecretStoreError) throw error;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Works out the SAML signing key material: generates a pair, takes a pending key from the keychain, or uses a pasted
 * key; normalizes every certificate from its PEM (client-side subject/expiry are not trusted); and checks that the
 * key matches the certificate. Mutates `saml` (generated/normalized certificates) and appends problems to `issues`.
 */
export async function planSigningKey(
  context: ConnectionContext,
  settings: SamlConnectionSettings,
  existing: StoredConnection | null,
  secrets: SecretInput,
  issues: FieldIssue[],
): Promise<SigningKeyPlan> {
  const { ports, idp } = context;
  const now = ports.clock.now();
  const saml = settings.saml;
  const plan: SigningKeyPlan = { key: secrets.privateKeyPem, how: secrets.privateKeyPem === null ? 'deleted' : secrets.privateKeyPem ? 'pasted' : null, pendingAccount: null };
  let generated = false;
  if (secrets.generateKeyPair) {
    const commonName = (saml.spEntityId ?? settings.displayName).slice(0, 64);
    const pair = await idp.generateSigningKeyPair({ ...secrets.generateKeyPair, commonName, now });
    saml.signingCertificate = pair.certificate;
    Object.assign(plan, { key: pair.privateKeyPem, how: 'generated' });
    generated = true;
  } else if (secrets.pendingKeyId) {
    plan.pendingAccount = secretAccounts.pendingKey(secrets.pendingKeyId);
    const key = await ports.secrets.get(plan.pendingAccount);
    if (key === null) issues.push({ field: 'pendingKeyId', message: 'No pending key with this id (already used, or never made): generate a key pair again.' });
    else Object.assign(plan, { key, how: 'pending' });
    if (!saml.signingCertificate) {
      issues.push({ field: 'saml.signingCertificate', message: 'A pending key needs its certificate: pass the certificate returned by connections.generateKeyPair.' });
    }
  }
  for (const [index, certificate] of saml.idp.certificates.entries()) {
    try {
      saml.idp.certificates[index] = await idp.describeCertificate(certificate.pem, now);
    } catch (error) {
      issues.push({ field: `saml.idp.certificates.${index}`, message: `Unreadable certificate (${messageOf(error)}): paste the PEM again or reload the metadata.` });
    }
  }
  if (saml.signingCertificate && !generated) {
    try {
      saml.signingCertificate = await idp.describeCertificate(saml.signingCertificate.pem, now);
    } catch (error) {
      issues.push({ field: 'saml.signingCertificate', message: `Unreadable certificate (${messageOf(error)}): paste the PEM block again.` });
    }
  }
  const previous = existing?.protocol === 'saml' ? existing : null;
  if (typeof plan.key === 'string' && !saml.signingCertificate) {
    issues.push({ field: 'saml.signingCertificate', message: 'A private key was given without its certificate: paste the matching certificate too.' });
  }
  const certificateChanged = saml.signingCertificate?.pem !== previous?.saml.signingCertificate?.pem;
  if (saml.signingCertificate && !generated) {
    const key =
      typeof plan.key === 'string'
        ? plan.key
        : plan.key === undefined && certificateChanged && previous?.hasPrivateKey
          ? await ports.secrets.get(secretAccounts.samlPrivateKey(previous.id))
          : null;
    if (key) {
      try {
        await idp.checkKeyPair(saml.signingCertificate.pem, key);
      } catch (error) {
        const field = typeof plan.key === 'string' ? 'privateKeyPem' : 'saml.signingCertificate';
        issues.push({ field, message: `${messageOf(error)} Use the private key that belongs to this certificate, or generate a new pair.` });
      }
    }
  }
  return plan;
}
