import { describe, expect, it } from 'vitest';
import type { Report, TestRunProgress, TestRunState } from '../../main/contract/index.js';
import { createEngine } from '../../main/core/engine.js';
import type { Http, HttpRequest, HttpResponse } from '../../main/core/ports/index.js';
import { createFakeIdpTools, createTestPorts, FakeLoopback } from '../support/fakes.js';

// Finding 3 of the security review: any local process that knows a connection id (it is in the redirect URI) could
// end an admin's live test with one callback carrying a wrong state. Now such a callback is refused and recorded on the
// run (a `refused` callback step in the timeline) while the run keeps waiting; only the timeout fails it, naming it.
const ISSUER = 'https://idp.example.com';
class NoIdp implements Http {
  async request(request: HttpRequest): Promise<HttpResponse> {
    throw new Error(`connect ECONNREFUSED ${request.url}`);
  }
}

async function setup() {
  const loopback = new FakeLoopback();
  const ports = createTestPorts({ http: new NoIdp(), loopback });
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const progress: TestRunProgress[] = [];
  engine.subscribe((event) => {
    if (event.name === 'onTestRunProgress') progress.push(event.payload as TestRunProgress);
  });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  const connection = await call<{ id: string; testRedirectUri: string }>('connections.create', {
    protocol: 'oidc',
    provider: 'okta',
    displayName: 'Okta',
    clientSecret: 's3cret',
    oidc: { issuer: ISSUER, clientId: 'clearml', authorizationEndpoint: `${ISSUER}/authorize`, tokenEndpoint: `${ISSUER}/token`, jwksUri: `${ISSUER}/jwks` },
  });
  return { loopback, call, connection, progress, engine };
}

describe('a forged callback does not end a waiting run', () => {
  it('wrong, missing and replayed states are refused, shown as refused, and the run keeps waiting', async () => {
    const { loopback, call, connection, progress, engine } = await setup();
    const run = await call<{ runId: string }>('tests.start', { ref: 'Okta', timeoutSeconds: 600 });
    for (const query of ['?code=c&state=forged', '?code=c', '?error=access_denied&state=x']) {
      expect((await loopback.deliver(`${connection.testRedirectUri}${query}`)).status).toBe(400);
    }
    expect((await call<TestRunState>('tests.get', { runId: run.runId })).status).toBe('waiting');
    const refused = progress.filter((p) => p.runId === run.runId && p.step === 'callback' && p.status === 'refused');
    expect(refused).toHaveLength(3);
    await engine.close();
  });

  it('a flood of 1,000 forged callbacks is bounded: the run keeps waiting, the timeline shows at most 20 of them', async () => {
    const { loopback, call, connection, progress, engine } = await setup();
    const run = await call<{ runId: string }>('tests.start', { ref: 'Okta', timeoutSeconds: 600 });
    for (let i = 0; i < 1000; i += 1) await loopback.deliver(`${connection.testRedirectUri}?code=c&state=forged-${i}`);
    expect((await call<TestRunState>('tests.get', { runId: run.runId })).status).toBe('waiting');
    expect(progress.filter((p) => p.status === 'refused').length).toBe(20);
    await engine.close();
  });

  it('at the timeout the run fails naming the refused callbacks', async () => {
    const { loopback, call, connection } = await setup();
    const run = await call<{ runId: string }>('tests.start', { ref: 'Okta', timeoutSeconds: 1 });
    await loopback.deliver(`${connection.testRedirectUri}?code=c&state=forged`);
    await loopback.deliver(`${connection.testRedirectUri}?code=c&state=forged-2`);
    const report = await call<Report>('tests.wait', { runId: run.runId });
    expect(report.outcome).toBe('failed');
    expect(report.checks.find((c) => c.id === 'oidc.callback.received')).toMatchObject({ status: 'fail', message: expect.stringMatching(/timed out/) });
    const state = report.checks.find((c) => c.id === 'oidc.callback.state');
    expect(state).toMatchObject({ status: 'fail', message: expect.stringMatching(/^2 callback\(s\) were refused.*state this run never sent/) });
    expect(report.steps.filter((s) => s.name === 'callback' && s.status === 'refused')).toHaveLength(2);
    expect(report.user.userId).toBeNull();
  });

  it('a run with no refused callback times out as before (no state check named)', async () => {
    const { call } = await setup();
    const run = await call<{ runId: string }>('tests.start', { ref: 'Okta', timeoutSeconds: 1 });
    const report = await call<Report>('tests.wait', { runId: run.runId });
    expect(report.checks.find((c) => c.id === 'oidc.callback.state')?.status).toBe('skip');
  });
});
