import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/log/logger.js';
import { LoopbackError, type Loopback, type LoopbackReply, type LoopbackRoute } from '../../core/ports/loopback.js';
import { pageHeaders, postFormHeaders, renderPostForm, renderReply } from './render.js';

const HOST = '127.0.0.1';
const MAX_FORM_BYTES = 1024 * 1024;

function reply(response: ServerResponse, answer: LoopbackReply): void {
  const { postForm } = answer;
  const body = postForm ? renderPostForm({ ...answer, postForm }) : renderReply(answer);
  const headers = postForm ? postFormHeaders(postForm.action) : pageHeaders;
  response.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Reads an urlencoded form body (SAML HTTP-POST binding), refusing more than 1 MB. */
async function readForm(request: IncomingMessage): Promise<Record<string, string> | null> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Host values a browser sends for our redirect URIs; anything else is a DNS-rebinding attempt or a foreign site. */
function hostAllowed(host: string | undefined, port: number): boolean {
  const value = (host ?? '').toLowerCase();
  return value === `${HOST}:${port}` || value === `localhost:${port}`;
}

/**
 * The Loopback port on node:http (RFC 8252 §7.3/§8.3): binds 127.0.0.1 only, refuses a foreign Host (403) and unknown
 * paths (404), answers GET and form POST, renders the engine's text escaped with strict headers. One server per port.
 */
export function createNodeLoopback(options: { logger?: Logger } = {}): Loopback {
  const servers = new Map<number, Server>();
  const routes = new Map<string, LoopbackRoute>();

  async function handle(request: IncomingMessage, response: ServerResponse, port: number): Promise<void> {
    if (!hostAllowed(request.headers.host, port)) {
      return reply(response, { status: 403, title: 'Forbidden', text: `This listener answers only requests for ${HOST}:${port}.` });
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${HOST}:${port}`);
    } catch {
      return reply(response, { status: 400, title: 'Bad request', text: 'The request target is not a valid URL.' });
    }
    // An absolute-form target (`GET http://host/…`) names its own authority (RFC 9112 §3.2.2): it must be ours too.
    if (!hostAllowed(url.host, port)) {
      return reply(response, { status: 403, title: 'Forbidden', text: `This listener answers only requests for ${HOST}:${port}.` });
    }
    const route = routes.get(url.pathname);
    if (!route) return reply(response, { status: 404, title: 'Not found', text: 'Nothing is served at this path.' });
    const method = (request.method ?? 'GET').toUpperCase();
    const form = method === 'POST' ? await readForm(request) : {};
    if (form === null) return reply(response, { status: 413, title: 'Too large', text: 'The form is larger than 1 MB.' });
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
    reply(response, await route({ method, path: url.pathname, query, form }));
  }

  return {
    async listen(port) {
      const existing = servers.get(port);
      if (existing) return (existing.address() as AddressInfo).port;
      const server = createServer((request, response) => {
        const bound = (server.address() as AddressInfo).port;
        handle(request, response, bound).catch((error: unknown) => {
          options.logger?.log('error', 'loopback request failed', { error: String((error as Error)?.message ?? error) });
          if (!response.headersSent) reply(response, { status: 500, title: 'Internal error', text: 'The request could not be handled; details are in the log.' });
          else response.end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => {
          const kind = error.code === 'EADDRINUSE' ? 'port_in_use' : error.code === 'EACCES' ? 'permission' : 'other';
          const why = kind === 'port_in_use' ? 'another program is listening on it' : kind === 'permission' ? 'permission denied' : error.message;
          reject(new LoopbackError(kind, `${HOST}:${port}: ${why}.`));
        });
        server.listen(port, HOST, () => resolve());
      });
      const bound = (server.address() as AddressInfo).port;
      servers.set(port, server);
      if (port === 0) servers.set(bound, server);
      return bound;
    },
    route(path, handler) {
      routes.set(path, handler);
      return () => {
        if (routes.get(path) === handler) routes.delete(path);
      };
    },
    async close() {
      const unique = [...new Set(servers.values())];
      servers.clear();
      await Promise.all(
        unique.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
