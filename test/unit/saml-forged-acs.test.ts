import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, TestRunProgress, TestRunState } from '../../main/contract/index.js';
import { createEngine } from '../../main/core/engine.js';
import { systemClock } from '../../main/core/ports/clock.js';
import { createTestPorts, FakeLoopback } from '../support/fakes.js';
import { createTestKey, forgeResponse, newId, toBase64, type TestKey } from '../support/saml-forge.js';

// A POST to the loopback ACS that answers no request of the waiting SAML run (no RelayState of the run, and an
// InResponseTo that is not the run's AuthnRequest ID, or no readable Response at all) used to be matched to the only
// waiting run by elimination, so any local process could end an admin's live test with one POST. Now it is refused
// and recorded on the run (a `refused` callback step), which keeps waiting; the timeout names it. IdP-initiated
// Responses (no InResponseTo) still run on their own.
const IDP = 'https://idp.example.test/saml2/idp/metadata.php';
let key: TestKey;
beforeAll(async () => {
  key = await createTestKey('Forged-ACS test IdP');
});

async function setup() {
  const loopback = new FakeLoopback();
  const engine = createEngine(createTestPorts({ loopback, clock: systemClock }));
  const progress: TestRunProgress[] = [];
  engine.subscribe((event) => {
    if (event.name === 'onTestRunProgress') progress.push(event.payload as TestRunProgress);
  });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  const view = await call<{ id: string; testAcsUrl: string; spEntityId: string }>('connections.create', {
    protocol: 'saml',
    provider: 'custom',
    displayName: 'Forged ACS',
    saml: { idp: { entityId: IDP, ssoUrl: 'https://idp.example.test/sso', certificates: [key.certificate] }, attributeMappings: { userId: '$nameid' } },
  });
  /** Starts a run; its AuthnRequest ID and RelayState, read off the authorize URL as the IdP would. */
  const start = async (timeoutSeconds = 600) => {
    const started = await call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: view.id, timeoutSeconds });
    const url = new URL(started.authorizeUrl);
    const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    return { runId: started.runId, requestId: /\sID="([^"]+)"/.exec(request)?.[1] ?? '', relayState: url.searchParams.get('RelayState') ?? '' };
  };
  const response = (inResponseTo: string | undefined) =>
    toBase64(forgeResponse({ now: new Date(), idpEntityId: IDP, spEntityId: view.spEntityId, acsUrl: view.testAcsUrl, inResponseTo, nameId: 'alice', attributes: { email: ['alice@example.test'] } }, { key }));
  const post = (form: Record<string, string>) => loopback.deliver(view.testAcsUrl, 'POST', form);
  const state = async (runId: string) => (await call<TestRunState>('tests.get', { runId })).status;
  const refusedSteps = (runId: string) => progress.filter((p) => p.runId === runId && p.step === 'callback' && p.status === 'refused');
  return { engine, call, start, response, post, state, refusedSteps };
}

describe('the SAML ACS refuses a Response that answers no request of the waiting run', () => {
  it('a signed Response for another AuthnRequest, and garbage, without RelayState: refused, the run keeps waiting, then passes', async () => {
    const { engine, call, start, response, post, state, refusedSteps } = await setup();
    const run = await start();
    const forged = await post({ SAMLResponse: response(newId()) }); // genuinely signed, but answers another request
    expect(forged.status).toBe(400);
    expect(forged.text).toMatch(/answers no request of the test that is waiting/);
    expect((await post({ SAMLResponse: 'bm90IFhNTA==' })).status).toBe(400);
    expect((await post({ SAMLResponse: response(newId()), RelayState: 'made-up' })).status).toBe(400);
    expect(await state(run.runId)).toBe('waiting');
    expect(refusedSteps(run.runId)).toHaveLength(3);

    // The genuine Response still completes the run it belongs to.
    expect((await post({ SAMLResponse: response(run.requestId), RelayState: run.relayState })).status).toBe(200);
    const report = await call<Report>('tests.wait', { runId: run.runId });
    expect(report.checks.filter((c) => c.id.startsWith('saml.') && c.status === 'fail')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'saml.acs.relay_state')?.status).toBe('pass');
    expect(report.user.userId).toBe('alice');
    await engine.close();
  });

  it('at the timeout the run fails naming the refused Responses', async () => {
    const { engine, call, start, response, post } = await setup();
    const run = await start(1);
    await post({ SAMLResponse: response(newId()) });
    await post({ SAMLResponse: response(newId()) });
    const report = await call<Report>('tests.wait', { runId: run.runId });
    expect(report.outcome).toBe('failed');
    expect(report.checks.find((c) => c.id === 'saml.acs.received')).toMatchObject({ status: 'fail', message: expect.stringMatching(/timed out/) });
    expect(report.checks.find((c) => c.id === 'saml.acs.relay_state')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^2 SAML Response\(s\) POSTed to the ACS were refused.*AuthnRequest this run never sent/),
      hint: expect.stringContaining('RelayState'),
    });
    expect(report.steps.filter((s) => s.name === 'callback' && s.status === 'refused')).toHaveLength(2);
    expect(report.user.userId).toBeNull();
    await engine.close();
  });

  it('an IdP-initiated Response (no InResponseTo) is still a run of its own; the waiting run keeps waiting', async () => {
    const { engine, start, response, post, state, refusedSteps } = await setup();
    const run = await start();
    const finished = new Promise<{ runId: string; report: Report }>((resolve) =>
      engine.subscribe((event) => {
        if (event.name === 'onTestRunFinished') resolve(event.payload as { runId: string; report: Report });
      }),
    );
    const answer = await post({ SAMLResponse: response(undefined) });
    expect(answer.status).toBe(200);
    const own = await finished;
    expect(own.runId).not.toBe(run.runId);
    expect(own.report.checks.find((c) => c.id === 'saml.acs.received')?.message).toMatch(/IdP-initiated/);
    expect(own.report.user.userId).toBe('alice');
    expect(await state(run.runId)).toBe('waiting');
    expect(refusedSteps(run.runId)).toHaveLength(0);
    await engine.close();
  });
});
