import type { OperationName } from '../../contract/index.js';
import type { Handler, HandlerContext } from '../handlers/types.js';
import type { IdpTools } from './idp-tools.js';
import { readSettings } from '../handlers/settings-handlers.js';
import { toConnectionView } from './view.js';
import type { ConnectionView, StoredConnection } from '../../contract/index.js';

/** The engine's handler context plus the IdP helpers (injected, so unit tests can fake them). */
export interface ConnectionContext extends HandlerContext {
  idp: IdpTools;
}

export type ConnectionHandlerGroup<K extends OperationName> = (context: ConnectionContext) => { [N in K]: Handler<N> };

/** A view with the current test port and clock (the port is part of every test URL). */
export function viewOf(context: HandlerContext, connection: StoredConnection): ConnectionView {
  return viewsOf(context)(connection);
}

/** A view maker for many connections: the settings and the clock read once. */
export function viewsOf(context: HandlerContext): (connection: StoredConnection) => ConnectionView {
  const { testPort } = readSettings(context.ports.store);
  const now = context.ports.clock.now();
  return (connection) => toConnectionView(connection, { testPort, now });
}
