import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRunState } from '../../main/contract/index.js';
import { startWebBridge } from '../../main/bridge/web-bridge.js';
import { createLiveEngine, type LiveEngine } from '../support/jose-op.js';

// The standing forged-request review (issue 13): 1,000 generated requests against the browser-mode bridge and 1,000
// against the loopback test listener, each a variant an attacker on this machine or a web page could send (reused
// token, no or wrong cookie, Host/Origin/Sec-Fetch-Site variants, content types, oversized and chunked bodies, path
// traversal and bad percent-encoding, forged callbacks). None may be accepted, none may crash the server, nothing the
// client sent may come back unescaped, and a genuine request still works afterwards. Loopback only; bounded sizes.

interface Reply {
  status: number;
  body: string;
}
interface Forged {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const MARK = '<svg onload=alert(1)>';

function send(port: number, forged: Forged): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: forged.path, method: forged.method, headers: forged.headers, agent, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A server that refuses a body early may close the socket under us: that is a refusal, not an acceptance.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve({ status: 0, body: '' }) : reject(error)));
    if (forged.chunked && forged.body !== undefined) {
      const body = Buffer.from(forged.body);
      for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
      req.end();
    } else req.end(forged.body);
  });
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
}

describe('forged requests: none accepted, nothing reflected, the servers keep answering', () => {
  let wb: LiveEngine;
  let staticDir: string;

  beforeAll(async () => {
    wb = await createLiveEngine();
    staticDir = mkdtempSync(join(tmpdir(), 'ssowb-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SSO Workbench</title>');
  });
  afterAll(async () => {
    await wb?.close();
    agent.destroy();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('the bridge: 1,000 forged requests refused (4xx), no state changed, no raw reflection; a genuine call works after', async () => {
    // A genuine session, obtained once with the launch token (the token is then spent: reusing it is one of the cases).
    const fresh = await startWebBridge({ engine: wb.engine, staticDir, maxBodyBytes: 64 * 1024 });
    const token = new URL(fresh.url).searchParams.get('token') ?? '';
    const cookieOf = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: fresh.port, path: `/?token=${token}`, headers: { host: `127.0.0.1:${fresh.port}` } }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '');
      });
      req.on('error', reject);
      req.end();
    });
    expect(cookieOf).toMatch(/^ssowb_session_\d+=/);
    const port = fresh.port;
    const host = `127.0.0.1:${port}`;
    const origin = fresh.origin;
    const pick = random(13);
    const create = JSON.stringify({ protocol: 'oidc', provider: 'okta', displayName: `forged ${MARK}`, oidc: { clientId: 'x', authorizationEndpoint: 'https://idp.example.com/a', tokenEndpoint: 'https://idp.example.com/t', jwksUri: 'https://idp.example.com/k' } });
    const settings = JSON.stringify({ keepHistory: false });
    const good = { host, origin, cookie: cookieOf, 'content-type': 'application/json' };

    // Each generator breaks exactly one thing of an otherwise genuine state-changing call.
    const generators: Array<() => Forged> = [
      () => ({ label: 'no cookie', method: 'POST', path: '/api/invoke/settings.update', headers: { ...good, cookie: '' }, body: settings }),
      () => ({ label: 'wrong cookie', method: 'POST', path: '/api/invoke/settings.update', headers: { ...good, cookie: `${cookieOf.split('=')[0]}=${pick(['x', 'AAAA', cookieOf.split('=')[1]?.slice(1) ?? '', `${MARK}`])}` }, body: settings }),
      () => ({ label: 'cookie of another port', method: 'POST', path: '/api/invoke/settings.update', headers: { ...good, cookie: cookieOf.replace(/_\d+=/, `_${port + 1}=`) }, body: settings }),
      () => ({ label: 'token reuse', method: 'GET', path: `/?token=${pick([token, `${token}x`, '', encodeURIComponent(MARK)])}`, headers: { host } }),
      () => ({ label: 'host', method: 'POST', path: '/api/invoke/connections.create', headers: { ...good, host: pick([`evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port}.`, `127.0.0.1:${port + 1}`, `[::1]:${port}`, `127.0.0.1.nip.io:${port}`, MARK, `0x7f000001:${port}`]) }, body: create }),
      () => ({ label: 'origin', method: 'POST', path: '/api/invoke/connections.create', headers: { ...good, origin: pick(['null', 'https://evil.example', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost:${port}`, `${origin}.evil.example`, MARK]) }, body: create }),
      () => ({ label: 'no origin', method: 'POST', path: '/api/invoke/connections.create', headers: { host, cookie: cookieOf, 'content-type': 'application/json' }, body: create }),
      () => ({ label: 'sec-fetch-site', method: 'POST', path: '/api/invoke/connections.create', headers: { ...good, 'sec-fetch-site': pick(['cross-site', 'same-site', MARK]) }, body: create }),
      () => ({ label: 'content type', method: 'POST', path: '/api/invoke/connections.create', headers: { ...good, 'content-type': pick(['text/plain', 'application/jsonx', 'application/json-seq', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '', 'text/html; application/json', `application/${MARK}`]) }, body: create }),
      () => ({ label: 'oversized', method: 'POST', path: '/api/invoke/connections.create', headers: { ...good, 'content-length': String(65 * 1024) }, body: Buffer.alloc(65 * 1024, 0x20) }),
      () => ({ label: 'oversized chunked', method: 'POST', path: '/api/invoke/connections.create', headers: { ...good, 'transfer-encoding': 'chunked' }, body: `{"a":"${'x'.repeat(70 * 1024)}"}`, chunked: true }),
      () => ({ label: 'not json', method: 'POST', path: '/api/invoke/connections.create', headers: good, body: pick(['{', '<x/>', MARK, '\u0000', '{"displayName":']) }),
      () => ({ label: 'bad percent-encoding', method: 'POST', path: pick(['/api/invoke/%E0%A4%A', '/api/invoke/%zz', '/api/invoke/%', '/api/invoke/settings.update%']), headers: good, body: settings }),
      () => ({ label: 'unknown operation', method: 'POST', path: pick(['/api/invoke/..%2fsettings.update', '/api/invoke/settings.update%00', `/api/invoke/${encodeURIComponent(MARK)}`, '/api/invoke/constructor', '/api/invoke/__proto__', '/api/invoke/settings.update/x']), headers: good, body: settings }),
      () => ({ label: 'method', method: pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), path: '/api/invoke/settings.update', headers: good, body: settings }),
      () => ({ label: 'absolute-form target', method: 'GET', path: pick(['http://[::1', 'http://evil.example/', `http://localhost:${port}/`, `http://127.0.0.1:${port + 1}/`, 'http://%zz/']), headers: { host, cookie: cookieOf } }),
      () => ({ label: 'traversal', method: 'GET', path: pick(['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%252e%252e/etc/passwd', '/%00', '/..\\..\\etc\\passwd', '/assets/../../../etc/passwd', '/%c0%ae%c0%ae/etc/passwd', `/${encodeURIComponent(MARK)}`]), headers: { host, cookie: cookieOf } }),
    ];

    const before = (await wb.call<{ keepHistory: boolean }>('settings.get', {})).keepHistory;
    const statuses = new Map<string, Set<number>>();
    let accepted = 0;
    for (let i = 0; i < 1000; i += 1) {
      const forged = (generators[i % generators.length] as () => Forged)();
      const reply = await send(port, forged);
      (statuses.get(forged.label) ?? statuses.set(forged.label, new Set()).get(forged.label))?.add(reply.status);
      // Accepted = answered 2xx/3xx with anything but the engine's own refusal ({ ok: false }: e.g. an unknown operation
      // name from a genuine session, which the contract answers as a Result).
      const engineRefusal = reply.status === 200 && /^\{"ok":false,/.test(reply.body);
      if (reply.status >= 200 && reply.status < 400 && !engineRefusal) {
        accepted += 1;
        console.error(`accepted #${i} ${forged.label}: ${forged.method} ${forged.path} ${JSON.stringify(forged.headers)} → ${reply.status} ${reply.body.slice(0, 200)}`);
      }
      expect(reply.body, `${forged.label} reflected the marker`).not.toContain('<svg');
    }
    expect(accepted).toBe(0);
    for (const [label, seen] of statuses) for (const status of seen) expect([0, 200, 400, 401, 403, 404, 405, 413, 415], `${label} answered ${status}`).toContain(status);
    // Finding 4: malformed percent-encoding is a 400 (was a 500 with an empty body); the media type is parsed, so
    // `application/jsonx` and friends are 415 (a prefix match let them through).
    expect(statuses.get('bad percent-encoding')).toEqual(new Set([400]));
    expect(statuses.get('content type')).toEqual(new Set([415]));
    for (const [label, seen] of statuses) if (label !== 'unknown operation') expect(seen.has(200), `${label} answered 200`).toBe(false);
    expect((await wb.call<{ keepHistory: boolean }>('settings.get', {})).keepHistory).toBe(before);
    expect(await wb.call<unknown[]>('connections.list', {})).toEqual([]);

    // Slow bodies: 20 clients that send half a request and stall hold no one else up (the bridge also drops them after
    // its request timeout); a genuine call is answered while they hang.
    const slow = Array.from({ length: 20 }, () => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/invoke/settings.update', method: 'POST', headers: { ...good, 'content-length': '1000' }, agent: false, setHost: false });
      req.on('error', () => undefined);
      req.write('{"keepHistory":');
      return req;
    });

    // The genuine call still works.
    const genuine = await send(port, { label: 'genuine', method: 'POST', path: '/api/invoke/app.info', headers: good, body: '{}' });
    expect(genuine.status).toBe(200);
    expect(JSON.parse(genuine.body)).toMatchObject({ ok: true });
    for (const req of slow) req.destroy();
    expect((await wb.call<{ keepHistory: boolean }>('settings.get', {})).keepHistory).toBe(before);
    await fresh.close();
  });

  it('the loopback listener: 1,000 forged callbacks refused, the waiting run keeps waiting, nothing reflected raw', async () => {
    // An IdP stand-in that only has to answer the run's pre-flight; no login reaches it.
    const idp = createServer((_request, response) => response.end('login page')).listen(0, '127.0.0.1');
    await new Promise((resolve) => idp.once('listening', resolve));
    const idpBase = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const connection = await wb.call<{ id: string; testRedirectUri: string }>('connections.create', {
      protocol: 'oidc',
      provider: 'okta',
      displayName: 'Forgery target',
      clientSecret: 's3cret',
      oidc: { clientId: 'clearml', authorizationEndpoint: `${idpBase}/a`, tokenEndpoint: `${idpBase}/t`, jwksUri: `${idpBase}/k` },
    });
    const run = await wb.call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: connection.id, timeoutSeconds: 600 });
    const port = wb.testPort;
    const host = `127.0.0.1:${port}`;
    const path = new URL(connection.testRedirectUri).pathname;
    const pick = random(7);
    const generators: Array<() => Forged> = [
      () => ({ label: 'wrong state', method: 'GET', path: `${path}?code=c&state=${pick(['x', 'forged', encodeURIComponent(MARK), '%E0%A4%A', ''])}`, headers: { host } }),
      () => ({ label: 'no state', method: 'GET', path: `${path}?code=${encodeURIComponent(MARK)}`, headers: { host } }),
      () => ({ label: 'error with script', method: 'GET', path: `${path}?error=${encodeURIComponent(MARK)}&error_description=${encodeURIComponent(MARK)}&state=z`, headers: { host } }),
      () => ({ label: 'host', method: 'GET', path: `${path}?code=c&state=x`, headers: { host: pick([`evil.example:${port}`, '127.0.0.1', MARK, `127.0.0.1:${port + 1}`]) } }),
      () => ({ label: 'method', method: pick(['POST', 'PUT', 'DELETE']), path: `${path}?code=c&state=x`, headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=c&state=x' }),
      () => ({ label: 'other path', method: 'GET', path: pick(['/', '/oidc/', `/oidc/${connection.id}/callback/..%2f..%2f`, '/../../etc/passwd', `/saml/${connection.id}/acs`, `/${encodeURIComponent(MARK)}`]), headers: { host } }),
      () => ({ label: 'absolute-form target', method: 'GET', path: pick([`http://evil.example${path}?code=c&state=x`, 'http://[::1', `http://127.0.0.1:${port + 1}${path}?code=c`]), headers: { host } }),
      () => ({ label: 'oversized form', method: 'POST', path: `/saml/${connection.id}/acs`, headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }, body: `SAMLResponse=${'A'.repeat(1100 * 1024)}`, chunked: true }),
    ];
    let accepted = 0;
    for (let i = 0; i < 1000; i += 1) {
      const forged = (generators[i % generators.length] as () => Forged)();
      const reply = await send(port, forged);
      if (reply.status >= 200 && reply.status < 400) accepted += 1;
      expect(reply.body, `${forged.label} reflected the marker`).not.toContain('<svg');
    }
    expect(accepted).toBe(0);
    expect((await wb.call<TestRunState>('tests.get', { runId: run.runId })).status).toBe('waiting');
    // The listener still answers a well-formed request for a route it has.
    const still = await send(port, { label: 'after', method: 'GET', path: `${path}?code=c&state=late`, headers: { host } });
    expect(still.status).toBe(400);
    expect(still.body).toContain('state');
    await wb.call('tests.cancel', { runId: run.runId });
    await new Promise((resolve) => idp.close(resolve));
  });
});
