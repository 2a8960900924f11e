import type { ConnectionSettings, LastPass, LastTest, StoredConnection } from '../../contract/index.js';
import { connectionDocumentSchema } from '../../contract/schemas/connection.js';
import type { ConnectionContext } from './context.js';
import { settingsOf } from './document.js';
import { assertNameFree, parseOrThrow, type FieldIssue } from './lookup.js';
import { changedPaths } from './patch.js';
import { applySecretWrites, deleteSecretsAfterCommit, secretAccounts, type SecretWrite } from './secrets.js';
import { planSigningKey, type SecretInput } from './signing-key.js';
import { planEncryptionKey } from './encryption-key.js';

export interface SaveRequest {
  action: 'connections.create' | 'connections.update' | 'connections.import';
  id: string;
  /** The settings as they should be after the save (already merged for an update). */
  settings: ConnectionSettings;
  existing: StoredConnection | null;
  secrets: SecretInput;
  /** Import keeps the file's history; create/update start from now / the existing document. */
  history?: { createdAt: string; updatedAt: string; lastTest: LastTest | null; validatedAt: string | null; lastPass: LastPass | null };
  auditDetail?: Record<string, unknown>;
}

const wrongProtocol = (field: string, message: string): FieldIssue => ({ field, message });

/**
 * The one save path for create, update and import. Order matters (brief §5): validate everything first (nothing is
 * written while any field is wrong), then write new secrets to the keychain, then the row and its audit entry in one
 * store transaction (if the row fails, the secrets just written are rolled back), then delete secrets no longer used. A keychain failure fails the save
 * with the keychain's own typed error and nothing is stored.
 */
export async function saveConnection(context: ConnectionContext, request: SaveRequest): Promise<StoredConnection> {
  const { ports, audit } = context;
  const now = ports.clock.now().toISOString();
  const { id, existing, secrets } = request;
  const settings = structuredClone(request.settings);
  const issues: FieldIssue[] = [];
  const writes: SecretWrite[] = [];
  const secretNotes: Record<string, string> = {};
  let pendingAccount: string | null = null;
  let flags: { hasClientSecret: boolean } | { hasPrivateKey: boolean };

  if (settings.protocol === 'oidc') {
    if (secrets.privateKeyPem !== undefined || secrets.generateKeyPair || secrets.pendingKeyId) {
      issues.push(wrongProtocol('privateKeyPem', 'Private keys are for SAML request signing; an OIDC connection has none: remove privateKeyPem, generateKeyPair and pendingKeyId.'));
    }
    if (secrets.clientSecret !== undefined) {
      writes.push({ account: secretAccounts.clientSecret(id), value: secrets.clientSecret });
      secretNotes.clientSecret = secrets.clientSecret === null ? 'deleted' : 'set';
    }
    const had = existing?.protocol === 'oidc' && existing.hasClientSecret;
    flags = { hasClientSecret: secrets.clientSecret === undefined ? had : secrets.clientSecret !== null };
  } else {
    if (secrets.clientSecret !== undefined) issues.push(wrongProtocol('clientSecret', 'A SAML connection has no client secret: remove clientSecret.'));
    const plan = await planSigningKey(context, settings, existing, secrets, issues);
    pendingAccount = plan.pendingAccount;
    if (plan.key !== undefined) {
      writes.push({ account: secretAccounts.samlPrivateKey(id), value: plan.key });
      if (plan.how) secretNotes.privateKey = plan.how;
    }
    const had = existing?.protocol === 'saml' && existing.hasPrivateKey;
    const hasPrivateKey = plan.key === undefined ? had : plan.key !== null;
    if (settings.saml.signRequests && !hasPrivateKey) {
      issues.push({ field: 'privateKeyPem', message: 'Sign requests is on but no private key is stored: paste privateKeyPem, generate a key pair, or turn off signRequests.' });
    }
    flags = { hasPrivateKey };
    const encryption = await planEncryptionKey(context, id, settings, existing);
    if (encryption.write) writes.push(encryption.write);
    if (encryption.how) secretNotes.encryptionKey = encryption.how;
  }

  const history = request.history ?? {
    createdAt: existing?.createdAt ?? now,
    updatedAt: existing?.updatedAt ?? now,
    lastTest: existing?.lastTest ?? null,
    validatedAt: existing?.validatedAt ?? null,
    lastPass: existing?.lastPass ?? null,
  };
  const candidate = { ...settings, id, ...history, ...flags };
  const stored = parseOrThrow(connectionDocumentSchema, candidate, issues);
  assertNameFree(ports.store.connections, stored.displayName, id);

  let changed: string[] = [];
  if (existing) {
    changed = changedPaths(settingsOf(existing), settingsOf(stored));
    if (changed.length === 0 && writes.length === 0) return existing;
    // Toggling `active` is not a change of how login works: it keeps the validation current.
    if (changed.some((path) => path !== 'active') || writes.length > 0) stored.updatedAt = now;
  }

  // Crash-safe order: new values go to the keychain before the row that claims them; deletions follow the row that no
  // longer claims them. Either way a crash at any point leaves at worst an orphan keychain item (removed at start-up
  // by reconcileSecrets), never a row whose secret is missing.
  const sets = writes.filter((write) => write.value !== null);
  const deletions = writes.filter((write) => write.value === null).map((write) => write.account);
  // Reach the keychain before anything changes when only deletions are due, so a locked keychain fails the save cleanly.
  if (sets.length === 0 && deletions.length > 0) await ports.secrets.get(deletions[0] as string);
  const rollback = await applySecretWrites(ports.secrets, sets, ports.log);
  try {
    ports.store.transaction(() => {
      ports.store.connections.put(stored);
      audit.record(request.action, id, {
        name: stored.displayName,
        protocol: stored.protocol,
        provider: stored.provider,
        ...(existing ? { changed } : {}),
        ...(Object.keys(secretNotes).length ? { secrets: secretNotes } : {}),
        ...request.auditDetail,
      });
    });
  } catch (error) {
    await rollback();
    throw error;
  }
  await deleteSecretsAfterCommit(ports.secrets, [...deletions, ...(pendingAccount ? [pendingAccount] : [])], ports.log);
  return stored;
}
