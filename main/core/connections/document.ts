import { createHash } from 'node:crypto';
import type { ConnectionSettings, StoredConnection } from '../../contract/index.js';

/** The bookkeeping fields of a stored connection; everything else is a setting. */
const documentOnly = ['id', 'createdAt', 'updatedAt', 'lastTest', 'validatedAt', 'lastPass', 'hasClientSecret', 'hasPrivateKey'] as const;

/** The settings part of a stored connection (what create takes and update patches). */
export function settingsOf(connection: StoredConnection): ConnectionSettings {
  const copy: Record<string, unknown> = structuredClone(connection);
  for (const key of documentOnly) delete copy[key];
  return copy as ConnectionSettings;
}

/** JSON with sorted keys and certificates reduced to their PEM, so equal settings always hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.pem === 'string') return JSON.stringify(record.pem);
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the canonical settings; an exported file whose settings were edited no longer matches. */
export function settingsDigest(settings: ConnectionSettings): string {
  return createHash('sha256').update(canonical(settings)).digest('hex');
}
