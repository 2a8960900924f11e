import type { StoredConnection } from '../../contract/index.js';
import type { SecretStore } from '../ports/index.js';
import { secretAccounts } from '../connections/secrets.js';

/** Secret values an export may carry (only when the user asked for them). */
export interface SecretValues {
  clientSecret?: string;
  samlPrivateKeyPem?: string;
}

/** Reads the connection's secrets from the keychain for an export that asked for them. */
export async function readSecretValues(secrets: SecretStore, connection: StoredConnection): Promise<SecretValues> {
  const values: SecretValues = {};
  if (connection.protocol === 'oidc' && connection.hasClientSecret) {
    const value = await secrets.get(secretAccounts.clientSecret(connection.id));
    if (value) values.clientSecret = value;
  }
  if (connection.protocol === 'saml' && connection.hasPrivateKey) {
    const value = await secrets.get(secretAccounts.samlPrivateKey(connection.id));
    if (value) values.samlPrivateKeyPem = value;
  }
  return values;
}

/**
 * A placeholder that names the secret and where it goes, for redacted exports. Single-token (no spaces or quotes)
 * so it survives env files unquoted; the format adds a comment saying what to paste.
 */
export const redacted = (name: string): string => `REDACTED-${name}`;

/** The comment that goes with a redacted value. */
export const redactedNote = (name: string, what: string): string =>
  `${name} is redacted: replace ${redacted(name)} with ${what} (or export with --include-secrets).`;
