import type { OperationName, OperationOutput, ParsedInput } from '../../contract/index.js';
import type { Ports } from '../ports/index.js';
import type { EventBus } from '../event-bus.js';
import type { AuditTrail } from '../audit-trail.js';

export interface HandlerContext {
  ports: Ports;
  events: EventBus;
  audit: AuditTrail;
}

export type Handler<N extends OperationName> = (input: ParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
export type Handlers = { [N in OperationName]: Handler<N> };
export type HandlerGroup<K extends OperationName> = (context: HandlerContext) => { [N in K]: Handler<N> };
