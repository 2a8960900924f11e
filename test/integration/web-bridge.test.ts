import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { startWebBridge, type WebBridge } from '../../main/bridge/web-bridge.js';
import { createTestPorts } from '../support/fakes.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(bridge: WebBridge, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: bridge.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${bridge.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback web bridge', () => {
  let bridge: WebBridge;
  let staticDir: string;
  let cookie = '';
  const token = () => new URL(bridge.url).searchParams.get('token') ?? '';
  const invoke = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    send(bridge, `/api/invoke/${name}`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), origin: bridge.origin, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'ssowb-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SSO Workbench</title>');
    bridge = await startWebBridge({ engine: createEngine(createTestPorts()), staticDir, maxBodyBytes: 4096 });
  });
  afterAll(async () => {
    await bridge.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and prints a URL carrying a token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  });

  it('refuses everything without the session cookie', async () => {
    expect((await send(bridge, '/')).status).toBe(401);
    expect((await invoke('app.info', {})).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the right token', async () => {
    const reply = await send(bridge, `/?token=${token()}`, { headers: { host: `evil.example:${bridge.port}` } });
    expect(reply.status).toBe(403);
  });

  it('exchanges the token once for an HttpOnly SameSite=Strict cookie', async () => {
    const wrong = await send(bridge, '/?token=not-the-token');
    expect(wrong.status).toBe(401);
    const reply = await send(bridge, `/?token=${token()}`);
    expect(reply.status).toBe(303);
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0] ?? '';
    const again = await send(bridge, `/?token=${token()}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/already used/);
  });

  it('serves the console with a strict CSP to the signed-in browser', async () => {
    const reply = await send(bridge, '/', { headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('SSO Workbench');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });

  it('answers contract calls with the Result envelope', async () => {
    const reply = await invoke('app.info', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'SSO Workbench' } });
    const bad = JSON.parse((await invoke('settings.update', { testPort: 1 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'testPort' } });
  });

  it('refuses cross-origin calls, calls without an Origin, and non-JSON bodies', async () => {
    expect((await invoke('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    const noOrigin = await send(bridge, '/api/invoke/app.info', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
    expect((await invoke('app.info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await invoke('app.info', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('refuses oversized bodies without touching the engine', async () => {
    const reply = await invoke('settings.update', { padding: 'x'.repeat(10_000) });
    expect(reply.status).toBe(413);
  });

  it('never serves files outside the renderer directory', async () => {
    expect((await send(bridge, '/../../../../etc/passwd', { headers: { cookie } })).status).toBe(404);
    expect((await send(bridge, '/%2e%2e/%2e%2e/etc/passwd', { headers: { cookie } })).status).toBe(404);
  });

  it('streams engine events to the page', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: { host: `127.0.0.1:${bridge.port}`, cookie } },
        (res) => {
          res.on('error', () => undefined); // we hang up ourselves once the event arrived
          let buffer = '';
          let triggered: Promise<unknown> | undefined;
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            if (!triggered && buffer.includes(': connected')) triggered = invoke('settings.update', { testPort: 9200 });
            const match = /data: (.*)\n\n/.exec(buffer);
            if (match?.[1]) {
              void triggered?.then(() => resolve(match[1] ?? ''));
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(await received)).toMatchObject({ name: 'onAuditAppended', payload: { action: 'settings.update' } });
  });
});
