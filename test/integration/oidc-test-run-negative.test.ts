import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../main/contract/index.js';
import { createLiveEngine, joseConnectionInput, startJoseOp, type JoseOp, type JoseOpScenario, type LiveEngine } from '../support/jose-op.js';

// Issue 4 negative cases, each through the whole engine (real Http and Loopback adapters) against a jose-built OP
// that misbehaves on request. Every case must fail with the right check id and accept no token (user all null).

const nullUser = { userId: null, email: null, name: null, givenName: null, familyName: null, picture: null };

describe('OIDC test runs: negative cases (jose OP)', () => {
  let op: JoseOp;
  let wb: LiveEngine;

  beforeAll(async () => {
    op = await startJoseOp();
    wb = await createLiveEngine();
    await wb.call('connections.create', joseConnectionInput(op, 'Jose'));
    await wb.call('connections.create', joseConnectionInput(op, 'Jose userinfo', { userinfoEndpoint: op.userinfoEndpoint, userInfoFromIdToken: false }));
    await wb.call('connections.create', joseConnectionInput(op, 'Jose verified', { emailVerification: true }));
  });
  afterAll(async () => {
    await wb?.close();
    await op?.stop();
  });

  /** One live run: start, let the OP redirect, deliver the callback to the loopback listener, wait for the report. */
  async function liveRun(scenario: JoseOpScenario, ref = 'Jose', timeoutSeconds = 20) {
    op.scenario = scenario;
    const start = await wb.call<{ runId: string; authorizeUrl: string }>('tests.start', { ref, timeoutSeconds });
    const callbackUrl = await op.authorize(start.authorizeUrl);
    const page = await fetch(callbackUrl);
    const text = await page.text();
    const report = await wb.call<Report>('tests.wait', { runId: start.runId });
    return { report, page: { status: page.status, text }, callbackUrl, runId: start.runId };
  }

  const check = (report: Report, id: string) => report.checks.find((c) => c.id === id);
  function expectFailure(report: Report, id: string, message?: RegExp) {
    expect(report.outcome).toBe('failed');
    expect(check(report, id), `check ${id}`).toMatchObject({ status: 'fail' });
    if (message) expect(check(report, id)?.message).toMatch(message);
    expect(check(report, id)?.hint).not.toBe('');
    expect(report.user).toEqual(nullUser);
    expect(report.groups).toEqual([]);
    expect(report.resolution.denied).toBe(true);
  }

  it('the well-behaved OP passes (control case)', async () => {
    const { report, page } = await liveRun({});
    expect(report.outcome).toBe('passed');
    expect(report.user).toMatchObject({ userId: 'alice', email: 'alice@example.test' });
    expect(report.groups).toEqual(['sso-admins', 'ml-engineers']);
    expect(page.text).toContain('PASSED');
  });

  it('bad signature → oidc.id_token.signature; claims shown but marked unverified', async () => {
    const { report, page } = await liveRun({ signer: 'stranger' });
    expectFailure(report, 'oidc.id_token.signature', /does not verify/);
    expect(report.claims.sub).toBe('alice');
    expect(report.details).toMatchObject({ unverified: true, idToken: { signature: 'invalid' } });
    expect(page.text).toContain('FAILED');
    expect(page.text).toContain('oidc.id_token.signature');
  });

  it('alg none → oidc.id_token.alg (signature not even checked)', async () => {
    const { report } = await liveRun({ signer: 'none' });
    expectFailure(report, 'oidc.id_token.alg', /unsigned/);
    expect(check(report, 'oidc.id_token.signature')?.status).toBe('skip');
  });

  it('wrong iss (trailing slash) → oidc.id_token.iss with the trailing-slash hint', async () => {
    const { report } = await liveRun({ claims: { iss: `${op.issuer}/` } });
    expectFailure(report, 'oidc.id_token.iss');
    expect(check(report, 'oidc.id_token.iss')?.hint).toMatch(/trailing slash/);
  });

  it('wrong aud → oidc.id_token.aud', async () => {
    const { report } = await liveRun({ claims: { aud: 'someone-else' } });
    expectFailure(report, 'oidc.id_token.aud', /does not include the client ID "jose-client"/);
  });

  it('several audiences without azp → oidc.id_token.azp', async () => {
    const { report } = await liveRun({ claims: { aud: [op.clientId, 'api://other'] } });
    expectFailure(report, 'oidc.id_token.azp', /no azp/);
    expect(check(report, 'oidc.id_token.aud')?.status).toBe('pass');
  });

  it('missing iat → oidc.id_token.iat; missing sub → oidc.id_token.sub', async () => {
    expectFailure((await liveRun({ claims: { iat: undefined } })).report, 'oidc.id_token.iat', /no iat/);
    expectFailure((await liveRun({ claims: { sub: undefined } })).report, 'oidc.id_token.sub', /no sub/);
  });

  it('wrong nonce → oidc.id_token.nonce', async () => {
    const { report } = await liveRun({ claims: { nonce: 'a-nonce-from-another-login' } });
    expectFailure(report, 'oidc.id_token.nonce', /does not match/);
  });

  it('expired token → oidc.id_token.exp, stating the tolerance and the seconds off', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { report } = await liveRun({ claims: { iat: now - 600, exp: now - 120 } });
    expectFailure(report, 'oidc.id_token.exp', /expired 1[12]\d s ago.*clock tolerance 30 s/);
    expect(check(report, 'oidc.id_token.exp')?.hint).toMatch(/NTP/);
  });

  it('missing state → refused (a clear page, no code exchange); the run waits, and at its timeout oidc.callback.state names it', async () => {
    const tokenCalls = op.counts.token;
    // A refused callback does not end the run (a forged one must not end a live test): it fails at its 1 s timeout.
    const { report, page } = await liveRun({ callback: { state: null } }, 'Jose', 1);
    expectFailure(report, 'oidc.callback.state', /no state/);
    expect(check(report, 'oidc.callback.received')?.message).toMatch(/timed out/);
    expect(report.steps.some((step) => step.name === 'callback' && step.status === 'refused')).toBe(true);
    expect(page.status).toBe(400);
    expect(op.counts.token).toBe(tokenCalls);
  });

  it('replayed state → refused page; the waiting run keeps waiting and at its timeout names the replay; the code is not redeemed again', async () => {
    const first = await liveRun({});
    expect(first.report.outcome).toBe('passed');
    op.scenario = {};
    const second = await wb.call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'Jose', timeoutSeconds: 1 });
    const tokenCalls = op.counts.token;
    const replay = await fetch(first.callbackUrl);
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('already used');
    const report = await wb.call<Report>('tests.wait', { runId: second.runId });
    expectFailure(report, 'oidc.callback.state', /reused the state/);
    expect(op.counts.token).toBe(tokenCalls);
  });

  it('callback iss of another IdP (RFC 9207) → oidc.callback.iss, no code exchange', async () => {
    const tokenCalls = op.counts.token;
    const { report } = await liveRun({ callback: { iss: 'https://evil.example' } });
    expectFailure(report, 'oidc.callback.iss', /another IdP/);
    expect(check(report, 'oidc.token.exchange')?.status).toBe('skip');
    expect(op.counts.token).toBe(tokenCalls);
  });

  it('callback without iss from an IdP advertising RFC 9207 → oidc.callback.iss', async () => {
    const { report } = await liveRun({ callback: { iss: null } });
    expectFailure(report, 'oidc.callback.iss', /advertises RFC 9207/);
  });

  it('an IdP error response becomes the verdict with a hint (text, escaped in the page)', async () => {
    const { report, page } = await liveRun({ callback: { error: 'access_denied', errorDescription: 'User <b>not</b> assigned' } });
    expectFailure(report, 'oidc.callback.error', /access_denied — User <b>not<\/b> assigned/);
    expect(check(report, 'oidc.callback.error')?.hint).toMatch(/assign the user/);
    expect(page.text).toContain('&lt;b&gt;not&lt;/b&gt;');
    expect(page.text).not.toContain('<b>not</b>');
  });

  it('a token endpoint error → oidc.token.exchange with the client-authentication hint', async () => {
    const { report } = await liveRun({ tokenError: { status: 401, error: 'invalid_client', description: 'bad secret' } });
    expectFailure(report, 'oidc.token.exchange', /The IdP refused the client's credentials \(HTTP 401, invalid_client "bad secret"\)\. They were sent with client_secret_basic/);
    expect(check(report, 'oidc.token.exchange')?.hint).toMatch(/secret is wrong or was rotated/);
  });

  it('userinfo about another user → oidc.userinfo.sub', async () => {
    const { report } = await liveRun({ userinfo: { sub: 'mallory' } }, 'Jose userinfo');
    expectFailure(report, 'oidc.userinfo.sub', /"mallory"/);
  });

  it('userinfo merged with its origin when it matches', async () => {
    const { report } = await liveRun({ userinfo: { locale: 'en-GB' } }, 'Jose userinfo');
    expect(report.outcome).toBe('passed');
    expect(report.claimOrigins).toMatchObject({ locale: 'userinfo', email: 'userinfo', nonce: 'id_token' });
  });

  it('email_verified false with email verification on → mapping.email_verified', async () => {
    const { report } = await liveRun({ claims: { email_verified: false } }, 'Jose verified');
    expectFailure(report, 'mapping.email_verified', /email_verified is false/);
  });

  it('groups overage (Entra ID _claim_names/_claim_sources) → mapping.groups explained', async () => {
    const overage = { groups: undefined, _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } } };
    const { report } = await liveRun({ claims: overage });
    expectFailure(report, 'mapping.groups', /overage/);
  });

  it('key rotation: a new kid is found after one JWKS refetch and the run passes', async () => {
    await liveRun({}); // the JWKS is warm
    const fetches = op.counts.jwks;
    const kid = await op.rotateKey();
    const { report } = await liveRun({});
    expect(report.outcome).toBe('passed');
    expect(check(report, 'oidc.id_token.signature')?.message).toContain(kid);
    expect(check(report, 'oidc.id_token.signature')?.message).toMatch(/key rotation/);
    expect(op.counts.jwks).toBe(fetches + 1);
  });

  it('a kid never published → oidc.id_token.signature (unknown key) after exactly one refetch', async () => {
    await liveRun({});
    const fetches = op.counts.jwks;
    const { report } = await liveRun({ signer: 'unpublished' });
    expectFailure(report, 'oidc.id_token.signature', /Unknown signing key.*never-published/);
    expect(op.counts.jwks).toBe(fetches + 1);
  });

  it('a JWT access token is decoded: claims and aud shown', async () => {
    const { report } = await liveRun({ accessToken: 'jwt' });
    expect(report.outcome).toBe('passed');
    expect(check(report, 'oidc.access_token.decode')).toMatchObject({ status: 'pass', message: expect.stringContaining('aud "api://default"') });
    expect(report.details.accessToken).toMatchObject({ format: 'jwt', aud: 'api://default', signature: 'valid' });
    expect(report.claimOrigins.scp).toBe('access_token');
  });

  it('History keeps every finished run without tokens; lastTest is updated', async () => {
    const runs = await wb.call<Array<{ runId: string; outcome: string }>>('history.list', { ref: 'Jose', limit: 500 });
    expect(runs.length).toBeGreaterThan(10);
    const stored = await wb.call<Report>('history.get', { runId: runs[0]?.runId });
    expect(JSON.stringify(stored)).not.toMatch(/eyJ[\w-]{4,}\.[\w-]{4,}\./);
    const connection = await wb.call<{ lastTest: { outcome: string; source: string } }>('connections.get', { ref: 'Jose' });
    expect(connection.lastTest).toMatchObject({ outcome: runs[0]?.outcome, source: 'live' });
  });
});
