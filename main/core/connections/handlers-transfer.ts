import { viewOf, type ConnectionHandlerGroup } from './context.js';

/**
 * Export (platform formats behind the validation gate, and the native JSON backup) and import (native JSON, Arthur YAML).
 * The formats (and the YAML library) are imported on first use, so listing connections does not load them (issue 14).
 */
export const connectionTransferHandlers: ConnectionHandlerGroup<'connections.export' | 'connections.import'> = (context) => ({
  'connections.export': async (input) => (await import('../export/export-connection.js')).exportConnection(context, input),
  'connections.import': async (input) => viewOf(context, await (await import('../export/import-connection.js')).importConnection(context, input)),
});
