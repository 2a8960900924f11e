import type { SamlConnectionSettings, StoredConnection } from '../../contract/index.js';
import type { ConnectionContext } from './context.js';
import { secretAccounts, type SecretWrite } from './secrets.js';

/** Encryption key pairs are RSA: XML Encryption key transport (RSA-OAEP) needs an RSA key, whatever signs requests. */
const ENCRYPTION_KEY = { algorithm: 'RSA-2048', validityDays: 730 } as const;

/**
 * The SP encryption key pair of a SAML connection (issue 12: encrypted assertions). Generated in-app on first use —
 * when `encryptAssertions` turns on and the connection has no pair yet — with the private key only in the keychain
 * and the certificate in the settings (published in the SP metadata with use="encryption"). Turning encryption off
 * drops both, so the IdP cannot keep encrypting to a key nobody holds. Mutates `settings.saml.encryptionCertificate`.
 */
export async function planEncryptionKey(
  context: ConnectionContext,
  id: string,
  settings: SamlConnectionSettings,
  existing: StoredConnection | null,
): Promise<{ write: SecretWrite | null; how: 'generated' | 'deleted' | null }> {
  const saml = settings.saml;
  const previous = existing?.protocol === 'saml' ? existing.saml.encryptionCertificate : undefined;
  const account = secretAccounts.samlEncryptionKey(id);
  if (!saml.encryptAssertions) {
    delete saml.encryptionCertificate;
    return previous ? { write: { account, value: null }, how: 'deleted' } : { write: null, how: null };
  }
  // The stored pair is kept while its certificate is the one in the settings; any other certificate (a copy from a
  // file, or none) means the key is not ours to use, so a new pair is made.
  if (previous && saml.encryptionCertificate?.pem === previous.pem) {
    saml.encryptionCertificate = previous;
    return { write: null, how: null };
  }
  const commonName = `${saml.spEntityId ?? settings.displayName} encryption`.slice(0, 64);
  const pair = await context.idp.generateSigningKeyPair({ ...ENCRYPTION_KEY, commonName, now: context.ports.clock.now() });
  saml.encryptionCertificate = pair.certificate;
  return { write: { account, value: pair.privateKeyPem }, how: 'generated' };
}
