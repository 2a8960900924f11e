import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, TestRunState, WorkbenchEvent } from '../../main/contract/index.js';
import { createNodeLoopback } from '../../main/adapters/loopback/index.js';
import { createLiveEngine, joseConnectionInput, startJoseOp, type JoseOp, type LiveEngine } from '../support/jose-op.js';

// The loopback listener the IdP redirects to (RFC 8252 §7.3/§8.3): 127.0.0.1 only, a foreign Host refused, unknown
// paths 404, a state used once, and a run without a callback ending cleanly at its deadline.

/** A GET with an explicit Host header (fetch cannot set Host). */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether a TCP connection to address:port is accepted. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('loopback listener (Node adapter)', () => {
  const loopback = createNodeLoopback();
  let port: number;

  beforeAll(async () => {
    port = await loopback.listen(0);
    loopback.route('/oidc/abc/callback', async (req) => ({ status: 200, title: 'ok', text: `<script>alert(1)</script> state=${req.query.state ?? ''}` }));
  });
  afterAll(() => loopback.close());

  it('is bound to 127.0.0.1 only: not ::1, not the machine’s other addresses', async () => {
    expect(await accepts('127.0.0.1', port)).toBe(true);
    expect(await accepts('::1', port)).toBe(false);
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) expect(await accepts(external.address, port)).toBe(false);
  });

  it('answers a route with escaped text and strict headers', async () => {
    const answer = await get(port, '/oidc/abc/callback?state=s1', `127.0.0.1:${port}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; state=s1');
    expect(answer.body).not.toContain('<script>');
    expect(answer.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
    expect(String(answer.headers['content-security-policy'])).toContain("default-src 'none'");
    expect((await get(port, '/oidc/abc/callback', `localhost:${port}`)).status).toBe(200);
  });

  it('refuses a foreign Host with 403 (DNS rebinding)', async () => {
    expect((await get(port, '/oidc/abc/callback', `evil.example:${port}`)).status).toBe(403);
    expect((await get(port, '/oidc/abc/callback', '127.0.0.1:1')).status).toBe(403);
  });

  it('answers 404 for an unknown path', async () => {
    expect((await get(port, '/oidc/other/callback', `127.0.0.1:${port}`)).status).toBe(404);
    expect((await get(port, '/', `127.0.0.1:${port}`)).status).toBe(404);
  });

  it('says clearly when the port is taken', async () => {
    const other = createNodeLoopback();
    await expect(other.listen(port)).rejects.toMatchObject({ name: 'LoopbackError', kind: 'port_in_use' });
    await other.close();
  });
});

describe('loopback listener in live runs', () => {
  let op: JoseOp;
  let wb: LiveEngine;

  beforeAll(async () => {
    op = await startJoseOp();
    wb = await createLiveEngine();
    await wb.call('connections.create', joseConnectionInput(op, 'Jose'));
  });
  afterAll(async () => {
    await wb?.close();
    await op?.stop();
  });

  it('a second use of a state is refused with a clear page, and the code is not redeemed twice', async () => {
    const start = await wb.call<{ runId: string; authorizeUrl: string; redirectUri: string }>('tests.start', { ref: 'Jose', timeoutSeconds: 20 });
    expect(start.redirectUri).toBe(`http://127.0.0.1:${wb.testPort}/oidc/${(await wb.call<{ id: string }>('connections.get', { ref: 'Jose' })).id}/callback`);
    const callbackUrl = await op.authorize(start.authorizeUrl);
    expect((await fetch(callbackUrl)).status).toBe(200);
    expect((await wb.call<Report>('tests.wait', { runId: start.runId })).outcome).toBe('passed');
    const tokenCalls = op.counts.token;
    const again = await fetch(callbackUrl);
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/already used.*single-use/s);
    expect(op.counts.token).toBe(tokenCalls);
  });

  it('a run without a callback times out cleanly: failed report, expired status, events, no hang', async () => {
    const events: WorkbenchEvent[] = [];
    const unsubscribe = wb.engine.subscribe((event) => events.push(event));
    const start = await wb.call<{ runId: string }>('tests.start', { ref: 'Jose', timeoutSeconds: 1 });
    const report = await wb.call<Report>('tests.wait', { runId: start.runId });
    unsubscribe();
    expect(report.outcome).toBe('failed');
    expect(report.checks.find((c) => c.id === 'oidc.callback.received')).toMatchObject({ status: 'fail', message: expect.stringContaining('within 1 s') });
    expect(report.checks.find((c) => c.id === 'oidc.callback.received')?.hint).toContain(`http://127.0.0.1:${wb.testPort}/oidc/`);
    expect(await wb.call<TestRunState>('tests.get', { runId: start.runId })).toMatchObject({ status: 'expired', report: { outcome: 'failed' } });
    expect(events.find((e) => e.name === 'onTestRunFinished')).toMatchObject({ payload: { runId: start.runId, status: 'expired' } });
    expect(events.some((e) => e.name === 'onTestRunProgress' && e.payload.step === 'authorize' && e.payload.status === 'failed')).toBe(true);
  });

  it('cancel ends a waiting run; a late callback for it is refused', async () => {
    const start = await wb.call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'Jose', timeoutSeconds: 20 });
    const callbackUrl = await op.authorize(start.authorizeUrl);
    expect(await wb.call<TestRunState>('tests.cancel', { runId: start.runId })).toMatchObject({ status: 'cancelled' });
    expect((await wb.call<Report>('tests.wait', { runId: start.runId })).outcome).toBe('failed');
    expect((await fetch(callbackUrl)).status).toBe(409);
  });
});
