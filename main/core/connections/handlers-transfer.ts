import { randomUUID } from 'node:crypto';
import {
  connectionDocumentSchema,
  connectionFileFormat,
  connectionFileSchema,
  type ConnectionFile,
  type StoredConnection,
} from '../../contract/index.js';
import { AppError } from '../app-error.js';
import { viewOf, type ConnectionContext, type ConnectionHandlerGroup } from './context.js';
import { settingsDigest, settingsOf } from './document.js';
import { parseOrThrow, requireConnection } from './lookup.js';
import { saveConnection } from './save.js';
import { secretAccounts } from './secrets.js';
import { isValidationCurrent } from './view.js';

/** A file name from the display name: lower-case, dashes, never empty. */
export function exportFilename(connection: StoredConnection): string {
  const slug = connection.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || connection.id;
  return `${slug}.connection.json`;
}

/** Reads the secrets of a connection for an export that asked for them. */
async function readSecrets(context: ConnectionContext, connection: StoredConnection): Promise<ConnectionFile['secrets']> {
  const secrets: NonNullable<ConnectionFile['secrets']> = {};
  if (connection.protocol === 'oidc' && connection.hasClientSecret) {
    const value = await context.ports.secrets.get(secretAccounts.clientSecret(connection.id));
    if (value) secrets.clientSecret = value;
  }
  if (connection.protocol === 'saml' && connection.hasPrivateKey) {
    const value = await context.ports.secrets.get(secretAccounts.samlPrivateKey(connection.id));
    if (value) secrets.samlPrivateKeyPem = value;
  }
  return secrets;
}

function parseFile(content: string): ConnectionFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new AppError('invalid_input', `content: not JSON (${(error as Error).message}).`, { field: 'content', hint: 'Pass the file written by `ssowb export <connection> --format json`.' });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== connectionFileFormat) {
    throw new AppError('invalid_input', `format: not an SSO Workbench connection file (expected format "${connectionFileFormat}", found ${JSON.stringify(format ?? null)}).`, {
      field: 'format',
      hint: 'Export the connection with `ssowb export <connection> --format json`.',
    });
  }
  return parseOrThrow(connectionFileSchema, json);
}

/** The native JSON format: a backup of one connection that round-trips through import. */
export const connectionTransferHandlers: ConnectionHandlerGroup<'connections.export' | 'connections.import'> = (context) => {
  const { ports, audit } = context;
  const repo = ports.store.connections;
  return {
    'connections.export': async ({ ref, includeSecrets }) => {
      const connection = requireConnection(repo, ref);
      const secrets = includeSecrets ? await readSecrets(context, connection) : undefined;
      const file: ConnectionFile = {
        format: connectionFileFormat,
        exportedAt: ports.clock.now().toISOString(),
        connection: connection as unknown as Record<string, unknown>,
        validation: {
          validatedAt: connection.validatedAt,
          lastTest: connection.lastTest,
          current: isValidationCurrent(connection),
          settingsDigest: settingsDigest(settingsOf(connection)),
        },
        ...(secrets ? { secrets } : {}),
      };
      // Exporting secrets is a security event worth a trace; the entry says which, never their values.
      audit.record('connections.export', connection.id, { name: connection.displayName, format: 'json', includeSecrets, secrets: Object.keys(secrets ?? {}) });
      return { content: `${JSON.stringify(file, null, 2)}\n`, filename: exportFilename(connection) };
    },
    'connections.import': async ({ content, clientSecret, privateKeyPem }) => {
      const file = parseFile(content);
      // Validated exactly like a create (same schema, same rules); issue paths are the connection's own fields.
      const document = parseOrThrow(connectionDocumentSchema, file.connection);
      const settings = settingsOf(document);
      const id = repo.get(document.id) ? randomUUID() : document.id;
      // An edited file keeps its history but not its validation currency: the export gate then asks for a new test.
      const untouched = settingsDigest(settings) === file.validation.settingsDigest;
      const now = ports.clock.now().toISOString();
      const secrets =
        settings.protocol === 'oidc'
          ? { clientSecret: file.secrets?.clientSecret ?? clientSecret }
          : { privateKeyPem: file.secrets?.samlPrivateKeyPem ?? privateKeyPem };
      const stored = await saveConnection(context, {
        action: 'connections.import',
        id,
        settings,
        existing: null,
        secrets,
        history: {
          createdAt: document.createdAt,
          updatedAt: untouched ? document.updatedAt : now,
          lastTest: document.lastTest,
          validatedAt: document.validatedAt,
        },
        auditDetail: { fromId: document.id, validationKept: untouched },
      });
      return viewOf(context, stored);
    },
  };
};
