import type { ExportFormat, StoredConnection } from '../../contract/index.js';
import { platformExportFormats } from '../../contract/schemas/connection-export.js';
import { AppError } from '../app-error.js';
import { isValidationCurrent } from '../connections/view.js';
import { notValidatedReason, testCommandFor } from './stamp.js';

/**
 * Only validated configs leave in a platform format: the last passing live test or inspect must be at least as new
 * as the last change. The native JSON is a backup and always exports. `force` lets an unvalidated one out, stamped.
 */
export function assertExportable(connection: StoredConnection, format: ExportFormat, force: boolean): void {
  if (!platformExportFormats.includes(format) || force || isValidationCurrent(connection)) return;
  throw new AppError('not_validated', `${format}: "${connection.displayName}" is not validated: ${notValidatedReason(connection)}.`, {
    field: 'format',
    hint: `Prove it with a real login first: ${testCommandFor(connection)} (or ssowb inspect with a token), then export again. To export anyway, pass --force: the file is then marked NOT VALIDATED.`,
  });
}
