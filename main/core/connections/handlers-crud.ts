import { randomUUID } from 'node:crypto';
import type { ConnectionCreateInput, ConnectionSettings, ConnectionUpdateInput } from '../../contract/index.js';
import { connectionSettingsSchemaFor } from '../../contract/schemas/connection.js';
import { AppError } from '../app-error.js';
import { summariesOf, viewOf, type ConnectionHandlerGroup } from './context.js';
import { settingsOf } from './document.js';
import { parseOrThrow, requireConnection, throwIssues } from './lookup.js';
import { applyPatch } from './patch.js';
import { saveConnection } from './save.js';
import { deleteSecretsAfterCommit, secretAccounts } from './secrets.js';
import type { SecretInput } from './signing-key.js';

type Ops =
  | 'connections.list'
  | 'connections.page'
  | 'connections.get'
  | 'connections.create'
  | 'connections.update'
  | 'connections.remove'
  | 'connections.setActive';

/** Splits write-only secrets from the settings of a create input. */
export function splitCreateInput(input: ConnectionCreateInput): { id: string | undefined; settings: ConnectionSettings; secrets: SecretInput } {
  if (input.protocol === 'oidc') {
    const { clientSecret, id, ...settings } = input;
    return { id, settings, secrets: { clientSecret } };
  }
  const { privateKeyPem, generateKeyPair, pendingKeyId, id, ...settings } = input;
  return { id, settings, secrets: { privateKeyPem, generateKeyPair, pendingKeyId } };
}

/** Splits the update input into the settings patch, the secrets and the connection reference. */
function splitUpdateInput(input: ConnectionUpdateInput) {
  const { id, clientSecret, privateKeyPem, generateKeyPair, pendingKeyId, ...patch } = input;
  return { ref: id, patch: patch as Record<string, unknown>, secrets: { clientSecret, privateKeyPem, generateKeyPair, pendingKeyId } };
}

/** List, read, create, update, remove and (de)activate connections. */
export const connectionCrudHandlers: ConnectionHandlerGroup<Ops> = (context) => {
  const { ports, audit } = context;
  const repo = ports.store.connections;
  return {
    // List rows come from the store's list columns, filtered, sorted and paged in SQL: no document is read.
    'connections.list': (filters) => repo.listRows(filters, summariesOf(context)).rows,
    'connections.page': (query) => {
      const { rows, total } = repo.listRows(query, summariesOf(context));
      return { connections: rows, total };
    },
    'connections.get': ({ ref }) => viewOf(context, requireConnection(repo, ref)),
    'connections.create': async (input) => {
      // Already validated at the engine's door (settings + secrets); the saved document is checked once more.
      const { id, settings, secrets } = splitCreateInput(input);
      if (id !== undefined && repo.get(id)) {
        throw new AppError('conflict', 'A connection with this id exists already: it was saved before. Open it from the Connections list to change it.', { field: 'id' });
      }
      const stored = await saveConnection(context, { action: 'connections.create', id: id ?? randomUUID(), settings, existing: null, secrets });
      return viewOf(context, stored);
    },
    'connections.update': async (input) => {
      const { ref, patch, secrets } = splitUpdateInput(input);
      const existing = requireConnection(repo, ref);
      const other = existing.protocol === 'oidc' ? 'saml' : 'oidc';
      if (patch[other] !== undefined) {
        throwIssues([{ field: other, message: `This is an ${existing.protocol.toUpperCase()} connection: it has no ${other} settings. Create a new connection to change protocol.` }]);
      }
      const merged = applyPatch(settingsOf(existing) as unknown as Record<string, unknown>, patch);
      const keyComing = Boolean(secrets.generateKeyPair || secrets.pendingKeyId);
      const settings = parseOrThrow(connectionSettingsSchemaFor({ keyComing }), merged);
      const stored = await saveConnection(context, { action: 'connections.update', id: existing.id, settings, existing, secrets });
      return viewOf(context, stored);
    },
    'connections.remove': async ({ ref }) => {
      const existing = requireConnection(repo, ref);
      // The keychain is reached first: if it refuses (locked, unavailable), the connection stays and the error says how
      // to fix it. Then the row goes, then its items (crash-safe order: at worst an orphan item, removed at start-up).
      const accounts = [secretAccounts.clientSecret(existing.id), secretAccounts.samlPrivateKey(existing.id), secretAccounts.samlEncryptionKey(existing.id)];
      const hasSecrets = existing.protocol === 'oidc' ? existing.hasClientSecret : existing.hasPrivateKey || Boolean(existing.saml.encryptionCertificate);
      if (hasSecrets) await ports.secrets.get(accounts[existing.protocol === 'oidc' ? 0 : 1] as string);
      ports.store.transaction(() => {
        repo.delete(existing.id);
        audit.record('connections.remove', existing.id, { name: existing.displayName, protocol: existing.protocol, provider: existing.provider });
      });
      if (hasSecrets) await deleteSecretsAfterCommit(ports.secrets, accounts, ports.log);
      return { id: existing.id, name: existing.displayName, removed: true as const };
    },
    'connections.setActive': ({ ref, active }) => {
      const existing = requireConnection(repo, ref);
      if (existing.active === active) return viewOf(context, existing);
      const stored = { ...existing, active };
      ports.store.transaction(() => {
        repo.put(stored);
        audit.record('connections.setActive', existing.id, { name: existing.displayName, active });
      });
      return viewOf(context, stored);
    },
  };
};
