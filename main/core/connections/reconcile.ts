import type { StoredConnection } from '../../contract/index.js';
import type { Ports } from '../ports/index.js';
import { secretAccounts } from './secrets.js';

export interface ReconcileOutcome {
  /** Keychain items of connections no row references any more (left by a crash or a failed delete): removed. */
  removedOrphans: string[];
  /** Connections whose row claimed a secret the keychain no longer has: their flag is cleared, so the UI and test runs say so. */
  missingSecrets: Array<{ id: string; name: string; account: string }>;
}

const claimedAccount = (connection: StoredConnection): string | null =>
  connection.protocol === 'oidc'
    ? connection.hasClientSecret
      ? secretAccounts.clientSecret(connection.id)
      : null
    : connection.hasPrivateKey
      ? secretAccounts.samlPrivateKey(connection.id)
      : null;

/**
 * Brings the keychain and the database back in step at start-up (after a crash, a killed CLI or a keychain that failed
 * a delete): removes `connection:*` items no row references, and clears the secret flag of rows whose item is gone
 * (audited as `connections.reconcile`, so the admin sees why "client secret stored" turned off). Pending key pairs
 * (`pending-key:*`, generated but not yet saved) are left alone. Never reads a secret value.
 */
export async function reconcileSecrets(ports: Pick<Ports, 'store' | 'secrets' | 'clock' | 'runtime' | 'log'>): Promise<ReconcileOutcome> {
  const present = new Set(await ports.secrets.accounts());
  const rows = ports.store.connections.list();
  const referenced = new Set(rows.flatMap((row) => [secretAccounts.clientSecret(row.id), secretAccounts.samlPrivateKey(row.id)]));
  const removedOrphans: string[] = [];
  for (const account of present) {
    if (!account.startsWith('connection:') || referenced.has(account)) continue;
    // Re-check the row at delete time: a connection created since the listing must keep its secret.
    const id = account.split(':')[1] ?? '';
    if (ports.store.connections.get(id)) continue;
    await ports.secrets.delete(account);
    removedOrphans.push(account);
  }
  const missingSecrets: ReconcileOutcome['missingSecrets'] = [];
  for (const row of rows) {
    const account = claimedAccount(row);
    if (account === null || present.has(account)) continue;
    missingSecrets.push({ id: row.id, name: row.displayName, account });
  }
  if (missingSecrets.length > 0) {
    ports.store.transaction(() => {
      for (const missing of missingSecrets) {
        const current = ports.store.connections.get(missing.id);
        if (!current) continue;
        const cleared = current.protocol === 'oidc' ? { ...current, hasClientSecret: false } : { ...current, hasPrivateKey: false };
        ports.store.connections.put(cleared);
        ports.store.audit.append({
          at: ports.clock.now().toISOString(),
          actor: ports.runtime.actor,
          action: 'connections.reconcile',
          subject: missing.id,
          detail: { name: missing.name, missingSecret: missing.account.endsWith('client-secret') ? 'clientSecret' : 'privateKey' },
        });
      }
    });
  }
  if (removedOrphans.length || missingSecrets.length) {
    ports.log.log('warn', 'keychain and database reconciled at start-up', { removedOrphans: removedOrphans.length, missingSecrets: missingSecrets.map((m) => m.id) });
  }
  return { removedOrphans, missingSecrets };
}
