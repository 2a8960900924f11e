import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../ports/index.js';

/** Keychain item names (product.md: one item per secret; removing a connection removes its items). */
export const secretAccounts = {
  clientSecret: (connectionId: string) => `connection:${connectionId}:client-secret`,
  samlPrivateKey: (connectionId: string) => `connection:${connectionId}:saml-private-key`,
  /** The SP encryption key (assertions encrypted to it); its certificate is `saml.encryptionCertificate`. */
  samlEncryptionKey: (connectionId: string) => `connection:${connectionId}:saml-encryption-key`,
  pendingKey: (pendingKeyId: string) => `pending-key:${pendingKeyId}`,
};

/** One keychain change: a value to write, or null to delete. */
export interface SecretWrite {
  account: string;
  value: string | null;
}

/** Undoes applied writes; used when a later step (the store row) fails. */
export type SecretRollback = () => Promise<void>;

/**
 * Applies keychain WRITES (not deletions: see deleteSecretsAfterCommit) before the store row is written, remembering each previous value so the caller can
 * roll back when the row fails. If a write fails midway, the ones already made are undone and the keychain's
 * (typed, worded) error is rethrown: the save fails and nothing is stored.
 */
export async function applySecretWrites(secrets: SecretStore, writes: SecretWrite[], log: Logger): Promise<SecretRollback> {
  const applied: Array<{ account: string; previous: string | null }> = [];
  const rollback: SecretRollback = async () => {
    for (const { account, previous } of applied.reverse()) {
      try {
        if (previous === null) await secrets.delete(account);
        else await secrets.set(account, previous);
      } catch (error) {
        // Best effort: the original error is what the user needs to see; the leftover item is logged (no value).
        log.log('warn', 'keychain rollback failed', { account, error: String((error as Error)?.message ?? error) });
      }
    }
  };
  try {
    for (const write of writes) {
      const previous = await secrets.get(write.account);
      if (write.value === null) {
        if (previous !== null) await secrets.delete(write.account);
      } else {
        await secrets.set(write.account, write.value);
      }
      applied.push({ account: write.account, previous });
    }
  } catch (error) {
    await rollback();
    throw error;
  }
  return rollback;
}

/**
 * Deletes keychain items AFTER the row that stopped referencing them is committed (crash safety: a crash in between
 * leaves at worst an orphan item, which the start-up reconcile removes, never a row claiming a secret that is gone).
 * Best effort: a failure is logged (account only) and left to the reconcile.
 */
export async function deleteSecretsAfterCommit(secrets: SecretStore, accounts: string[], log: Logger): Promise<void> {
  for (const account of accounts) {
    try {
      await secrets.delete(account);
    } catch (error) {
      log.log('warn', 'a keychain item could not be deleted; it will be removed at the next start', { account, error: String((error as Error)?.message ?? error) });
    }
  }
}
