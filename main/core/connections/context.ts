import type { OperationName } from '../../contract/index.js';
import type { Handler, HandlerContext } from '../handlers/types.js';
import type { IdpTools } from './idp-tools.js';
import { readSettings } from '../handlers/settings-handlers.js';
import { toConnectionSummary } from './list-row.js';
import { toConnectionView } from './view.js';
import type { ConnectionListRow } from '../ports/index.js';
import type { ConnectionSummary, ConnectionView, StoredConnection } from '../../contract/index.js';

/** The engine's handler context plus the IdP helpers (injected, so unit tests can fake them). */
export interface ConnectionContext extends HandlerContext {
  idp: IdpTools;
}

export type ConnectionHandlerGroup<K extends OperationName> = (context: ConnectionContext) => { [N in K]: Handler<N> };

/** The current test port (part of every test URL) and the time (certificate warnings). */
function urlContext(context: HandlerContext): { testPort: number; now: Date } {
  return { testPort: readSettings(context.ports.store).testPort, now: context.ports.clock.now() };
}

/** A view with the current test port and clock. */
export function viewOf(context: HandlerContext, connection: StoredConnection): ConnectionView {
  return toConnectionView(connection, urlContext(context));
}

/** A list-row → summary maker for a whole listing: the settings and the clock read once. */
export function summariesOf(context: HandlerContext): (row: Readonly<ConnectionListRow>) => ConnectionSummary {
  const at = urlContext(context);
  return (row) => toConnectionSummary(row, at);
}
