import type { ConnectionFile, StoredConnection, ValidationStamp } from '../../contract/index.js';
import { connectionFileFormat } from '../../contract/schemas/connection-export.js';
import { settingsDigest, settingsOf } from '../connections/document.js';
import { isValidationCurrent } from '../connections/view.js';
import type { SecretValues } from './secret-values.js';

/** The config a native file's stamp hashes: the canonical settings (equal to `validation.settingsDigest`). */
export const nativeConfigSha256 = (connection: StoredConnection): string => settingsDigest(settingsOf(connection));

/** The native JSON backup: the stored document, its validation state and stamp, secrets only when given. */
export function nativeJson(connection: StoredConnection, stamp: ValidationStamp, secrets: SecretValues | undefined): string {
  const file: ConnectionFile = {
    format: connectionFileFormat,
    exportedAt: stamp.exportedAt,
    connection: connection as unknown as Record<string, unknown>,
    validation: {
      validatedAt: connection.validatedAt,
      lastTest: connection.lastTest,
      lastPass: connection.lastPass ?? null,
      current: isValidationCurrent(connection),
      settingsDigest: stamp.configSha256,
      stamp,
    },
    ...(secrets && Object.keys(secrets).length ? { secrets } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
