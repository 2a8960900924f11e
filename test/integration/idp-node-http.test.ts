import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttp } from '../../main/adapters/http/node-http.js';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import { HttpError, type HttpRequest } from '../../main/core/ports/http.js';
import { freeLoopbackPort } from '../peers/process-tools.js';

// The Node Http adapter against tiny real servers on 127.0.0.1.
const MiB = 1024 * 1024;
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/ok': (_req, res) => res.end('hello'),
  '/big-declared': (_req, res) => res.end(Buffer.alloc(MiB + 1, 'a')),
  '/big-chunked': (_req, res) => {
    // No content-length: the limit must be enforced while streaming.
    for (let i = 0; i < 20; i++) res.write(Buffer.alloc(64 * 1024, 'b'));
    res.end();
  },
  '/exact': (_req, res) => res.end(Buffer.alloc(1024, 'c')),
  // A small declared length that decodes to far more than the limit (a "zip bomb"): counted after decoding.
  '/big-gzip': (_req, res) => {
    const body = gzipSync(Buffer.alloc(2 * MiB, 'd'));
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(body.length) }).end(body);
  },
  '/stall': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial'); // …and never ends
  },
  '/echo': (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null })));
  },
  '/see-other': (_req, res) => res.writeHead(303, { location: '/echo' }).end(),
  '/to-remote-http': (_req, res) => res.writeHead(302, { location: 'http://idp.example.com/x' }).end(),
};

describe('node-http adapter', () => {
  const http = createNodeHttp();
  let server: Server;
  let base: string;
  const get = (path: string, extra: Partial<HttpRequest> = {}) => http.request({ url: `${base}${path}`, timeoutMs: 5000, maxBytes: MiB, ...extra });
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  };

  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const hops = /^\/hop\/(\d+)$/.exec(url.pathname);
      if (hops) {
        const n = Number(hops[1]);
        return void (n === 0 ? res.end('landed') : res.writeHead(302, { location: `/hop/${n - 1}` }).end());
      }
      (routes[url.pathname] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  it('fetches from loopback over plain http', async () => {
    const response = await get('/ok');
    expect(response).toMatchObject({ status: 200, body: 'hello', url: `${base}/ok` });
    expect(response.headers['content-length']).toBe('5');
  });

  it('refuses http to a non-loopback host without sending anything', async () => {
    const error = await failure(http.request({ url: 'http://idp.example.com/metadata', timeoutMs: 5000, maxBytes: MiB }));
    expect(error.kind).toBe('insecure_url');
    expect(error.message).toMatch(/https is required/);
    expect((await failure(http.request({ url: 'file:///etc/passwd', timeoutMs: 5000, maxBytes: MiB }))).kind).toBe('insecure_url');
  });

  it('refuses a body over maxBytes, declared or streamed, and accepts one exactly at the limit', async () => {
    expect((await failure(get('/big-declared'))).kind).toBe('too_large');
    expect((await failure(get('/big-chunked'))).kind).toBe('too_large');
    expect((await failure(get('/big-gzip'))).kind).toBe('too_large');
    expect((await get('/exact', { maxBytes: 1024 })).body).toHaveLength(1024);
    expect((await failure(get('/exact', { maxBytes: 1023 }))).kind).toBe('too_large');
  });

  it('times out on a body that never ends (the deadline covers the body)', async () => {
    const started = Date.now();
    const error = await failure(get('/stall', { timeoutMs: 300 }));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('follows at most 5 redirects', async () => {
    expect(await get('/hop/5')).toMatchObject({ body: 'landed', url: `${base}/hop/0` });
    const error = await failure(get('/hop/6'));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Too many redirects/);
  });

  it('turns POST into GET on 303 and keeps credentials on the same origin', async () => {
    const response = await get('/see-other', { method: 'POST', body: 'a=1', headers: { authorization: 'Bearer t', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(JSON.parse(response.body)).toEqual({ method: 'GET', body: '', auth: 'Bearer t' });
  });

  it('refuses a redirect to plain http on a remote host', async () => {
    expect((await failure(get('/to-remote-http'))).kind).toBe('insecure_url');
  });

  it('words network failures for a person: connection refused, TLS', async () => {
    const closedPort = await freeLoopbackPort();
    const refused = await failure(http.request({ url: `http://127.0.0.1:${closedPort}/`, timeoutMs: 5000, maxBytes: MiB }));
    expect(refused.kind).toBe('network');
    expect(refused.message).toMatch(/Connection refused by 127\.0\.0\.1:\d+: nothing is listening/);

    const pair = await generateSigningKeyPair({ algorithm: 'EC-P256', commonName: '127.0.0.1', validityDays: 1, now: new Date() });
    const tls = createHttpsServer({ cert: pair.certificatePem, key: pair.privateKeyPem }, (_q, r) => r.end('secret'));
    tls.listen(0, '127.0.0.1');
    await once(tls, 'listening');
    try {
      const error = await failure(http.request({ url: `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`, timeoutMs: 5000, maxBytes: MiB }));
      expect(error.kind).toBe('network');
      expect(error.message).toMatch(/TLS error talking to 127\.0\.0\.1:\d+: its TLS certificate is self-signed/);
    } finally {
      tls.close();
    }
    const wrongProtocol = await failure(http.request({ url: `${base.replace('http:', 'https:')}/ok`, timeoutMs: 5000, maxBytes: MiB }));
    expect(wrongProtocol.message).toMatch(/TLS handshake failed/);
  });
});
