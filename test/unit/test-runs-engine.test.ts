import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, TestRunState, WorkbenchEvent } from '../../main/contract/index.js';
import { createEngine } from '../../main/core/engine.js';
import { HttpError, LoopbackError, type Http, type HttpRequest, type HttpResponse } from '../../main/core/ports/index.js';
import { createFakeIdpTools, createTestPorts, FakeLoopback, FixedClock } from '../support/fakes.js';

// The test-run operations through the whole engine with in-memory ports: the IdP is an Http fake answering the
// token endpoint, JWKS and userinfo; the browser is `FakeLoopback.deliver`. Times follow the FixedClock.
const ISSUER = 'https://idp.example.com';
let key: { privateKey: CryptoKey; jwk: JWK };

/** The IdP side, through the Http port: a code is valid once, for the nonce of the request it was issued for. */
class FakeIdp implements Http {
  readonly requests: HttpRequest[] = [];
  readonly codes = new Map<string, string>();
  tokenType = 'Bearer';
  idClaims: Record<string, unknown> = {};
  constructor(private readonly clock: FixedClock) {}
  authorize(authorizeUrl: string, code = 'code-1'): string {
    const url = new URL(authorizeUrl);
    this.codes.set(code, url.searchParams.get('nonce') ?? '');
    return `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}&iss=${encodeURIComponent(ISSUER)}`;
  }
  async request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const answer = (status: number, body: unknown) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), url: request.url });
    if (request.url === `${ISSUER}/jwks`) return answer(200, { keys: [key.jwk] });
    if (request.url === `${ISSUER}/authorize`) return answer(400, { error: 'invalid_request' }); // the pre-flight's bare GET
    if (request.url === `${ISSUER}/.well-known/openid-configuration`) return answer(200, { issuer: ISSUER, authorization_response_iss_parameter_supported: true });
    if (request.url === `${ISSUER}/token`) {
      const code = new URLSearchParams(request.body).get('code') ?? '';
      const nonce = this.codes.get(code);
      this.codes.delete(code);
      if (nonce === undefined) return answer(400, { error: 'invalid_grant' });
      const now = Math.floor(this.clock.now().getTime() / 1000);
      const claims = { iss: ISSUER, aud: 'clearml', sub: 'alice', iat: now, exp: now + 300, nonce, email: 'alice@example.test', email_verified: true, groups: 'admins', ...this.idClaims };
      const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(key.privateKey);
      return answer(200, { access_token: 'opaque-at', token_type: this.tokenType, expires_in: 300, id_token: idToken });
    }
    throw new HttpError('network', `connect ECONNREFUSED ${request.url}`);
  }
}

