import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../core/engine.js';
import { jsonForHttp } from './bridge-security.js';

/** Server-sent events: every engine event as one `data:` JSON line, until the page goes away. */
export function openEventStream(
  request: IncomingMessage,
  response: ServerResponse,
  engine: Engine,
  headers: Record<string, string>,
): void {
  response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
  response.write(': connected\n\n');
  const unsubscribe = engine.subscribe((event) => response.write(`data: ${jsonForHttp(event)}\n\n`));
  request.on('close', unsubscribe);
}
