import { exportConnection } from '../export/export-connection.js';
import { importConnection } from '../export/import-connection.js';
import { viewOf, type ConnectionHandlerGroup } from './context.js';

/** Export (platform formats behind the validation gate, and the native JSON backup) and import (native JSON, Arthur YAML). */
export const connectionTransferHandlers: ConnectionHandlerGroup<'connections.export' | 'connections.import'> = (context) => ({
  'connections.export': (input) => exportConnection(context, input),
  'connections.import': async (input) => viewOf(context, await importConnection(context, input)),
});
