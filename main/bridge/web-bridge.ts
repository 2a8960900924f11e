import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../core/engine.js';
import {
  checkHost,
  checkOrigin,
  checkStateChanging,
  jsonForHttp,
  newSecret,
  readCookie,
  sameSecret,
  securityHeaders,
  type Refusal,
} from './bridge-security.js';
import { readStaticFile } from './static-files.js';
import { readJsonBody } from './read-body.js';
import { openEventStream } from './event-stream.js';

export interface WebBridgeOptions {
  engine: Engine;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  maxBodyBytes?: number;
}

export interface WebBridge {
  /** The URL to open: carries the one-time token that is exchanged for the session cookie. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const loopback = '127.0.0.1';

/** `decodeURIComponent`, but undefined for malformed percent-encoding (`%E0%A4%A`, `%zz`) instead of a throw (→ 400). */
function decodeOperation(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * Browser mode: serves the built renderer and the contract over HTTP on 127.0.0.1 only.
 * `GET /?token=…` (once) → HttpOnly SameSite=Strict session cookie; `POST /api/invoke/<operation>` → Result JSON;
 * `GET /api/events` → server-sent engine events.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const launchToken = newSecret();
  let tokenUsed = false;
  const sessions = new Set<string>();
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  let port = 0;
  const cookieName = () => `ssowb_session_${port}`; // all 127.0.0.1 servers share one cookie jar across ports
  const origin = () => `http://${loopback}:${port}`;

  const refuse = (response: ServerResponse, refusal: Refusal) => {
    response.writeHead(refusal.status, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
    response.end(refusal.reason);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const hostRefusal = checkHost(request, `${loopback}:${port}`) ?? checkOrigin(request, origin());
    if (hostRefusal) return refuse(response, hostRefusal);
    let url: URL;
    try {
      url = new URL(request.url ?? '/', origin());
    } catch {
      return refuse(response, { status: 400, reason: 'The request target is not a valid URL.' });
    }
    // An absolute-form target (`GET http://host/…`) names its own authority, which then counts instead of Host
    // (RFC 9112 §3.2.2): only our own origin is accepted, as for Host.
    if (url.origin !== origin()) return refuse(response, { status: 403, reason: 'The request target names another host.' });

    const token = url.searchParams.get('token');
    if (request.method === 'GET' && token !== null) {
      if (tokenUsed || !sameSecret(token, launchToken)) {
        return refuse(response, {
          status: 401,
          reason: 'This link was already used or is not valid. Restart `ssowb serve` (or `npm start`) for a new one.',
        });
      }
      tokenUsed = true;
      const session = newSecret();
      sessions.add(session);
      response.writeHead(303, {
        ...securityHeaders,
        location: '/',
        'set-cookie': `${cookieName()}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return response.end();
    }

    const session = readCookie(request, cookieName());
    if (session === undefined || ![...sessions].some((known) => sameSecret(known, session))) {
      return refuse(response, {
        status: 401,
        reason: 'Not signed in to this SSO Workbench bridge: open the URL printed by `ssowb serve`.',
      });
    }

    if (url.pathname.startsWith('/api/invoke/')) {
      if (request.method !== 'POST') return refuse(response, { status: 403, reason: 'Use POST.' });
      const stateRefusal = checkStateChanging(request, origin());
      if (stateRefusal) return refuse(response, stateRefusal);
      const body = await readJsonBody(request, maxBodyBytes);
      if (!body.ok) {
        response.writeHead(body.status, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
        return response.end(body.reason);
      }
      const operation = decodeOperation(url.pathname.slice('/api/invoke/'.length));
      if (operation === undefined) return refuse(response, { status: 400, reason: 'The operation name in the path is not valid percent-encoding.' });
      const result = await options.engine.invoke(operation, body.value);
      response.writeHead(200, { ...securityHeaders, 'content-type': 'application/json' });
      return response.end(jsonForHttp(result));
    }

    if (url.pathname === '/api/events' && request.method === 'GET') {
      return openEventStream(request, response, options.engine, securityHeaders);
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, { status: 403, reason: 'Read-only path.' });
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) {
      response.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
      return response.end('Not found.');
    }
    response.writeHead(200, { ...securityHeaders, 'content-type': file.contentType });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
      response.end('The bridge could not handle this request.');
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, loopback, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `${origin()}/?token=${launchToken}`,
    origin: origin(),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
