import type { ConnectionListRow, Ports } from '../ports/index.js';
import { targetTokenAccount } from '../targets/target-store.js';
import { secretAccounts } from './secrets.js';

export interface ReconcileOutcome {
  /** Keychain items of connections no row references any more (left by a crash or a failed delete): removed. */
  removedOrphans: string[];
  /** Connections whose row claimed a secret the keychain no longer has: their flag is cleared, so the UI and test runs say so. */
  missingSecrets: Array<{ id: string; name: string; account: string }>;
  /** Targets whose row claimed a token the keychain no longer has: `hasToken` cleared (audited `targets.reconcile`). */
  missingTokens: Array<{ id: string; name: string }>;
}

/** The keychain item a connection's list row says it has (client secret or SAML private key), if any. */
const claimedAccount = (connection: Pick<ConnectionListRow, 'id' | 'protocol' | 'hasSecret'>): string | null =>
  !connection.hasSecret ? null : connection.protocol === 'oidc' ? secretAccounts.clientSecret(connection.id) : secretAccounts.samlPrivateKey(connection.id);

/**
 * Brings the keychain and the database back in step at start-up (after a crash, a killed CLI or a keychain that failed
 * a delete): removes `connection:*` and `target:*` items no row references, and clears the secret flag of rows whose item is gone
 * (audited as `connections.reconcile`, so the admin sees why "client secret stored" turned off). Pending key pairs
 * (`pending-key:*`, generated but not yet saved) are left alone. Never reads a secret value.
 */
export async function reconcileSecrets(ports: Pick<Ports, 'store' | 'secrets' | 'clock' | 'runtime' | 'log'>): Promise<ReconcileOutcome> {
  const present = new Set(await ports.secrets.accounts());
  // The list rows carry id, protocol and the secret flag: no document is read for a store of any size.
  const rows = ports.store.connections.listRows({}, ({ id, displayName, protocol, hasSecret }) => ({ id, displayName, protocol, hasSecret })).rows;
  const referenced = new Set(
    rows.flatMap((row) => [secretAccounts.clientSecret(row.id), secretAccounts.samlPrivateKey(row.id), secretAccounts.samlEncryptionKey(row.id)]),
  );
  const removedOrphans: string[] = [];
  const targets = ports.store.targets?.list() ?? [];
  for (const target of targets) referenced.add(targetTokenAccount(target.id));
  for (const account of present) {
    const [kind, id = ''] = account.split(':');
    if ((kind !== 'connection' && kind !== 'target') || referenced.has(account)) continue;
    // Re-check the row at delete time: a connection or target created since the listing must keep its secret.
    if (kind === 'connection' ? ports.store.connections.get(id) : ports.store.targets?.get(id)) continue;
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
  const missingTokens = targets.filter((t) => t.hasToken && !present.has(targetTokenAccount(t.id))).map((t) => ({ id: t.id, name: t.name }));
  if (missingTokens.length > 0) {
    ports.store.transaction(() => {
      for (const missing of missingTokens) {
        const current = ports.store.targets.get(missing.id);
        if (!current) continue;
        ports.store.targets.put({ ...current, hasToken: false });
        ports.store.audit.append({ at: ports.clock.now().toISOString(), actor: ports.runtime.actor, action: 'targets.reconcile', subject: missing.id, detail: { name: missing.name, missingSecret: 'token' } });
      }
    });
  }
  if (removedOrphans.length || missingSecrets.length || missingTokens.length) {
    ports.log.log('warn', 'keychain and database reconciled at start-up', { removedOrphans: removedOrphans.length, missingSecrets: missingSecrets.map((m) => m.id), missingTokens: missingTokens.map((m) => m.id) });
  }
  return { removedOrphans, missingSecrets, missingTokens };
}