function setup(options: { loopback?: FakeLoopback | null } = {}) {
  const clock = new FixedClock(new Date());
  const idp = new FakeIdp(clock);
  const loopback = options.loopback === undefined ? new FakeLoopback() : options.loopback;
  const ports = createTestPorts({ clock, http: idp, ...(loopback ? { loopback } : {}) });
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const events: WorkbenchEvent[] = [];
  engine.subscribe((event) => events.push(event));
  const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.message}`), { error: result.error });
    return result.value as T;
  };
  const create = (name: string, oidc: Record<string, unknown> = {}, secret: string | null = 's3cret') =>
    call<{ id: string; testRedirectUri: string }>('connections.create', {
      protocol: 'oidc',
      provider: 'okta',
      displayName: name,
      ...(secret ? { clientSecret: secret } : {}),
      oidc: { issuer: ISSUER, clientId: 'clearml', authorizationEndpoint: `${ISSUER}/authorize`, tokenEndpoint: `${ISSUER}/token`, jwksUri: `${ISSUER}/jwks`, groupSync: { enabled: true }, ...oidc },
    });
  return { clock, idp, loopback: loopback as FakeLoopback, ports, engine, events, call, create };
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' } };
});

describe('tests.start', () => {
  it('builds the authorization URL with fresh state, nonce and S256 PKCE on the configured test port', async () => {
    const { call, create, loopback } = setup();
    await call('settings.update', { testPort: 9123 });
    const connection = await create('Okta', { additionalScopes: ['groups', 'email'] });
    const one = await call<{ authorizeUrl: string; redirectUri: string; expiresAt: string }>('tests.start', { ref: 'okta' });
    const two = await call<{ authorizeUrl: string }>('tests.start', { ref: 'Okta' });
    const url = new URL(one.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${ISSUER}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'clearml',
      redirect_uri: connection.testRedirectUri,
      scope: 'openid profile email groups',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(one.redirectUri).toBe(`http://127.0.0.1:9123/oidc/${connection.id}/callback`);
    expect(loopback.port).toBe(9123);
    expect([...loopback.routes.keys()]).toEqual([`/oidc/${connection.id}/callback`]);
    const other = new URL(two.authorizeUrl).searchParams;
    for (const name of ['state', 'nonce', 'code_challenge']) expect(other.get(name)).not.toBe(url.searchParams.get(name));
    expect(Date.parse(one.expiresAt) - Date.now()).toBeGreaterThan(290_000);
  });

  it('PKCE plain and none are allowed but warned about (oidc.pkce.method)', async () => {
    const { call, create, idp, loopback } = setup();
    await create('Plain', { codeChallengeMethod: 'plain' });
    await create('None', { codeChallengeMethod: 'none' });
    const plain = new URL((await call<{ authorizeUrl: string }>('tests.start', { ref: 'Plain' })).authorizeUrl).searchParams;
    expect(plain.get('code_challenge_method')).toBe('plain');
    const none = await call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'None' });
    expect(new URL(none.authorizeUrl).searchParams.has('code_challenge')).toBe(false);
    await loopback.deliver(idp.authorize(none.authorizeUrl));
    const report = await call<Report>('tests.wait', { runId: none.runId });
    expect(report.checks.find((c) => c.id === 'oidc.pkce.method')).toMatchObject({ status: 'warn', hint: expect.stringContaining('S256') });
    expect(report.outcome).toBe('passed');
  });

  it('Settings refuses a test port another program holds (probed when saved), and keeps the old one', async () => {
    const { call, loopback } = setup();
    loopback.listen = async (port: number) => {
      if (port === 9200) throw new LoopbackError('port_in_use', '127.0.0.1:9200: another program is listening on it.');
      return port;
    };
    await expect(call('settings.update', { testPort: 9200 })).rejects.toMatchObject({
      error: { code: 'conflict', field: 'testPort', message: expect.stringContaining('another program is listening on it') },
    });
    expect((await call<{ testPort: number }>('settings.get', {})).testPort).not.toBe(9200);
    expect((await call<{ testPort: number }>('settings.update', { testPort: 9201 })).testPort).toBe(9201);
  });

  it('refuses what cannot run, naming the field: unknown ref, no secret, port taken, no listener', async () => {
    const { call, create, loopback } = setup();
    await expect(call('tests.start', { ref: 'nope' })).rejects.toMatchObject({ error: { code: 'not_found' } });
    await expect(call('tests.start', { ref: 'x', timeoutSeconds: 0 })).rejects.toMatchObject({ error: { code: 'invalid_input', field: 'timeoutSeconds' } });
    await create('No secret', {}, null);
    await expect(call('tests.start', { ref: 'No secret' })).rejects.toMatchObject({ error: { code: 'invalid_input', field: 'clientSecret' } });
    await create('Okta');
    loopback.listen = async () => {
      throw new LoopbackError('port_in_use', '127.0.0.1:8765: another program is listening on it.');
    };
    await expect(call('tests.start', { ref: 'Okta' })).rejects.toMatchObject({ error: { code: 'conflict', field: 'testPort', hint: expect.stringContaining('config set test-port') } });
    const bare = setup({ loopback: null });
    await bare.create('Okta');
    await expect(bare.call('tests.start', { ref: 'Okta' })).rejects.toMatchObject({ error: { code: 'internal' } });
  });
});

