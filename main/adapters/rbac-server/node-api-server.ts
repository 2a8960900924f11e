import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiHandler, ApiServerFactory, RunningApiServer } from '../../core/ports/api-server.js';
import { LoopbackError } from '../../core/ports/loopback.js';
import type { Logger } from '../../core/log/logger.js';

const HOST = '127.0.0.1';
const MAX_BODY = 1024 * 1024;
const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function cookiesOf(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name) out[name] = rest.join('=');
  }
  return out;
}

async function readBody(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 413; detail: string }> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY) return { ok: false, status: 413, detail: `Body over ${MAX_BODY} bytes.` };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return { ok: false, status: 413, detail: `Body over ${MAX_BODY} bytes.` };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, detail: 'Body is not valid JSON.' };
  }
}

const send = (response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) => {
  response.writeHead(status, { ...headers, ...extra });
  response.end(body === undefined ? undefined : JSON.stringify(body));
};

/**
 * The ApiServer port on node:http: 127.0.0.1 only, Host header pinned to this port (DNS rebinding), JSON bodies up to
 * 1 MB. A thin adapter: everything the API means is in the core handler.
 */
export function createNodeApiServer(options: { logger?: Logger } = {}): ApiServerFactory {
  return {
    async listen(port: number, handler: ApiHandler): Promise<RunningApiServer> {
      let bound = 0;
      const server = createServer((request, response) => {
        void (async () => {
          const host = (request.headers.host ?? '').toLowerCase();
          if (host !== `${HOST}:${bound}` && host !== `localhost:${bound}`) return send(response, 403, { detail: `Host "${request.headers.host ?? ''}" is not this engine (${HOST}:${bound}).` });
          const url = new URL(request.url ?? '/', `http://${HOST}:${bound}`);
          const body = await readBody(request);
          if (!body.ok) return send(response, body.status, { detail: body.detail });
          const lower: Record<string, string> = {};
          for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') lower[name.toLowerCase()] = value;
          const answer = await handler({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: lower, cookies: cookiesOf(request), body: body.value });
          send(response, answer.status, answer.body, answer.headers);
        })().catch((error: unknown) => {
          options.logger?.log('error', 'rehearsal engine request failed', { error: String(error) });
          if (!response.headersSent) send(response, 500, { detail: 'Internal error.' });
          else response.end();
        });
      });
      server.requestTimeout = 30_000;
      server.headersTimeout = 10_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => {
          const kind = error.code === 'EADDRINUSE' ? 'port_in_use' : error.code === 'EACCES' ? 'permission' : 'other';
          const why = kind === 'port_in_use' ? 'the port is in use (another SSO Workbench or program): choose another with --port' : error.message;
          reject(new LoopbackError(kind, `${HOST}:${port}: ${why}.`));
        });
        server.listen(port, HOST, () => resolve());
      });
      bound = (server.address() as AddressInfo).port;
      return {
        port: bound,
        url: `http://${HOST}:${bound}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}
