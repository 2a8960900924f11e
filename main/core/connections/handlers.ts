import type { ConnectionContext } from './context.js';
import { connectionCrudHandlers } from './handlers-crud.js';
import { connectionToolHandlers } from './handlers-tools.js';
import { connectionDraftHandlers } from './handlers-draft.js';
import { connectionTransferHandlers } from './handlers-transfer.js';

/** Every `connections.*` operation. The engine spreads this into its handler table. */
export const connectionHandlers = (context: ConnectionContext) => ({
  ...connectionCrudHandlers(context),
  ...connectionToolHandlers(context),
  ...connectionDraftHandlers(context),
  ...connectionTransferHandlers(context),
});

export type { ConnectionContext } from './context.js';
export type { IdpTools } from './idp-tools.js';
export { defaultIdpTools } from './idp-tools.js';