describe('a live run with fakes', () => {
  it('passes, answers the tab, records History, lastTest and validatedAt, and announces each step', async () => {
    const { call, create, idp, loopback, events } = setup();
    await create('Okta');
    const start = await call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'Okta' });
    expect(await call<TestRunState>('tests.get', { runId: start.runId })).toMatchObject({ status: 'waiting' });
    const page = await loopback.deliver(idp.authorize(start.authorizeUrl));
    expect(page).toMatchObject({ status: 200, text: expect.stringContaining('PASSED') });
    const report = await call<Report>('tests.wait', { runId: start.runId });
    expect(report).toMatchObject({ outcome: 'passed', user: { userId: 'alice', email: 'alice@example.test' }, groups: ['admins'] });
    expect(report.checks.find((c) => c.id === 'oidc.callback.iss')?.status).toBe('pass');
    // A ClearML connection and no ClearML groups listed in the workbench yet: it says it cannot tell.
    expect(report.checks.find((c) => c.id === 'resolution.roles')).toMatchObject({ status: 'skip', message: expect.stringContaining('No ClearML platform groups are listed') });
    expect(report.resolution.clearml).toEqual({ joinedGroups: [], unknownGroups: ['admins'], admin: false, adminVia: [] });
    expect(await call<TestRunState>('tests.get', { runId: start.runId })).toMatchObject({ status: 'passed', report: { outcome: 'passed' } });
    expect(await call('history.list', { ref: 'okta', limit: 5 })).toEqual([expect.objectContaining({ runId: start.runId, outcome: 'passed', source: 'live', failedChecks: [] })]);
    expect(await call<Report>('history.get', { runId: start.runId })).toMatchObject({ outcome: 'passed' });
    const connection = await call<{ lastTest: unknown; validatedAt: string | null }>('connections.get', { ref: 'Okta' });
    expect(connection.lastTest).toMatchObject({ outcome: 'passed', source: 'live' });
    expect(connection.validatedAt).toBe(report.at);
    const names = events.filter((e) => e.name === 'onTestRunProgress').map((e) => `${(e.payload as { step: string }).step}:${(e.payload as { status: string }).status}`);
    expect(names).toEqual(expect.arrayContaining(['authorize:started', 'authorize:ok', 'token:ok', 'validate:ok', 'userinfo:skipped', 'verdict:ok']));
    expect(events.filter((e) => e.name === 'onTestRunFinished')).toHaveLength(1);
  });

  it('with keepHistory off, the run is listed without its claims (as the Settings toast says), and lastTest is updated', async () => {
    const { call, create, idp, loopback } = setup();
    await call('settings.update', { keepHistory: false });
    await create('Okta');
    const start = await call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'Okta' });
    await loopback.deliver(idp.authorize(start.authorizeUrl));
    await call('tests.wait', { runId: start.runId });
    expect(await call('history.list', { limit: 5 })).toEqual([expect.objectContaining({ runId: start.runId, outcome: 'passed' })]);
    const kept = await call<Report>('history.get', { runId: start.runId });
    expect(kept).toMatchObject({ outcome: 'passed', claims: {}, details: { claimsNotKept: true } });
    expect(kept.checks.length).toBeGreaterThan(10);
    expect((await call<{ lastTest: unknown }>('connections.get', { ref: 'Okta' })).lastTest).toMatchObject({ outcome: 'passed' });
  });

  it('openid-client is a second validator: what it refuses fails the check it names', async () => {
    const { call, create, idp, loopback } = setup();
    await create('Okta');
    idp.tokenType = 'mac';
    const start = await call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'Okta' });
    await loopback.deliver(idp.authorize(start.authorizeUrl));
    const report = await call<Report>('tests.wait', { runId: start.runId });
    expect(report.outcome).toBe('failed');
    expect(report.checks.find((c) => c.id === 'oidc.token.exchange')).toMatchObject({ status: 'fail', message: expect.stringContaining('openid-client refused') });
    expect(report.user.userId).toBeNull();
  });

  it('a callback with a foreign or missing state is refused and every waiting run keeps waiting (see hardening-forged-callback)', async () => {
    const { call, create, loopback } = setup();
    const connection = await create('Okta');
    const a = await call<{ runId: string }>('tests.start', { ref: 'Okta' });
    const b = await call<{ runId: string }>('tests.start', { ref: 'Okta' });
    expect((await loopback.deliver(`${connection.testRedirectUri}?code=c&state=forged`)).status).toBe(400);
    expect((await loopback.deliver(`${connection.testRedirectUri}?code=c`)).status).toBe(400);
    expect((await call<TestRunState>('tests.get', { runId: a.runId })).status).toBe('waiting');
    expect((await call<TestRunState>('tests.get', { runId: b.runId })).status).toBe('waiting');
    expect((await loopback.deliver(`${connection.testRedirectUri}?code=c`, 'POST')).status).toBe(405);
  });

  it('engine.close cancels waiting runs (no hanging tests.wait) and closes the listener', async () => {
    const { call, create, engine, loopback } = setup();
    await create('Okta');
    const start = await call<{ runId: string }>('tests.start', { ref: 'Okta' });
    const waiting = engine.invoke('tests.wait', { runId: start.runId });
    await engine.close();
    expect(await waiting).toMatchObject({ ok: true, value: { outcome: 'failed', checks: expect.arrayContaining([expect.objectContaining({ id: 'oidc.callback.received', message: expect.stringContaining('cancelled') })]) } });
    expect(loopback.closed).toBe(true);
  });

  it('a cancelled run is "cancelled" in its report and in History, and leaves the last test as it was', async () => {
    const { call, create } = setup();
    await create('Okta');
    const start = await call<{ runId: string }>('tests.start', { ref: 'Okta' });
    expect(await call<TestRunState>('tests.cancel', { runId: start.runId })).toMatchObject({ status: 'cancelled', report: { cancelled: true } });
    await call('tests.wait', { runId: start.runId });
    const history = await call<Array<{ runId: string; cancelled: boolean }>>('history.list', { ref: 'Okta' });
    expect(history).toEqual([expect.objectContaining({ runId: start.runId, cancelled: true })]);
    expect(await call<TestRunState>('tests.get', { runId: start.runId })).toMatchObject({ status: 'cancelled' });
    expect((await call<{ lastTest: unknown }>('connections.get', { ref: 'Okta' })).lastTest).toBeNull();
  });

  it('unknown run ids are not_found for wait, get, cancel and history.get', async () => {
    const { call } = setup();
    for (const name of ['tests.wait', 'tests.get', 'tests.cancel', 'history.get']) {
      await expect(call(name, { runId: 'nope' })).rejects.toMatchObject({ error: { code: 'not_found', field: 'runId' } });
    }
  });
});

