import { randomUUID } from 'node:crypto';
import type { ConnectionFile, ConnectionSettings, StoredConnection } from '../../contract/index.js';
import { connectionDocumentSchema } from '../../contract/schemas/connection.js';
import { connectionFileFormat, connectionFileSchema } from '../../contract/schemas/connection-export.js';
import { AppError } from '../app-error.js';
import type { ConnectionContext } from '../connections/context.js';
import { settingsDigest, settingsOf } from '../connections/document.js';
import { parseOrThrow } from '../connections/lookup.js';
import { saveConnection, type SaveRequest } from '../connections/save.js';
import { readSecretValues } from './secret-values.js';
import { settingsFromArthurYaml } from './import-arthur-yaml.js';

export interface ImportRequest {
  content: string;
  clientSecret?: string | undefined;
  privateKeyPem?: string | undefined;
  replace: boolean;
  name?: string | undefined;
}

function parseNativeFile(json: unknown): ConnectionFile {
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== connectionFileFormat) {
    throw new AppError('invalid_input', `format: not an SSO Workbench connection file (expected format "${connectionFileFormat}", found ${JSON.stringify(format ?? null)}).`, {
      field: 'format',
      hint: 'Export the connection with `ssowb export <connection> --format json`, or import an Arthur IdP YAML.',
    });
  }
  return parseOrThrow(connectionFileSchema, json);
}

/** JSON when it looks like JSON; otherwise an Arthur YAML. */
function looksLikeJson(content: string): boolean {
  return /^\s*[{[]/.test(content);
}

/**
 * Which existing connection an import would overwrite (same id, else same name). Without `replace` a same-name clash
 * is refused; a same-id file with a new name becomes a copy with a fresh id. Nothing is overwritten without asking.
 */
function targetOf(context: ConnectionContext, id: string | null, displayName: string, replace: boolean): { id: string; replaced: StoredConnection | null } {
  const repo = context.ports.store.connections;
  const byName = repo.findByName(displayName);
  const byId = id ? repo.get(id) : undefined;
  const existing = byId && (replace || byName?.id === byId.id) ? byId : byName;
  if (existing && !replace) {
    throw new AppError('conflict', `displayName: a connection named "${existing.displayName}" already exists (id ${existing.id}); nothing was imported.`, {
      field: 'displayName',
      hint: 'Pass --replace (replace: true) to overwrite it with the file, or rename the connection in the file.',
    });
  }
  if (existing) return { id: existing.id, replaced: existing };
  return { id: id && !byId ? id : randomUUID(), replaced: null };
}

/** Imports a native JSON file or an Arthur YAML as a connection, with the same schema and rules as the wizard. */
export async function importConnection(context: ConnectionContext, request: ImportRequest): Promise<StoredConnection> {
  const now = context.ports.clock.now().toISOString();
  let settings: ConnectionSettings;
  let history: NonNullable<SaveRequest['history']>;
  let fileSecrets: ConnectionFile['secrets'];
  let fromId: string | null = null;
  let auditDetail: Record<string, unknown>;
  if (looksLikeJson(request.content)) {
    let json: unknown;
    try {
      json = JSON.parse(request.content);
    } catch (error) {
      throw new AppError('invalid_input', `content: not JSON (${(error as Error).message}).`, { field: 'content', hint: 'Pass the file written by `ssowb export <connection> --format json`.' });
    }
    const file = parseNativeFile(json);
    const document = parseOrThrow(connectionDocumentSchema, file.connection);
    settings = settingsOf(document);
    if (request.name) settings.displayName = request.name;
    // An edited file keeps its history but not its validation currency: the export gate then asks for a new test.
    const untouched = settingsDigest(settingsOf(document)) === file.validation.settingsDigest;
    history = { createdAt: document.createdAt, updatedAt: untouched ? document.updatedAt : now, lastTest: document.lastTest, validatedAt: document.validatedAt, lastPass: document.lastPass ?? null };
    fileSecrets = file.secrets;
    fromId = document.id;
    auditDetail = { from: 'json', fromId: document.id, validationKept: untouched };
  } else {
    settings = await settingsFromArthurYaml(context, request.content, request.name);
    history = { createdAt: now, updatedAt: now, lastTest: null, validatedAt: null, lastPass: null };
    auditDetail = { from: 'arthur-yaml' };
  }
  const target = targetOf(context, fromId, settings.displayName, request.replace);
  let secrets =
    settings.protocol === 'oidc'
      ? { clientSecret: fileSecrets?.clientSecret ?? request.clientSecret }
      : { privateKeyPem: fileSecrets?.samlPrivateKeyPem ?? request.privateKeyPem };
  const replaced = target.replaced;
  if (replaced && replaced.protocol === settings.protocol && Object.values(secrets).every((v) => v === undefined)) {
    // Replacing keeps the secret already in the keychain when the file brings none.
    const kept = await readSecretValues(context.ports.secrets, replaced);
    secrets = settings.protocol === 'oidc' ? { clientSecret: kept.clientSecret } : { privateKeyPem: kept.samlPrivateKeyPem };
  }
  if (replaced) history = { ...history, createdAt: replaced.createdAt };
  return saveConnection(context, {
    action: 'connections.import',
    id: target.id,
    settings,
    // The file's history is kept as written (validated settings stay validated); the old row is overwritten whole.
    existing: null,
    secrets,
    history,
    auditDetail: { ...auditDetail, ...(replaced ? { replaced: replaced.id } : {}) },
  });
}