describe('tests.inspect', () => {
  const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(key.privateKey);

  it('checks a pasted ID token offline, maps it, and records an inspect in History and lastTest', async () => {
    const { call, create, clock } = setup();
    await create('Okta', { emailVerification: true });
    const now = Math.floor(clock.now().getTime() / 1000);
    const idToken = await sign({ iss: ISSUER, aud: 'clearml', sub: 'bob', iat: now, exp: now + 60, email: 'bob@example.test', email_verified: true, groups: ['ml'] });
    const report = await call<Report>('tests.inspect', { ref: 'Okta', idToken });
    expect(report).toMatchObject({ outcome: 'passed', source: 'inspect', user: { userId: 'bob' }, groups: ['ml'] });
    expect(report.checks.find((c) => c.id === 'oidc.callback.state')).toMatchObject({ status: 'skip', message: 'Offline inspect: no login took place.' });
    expect(report.checks.find((c) => c.id === 'oidc.id_token.nonce')?.status).toBe('skip');
    expect((await call<{ lastTest: unknown }>('connections.get', { ref: 'Okta' })).lastTest).toMatchObject({ outcome: 'passed', source: 'inspect' });
  });

  it('an access token: its claims are mapped (origin access_token), its aud shown', async () => {
    const { call, create, clock } = setup();
    await create('Arthur', { groupSync: { enabled: true, claim: 'Groups' }, claimMappings: { userId: 'EmployeeID', email: 'Login' } });
    const now = Math.floor(clock.now().getTime() / 1000);
    const accessToken = await sign({ iss: ISSUER, aud: 'api://default', sub: 'john', iat: now, exp: now + 60, EmployeeID: '1234', Login: 'john@example.test', Groups: ['idp-admin'] });
    const report = await call<Report>('tests.inspect', { ref: 'Arthur', accessToken });
    expect(report).toMatchObject({ outcome: 'passed', user: { userId: '1234', email: 'john@example.test' }, groups: ['idp-admin'], claimOrigins: { Groups: 'access_token' } });
    expect(report.checks.find((c) => c.id === 'oidc.access_token.aud')?.message).toContain('api://default');
    expect(report.checks.find((c) => c.id === 'oidc.id_token.alg')?.status).toBe('skip');
  });

  it('a forged token fails its signature and accepts nothing; exactly one token must be given', async () => {
    const { call, create, clock } = setup();
    await create('Okta');
    const now = Math.floor(clock.now().getTime() / 1000);
    const forged = await new SignJWT({ iss: ISSUER, aud: 'clearml', sub: 'eve', email: 'eve@example.test', groups: ['ml'], iat: now, exp: now + 60 }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign((await generateKeyPair('RS256')).privateKey);
    const report = await call<Report>('tests.inspect', { ref: 'Okta', idToken: forged });
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['oidc.id_token.signature']);
    expect(report.user.userId).toBeNull();
    expect(report.details).toMatchObject({ unverified: true, candidate: { accepted: false, user: { userId: 'eve' } } });
    await expect(call('tests.inspect', { ref: 'Okta' })).rejects.toMatchObject({ error: { code: 'invalid_input', field: 'idToken' } });
  });
});

describe('tests.startDraft (test before save)', () => {
  const draftOf = (id: string, oidc: Record<string, unknown> = {}) => ({
    id,
    protocol: 'oidc',
    provider: 'okta',
    displayName: 'Draft',
    clientSecret: 'draft-secret',
    oidc: { issuer: ISSUER, clientId: 'clearml', authorizationEndpoint: `${ISSUER}/authorize`, tokenEndpoint: `${ISSUER}/token`, jwksUri: `${ISSUER}/jwks`, groupSync: { enabled: true }, ...oidc },
  });
  const ID = '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';

  it('runs the unsaved draft on its final test URL, keeps its secret out of the keychain, and a save of exactly it records the pass', async () => {
    const { call, idp, loopback, ports } = setup();
    await call('settings.update', { testPort: 9131 });
    const started = await call<{ runId: string; authorizeUrl: string; redirectUri: string; connectionId: string }>('tests.startDraft', { draft: draftOf(ID), forceLogin: true });
    expect(started.redirectUri).toBe(`http://127.0.0.1:9131/oidc/${ID}/callback`);
    expect(new URL(started.authorizeUrl).searchParams.get('prompt')).toBe('login');
    expect(await ports.secrets.get(`client-secret:${ID}`)).toBeNull();
    await loopback.deliver(idp.authorize(started.authorizeUrl));
    const report = await call<Report>('tests.wait', { runId: started.runId });
    expect(report.outcome).toBe('passed');
    expect(ports.store.connections.get(ID)).toBeUndefined();
    const saved = await call<{ id: string; testRedirectUri: string; validatedAt: string | null; lastPass: { runId: string } | null }>('connections.create', draftOf(ID));
    expect(saved).toMatchObject({ id: ID, testRedirectUri: started.redirectUri, lastPass: { runId: started.runId } });
    expect(saved.validatedAt).not.toBeNull();
  });

  it('a save that differs from the tested draft (settings or secret) is not validated by it', async () => {
    const { call, idp, loopback } = setup();
    const other = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    for (const [id, saved] of [[ID, draftOf(ID, { clockToleranceSeconds: 60 })], [other, { ...draftOf(other), displayName: 'Other', clientSecret: 'another' }]] as const) {
      const started = await call<{ runId: string; authorizeUrl: string }>('tests.startDraft', { draft: { ...draftOf(id), displayName: saved.displayName } });
      await loopback.deliver(idp.authorize(started.authorizeUrl, `code-${id}`));
      expect((await call<Report>('tests.wait', { runId: started.runId })).outcome).toBe('passed');
      expect(await call<{ validatedAt: string | null }>('connections.create', saved)).toMatchObject({ validatedAt: null, lastTest: null });
    }
  });

  it('an Edit draft without a new secret uses the stored one; its run does not change the saved connection until saved', async () => {
    const { call, create, idp, loopback } = setup();
    const saved = await create('Okta');
    const draft = { ...draftOf(saved.id), displayName: 'Okta', clientSecret: undefined, oidc: { ...draftOf(saved.id).oidc, clockToleranceSeconds: 45 } };
    const started = await call<{ runId: string; authorizeUrl: string }>('tests.startDraft', { draft });
    await loopback.deliver(idp.authorize(started.authorizeUrl));
    expect((await call<Report>('tests.wait', { runId: started.runId })).outcome).toBe('passed');
    expect(await call('connections.get', { ref: saved.id })).toMatchObject({ lastTest: null });
    const updated = await call<{ lastPass: { runId: string } | null; validationCurrent: boolean }>('connections.update', { id: saved.id, oidc: { clockToleranceSeconds: 45 } });
    expect(updated.lastPass?.runId).toBe(started.runId);
  });

  it('pre-flight: an authorization endpoint that does not answer fails at once, naming the check; a draft without its secret is refused', async () => {
    const { call } = setup();
    await expect(call('tests.startDraft', { draft: draftOf(ID, { authorizationEndpoint: 'https://down.example.com/authorize' }) })).rejects.toMatchObject({
      error: { code: 'network', field: 'oidc.authorizationEndpoint', message: expect.stringContaining('Pre-flight check failed') },
    });
    await expect(call('tests.startDraft', { draft: { ...draftOf(ID), clientSecret: undefined } })).rejects.toMatchObject({ error: { field: 'clientSecret' } });
  });
});
