// SAML test runs through the engine, end to end: SimpleSAMLphp 1.19 on loopback (its metadata imported with
// connections.parseMetadata), Debian's Chromium typing into its login form, the IdP POSTing to the engine's loopback
// ACS, the engine validating strictly and reporting. The store is real SQLite; with the private keyring of
// `node scripts/with-keyring.mjs` the request-signing key lives in a real Secret Service.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttp } from '../../main/adapters/http/node-http.js';
import { createKeytarSecretStore } from '../../main/adapters/keychain/index.js';
import { createNodeLoopback } from '../../main/adapters/loopback/index.js';
import { openSqliteStore } from '../../main/adapters/sqlite-store/index.js';
import type { Report, WorkbenchEvent } from '../../main/contract/index.js';
import { createEngine, type Engine } from '../../main/core/engine.js';
import { certificateBody } from '../../main/core/idp/x509.js';
import { systemClock } from '../../main/core/ports/clock.js';
import { writeSamlPeerConfig } from '../peers/saml-peer-config.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';
import { createTestPorts, MemorySecretStore } from '../support/fakes.js';
import { freePort } from '../support/free-port.js';

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WORKER = 'dist/main/keytar-worker.mjs';
const keyring = Boolean(process.env.SSOWB_PRIVATE_KEYRING_BUS) && process.env.SSOWB_PRIVATE_KEYRING_BUS === process.env.DBUS_SESSION_BUS_ADDRESS && existsSync(WORKER);
if (!keyring) console.warn('saml-test-run: signed-request case skipped: needs the private keyring (node scripts/with-keyring.mjs) and a build (node scripts/build.mjs --quiet).');

interface View { id: string; testAcsUrl: string; spEntityId: string; saml: { signingCertificate?: { pem: string } } }

/** Rewrites the running peer's SP metadata (SimpleSAMLphp reads it per request) for a connection made from its metadata. */
async function pointPeerAt(peer: SamlPeer, view: View, validateAuthnRequest = false): Promise<void> {
  const pem = view.saml.signingCertificate?.pem;
  await writeSamlPeerConfig(peer.configDir, {
    port: peer.port,
    spEntityId: view.spEntityId,
    acsUrl: view.testAcsUrl,
    spCertificateBody: pem ? certificateBody(pem) : null,
    validateAuthnRequest,
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    idpCertificatePem: peer.idpCertificatePem,
    idpPrivateKeyPem: peer.idpPrivateKeyPem,
  });
}

describe('SAML test run with SimpleSAMLphp and Chromium (engine)', () => {
  let dir: string;
  let engine: Engine;
  let browser: Browser;
  let peer: SamlPeer;
  let plain: View;
  const peers: SamlPeer[] = [];
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };

  /** A connection created from the peer's metadata the way the wizard does, the peer then told about its SP. */
  async function connectionFor(target: SamlPeer, name: string, sign: boolean): Promise<View> {
    const metadata = await call<{ entityId: string; ssoUrl: string; ssoBinding: string; certificates: unknown[] }>('connections.parseMetadata', { url: target.metadataUrl });
    const view = await call<View>('connections.create', {
      protocol: 'saml',
      provider: 'custom',
      displayName: name,
      saml: {
        idp: { entityId: metadata.entityId, ssoUrl: metadata.ssoUrl, ssoBinding: metadata.ssoBinding, certificates: metadata.certificates },
        requireSignedResponse: true,
        signRequests: sign,
        attributeMappings: { userId: '$nameid', email: 'mail', name: 'displayName', givenName: 'givenName', familyName: 'sn' },
        groupSync: { enabled: true, attribute: 'memberOf' },
      },
      ...(sign ? { generateKeyPair: { algorithm: 'RSA-2048', validityDays: 30 } } : {}),
    });
    await pointPeerAt(target, view, sign);
    return view;
  }

  /** tests.start, then log in as `user` in a fresh context; the POST to the ACS is captured for replays. */
  async function login(ref: string, user: string) {
    const events: WorkbenchEvent[] = [];
    const unsubscribe = engine.subscribe((event) => events.push(event));
    const start = await call<{ runId: string; authorizeUrl: string; redirectUri: string }>('tests.start', { ref, timeoutSeconds: 30 });
    const context = await browser.newContext(); // every 127.0.0.1 server shares one cookie jar
    try {
      const page = await context.newPage();
      let posted = '';
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url() === start.redirectUri) posted = request.postData() ?? '';
      });
      await page.goto(start.authorizeUrl);
      await page.fill('#username', user, { timeout: 10_000 });
      await page.fill('#password', `${user}pass`);
      // Start the click, await the engine's report, then let the click settle (peers.md).
      const click = page.click('#submit_button');
      const report = await call<Report>('tests.wait', { runId: start.runId });
      await click;
      await page.waitForURL(start.redirectUri);
      return { report, start, posted: new URLSearchParams(posted), tab: (await page.textContent('body')) ?? '', events };
    } finally {
      unsubscribe();
      await context.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssowb-saml-run-'));
    const secrets = keyring ? createKeytarSecretStore({ workerPath: WORKER, service: 'sso-workbench-it-saml-run' }) : new MemorySecretStore();
    engine = createEngine(createTestPorts({ store: openSqliteStore(dir), secrets, http: createNodeHttp(), clock: systemClock, loopback: createNodeLoopback() }));
    await call('settings.update', { testPort: await freePort() });
    [peer, browser] = await Promise.all([startSamlPeer(), chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS })]);
    peers.push(peer);
    plain = await connectionFor(peer, 'SSP', false);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), ...peers.map((p) => p.stop())]);
    await engine?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let captured: URLSearchParams;

  it('alice, unsigned request: passed, attributes as lists, groups, SAML details, steps, tab page, History', async () => {
    const { report, start, posted, tab, events } = await login('SSP', 'alice');
    captured = posted;
    expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')).toEqual([]);
    expect(report.outcome).toBe('passed');
    expect(start.redirectUri).toBe(plain.testAcsUrl);
    expect(start.authorizeUrl).toMatch(new RegExp(`^${peer.ssoUrl}\\?SAMLRequest=.*&RelayState=`));
    expect(report.connection).toEqual({ id: plain.id, name: 'SSP', protocol: 'saml' });
    expect(report.user).toEqual({ userId: 'alice', email: 'alice@example.test', name: 'Alice Admin', givenName: 'Alice', familyName: 'Admin', picture: null });
    expect(report.groups).toEqual(['sso-admins', 'ml-engineers']);
    expect(report.claims).toMatchObject({ $nameid: ['alice'], uid: ['alice'], mail: ['alice@example.test'], memberOf: ['sso-admins', 'ml-engineers'] });
    expect(report.claimOrigins).toMatchObject({ $nameid: 'saml_nameid', memberOf: 'saml_assertion' });
    expect(report.resolution).toMatchObject({ denied: false, unmatchedGroups: ['sso-admins', 'ml-engineers'] });
    for (const id of ['saml.acs.received', 'saml.acs.relay_state', 'saml.response.destination', 'saml.signature.valid', 'saml.assertion.in_response_to', 'saml.assertion.replay']) {
      expect(report.checks.find((c) => c.id === id)?.status, id).toBe('pass');
    }
    expect(report.checks.find((c) => c.id === 'saml.request.signature')?.status).toBe('skip');
    expect(report.details.responseXml).toMatch(/✔ SIGNED Response[\s\S]*✔ SIGNED Assertion/);
    expect(report.details).toMatchObject({ acsUrl: plain.testAcsUrl, certificateUsed: { fingerprintSha256: expect.any(String) }, conditions: { audience: [plain.spEntityId], skewSeconds: 60 }, authnRequest: { signed: false } });
    expect(report.steps.map((s) => s.name)).toEqual(['authorize', 'callback', 'validate', 'verdict']);
    expect(tab).toContain('Test finished — return to SSO Workbench');
    expect(events.some((e) => e.name === 'onTestRunFinished')).toBe(true);
    const view = await call<{ lastTest: unknown; validatedAt: string | null }>('connections.get', { ref: 'SSP' });
    expect(view).toMatchObject({ lastTest: { outcome: 'passed', source: 'live' }, validatedAt: report.at });
    expect(await call<Report>('history.get', { runId: start.runId })).toMatchObject({ outcome: 'passed', groups: ['sso-admins', 'ml-engineers'] });
  });

  it('the same SAMLResponse POSTed again is refused by the replay check, with or without its RelayState', async () => {
    expect(captured.get('SAMLResponse')).toBeTruthy();
    const post = (body: URLSearchParams) => fetch(plain.testAcsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    for (const body of [captured, new URLSearchParams({ SAMLResponse: captured.get('SAMLResponse') ?? '' })]) {
      const answer = await post(body);
      expect(answer.status).toBe(409);
      expect(await answer.text()).toMatch(/saml\.assertion\.replay: Assertion \S+ was already used/);
    }
    // Sent as the answer to a new run, it is refused too (it answers another request), and only that run fails.
    const start = await call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'SSP', timeoutSeconds: 30 });
    const relayState = new URL(start.authorizeUrl).searchParams.get('RelayState') ?? '';
    expect((await post(new URLSearchParams({ SAMLResponse: captured.get('SAMLResponse') ?? '', RelayState: relayState }))).status).toBe(200);
    const report = await call<Report>('tests.wait', { runId: start.runId });
    expect(report.outcome).toBe('failed');
    expect(report.checks.find((c) => c.id === 'saml.assertion.in_response_to')?.status).toBe('fail');
    expect(report.user.userId).toBeNull();
    const runs = await call<Array<{ outcome: string }>>('history.list', { ref: 'SSP' });
    expect(runs.map((r) => r.outcome)).toEqual(['failed', 'passed']);
  });

  it('carol (no mail, no groups): fails, since ClearML needs an email and group sync is on; mapping.groups says the attribute is absent', async () => {
    const { report } = await login('SSP', 'carol');
    expect(report.outcome).toBe('failed');
    expect(report.groups).toEqual([]);
    expect(report.checks.find((c) => c.id === 'mapping.email')).toMatchObject({ status: 'fail', message: expect.stringContaining('ClearML needs an email address') });
    expect(report.checks.find((c) => c.id === 'mapping.groups')).toMatchObject({ status: 'fail', message: expect.stringContaining('"memberOf" is absent') });
  });

  it('tests.inspect on the captured Response (base64 and XML): passed offline, InResponseTo and replay skipped', async () => {
    const base64 = captured.get('SAMLResponse') ?? '';
    const wrapped = base64.replace(/.{76}/g, '$&\n');
    const xml = Buffer.from(base64, 'base64').toString('utf8');
    for (const samlResponse of [wrapped, xml]) {
      const report = await call<Report>('tests.inspect', { ref: 'SSP', samlResponse });
      expect(report).toMatchObject({ outcome: 'passed', source: 'inspect', groups: ['sso-admins', 'ml-engineers'], user: { userId: 'alice' } });
      expect(report.checks.find((c) => c.id === 'saml.assertion.in_response_to')).toMatchObject({ status: 'skip', message: expect.stringMatching(/^Offline inspect/) });
      expect(report.checks.find((c) => c.id === 'saml.assertion.replay')?.status).toBe('skip');
    }
    expect(await call('connections.get', { ref: 'SSP' })).toMatchObject({ lastTest: { outcome: 'passed', source: 'inspect' } });
    const wrong = await engine.invoke('tests.inspect', { ref: 'SSP', idToken: 'a.b.c' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ref' } });
  });

  it.skipIf(!keyring)('signed request (key from the keychain) to an IdP that requires signed requests: passed', async () => {
    const strict = await startSamlPeer();
    peers.push(strict);
    const signed = await connectionFor(strict, 'SSP signed', true);
    expect(signed.saml.signingCertificate?.pem).toMatch(/BEGIN CERTIFICATE/);
    const { report, start } = await login('SSP signed', 'alice');
    expect(new URL(start.authorizeUrl).searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.outcome).toBe('passed');
    expect(report.checks.find((c) => c.id === 'saml.request.signature')?.status).toBe('pass');
    expect(report.details).toMatchObject({ authnRequest: { signed: true, signatureAlgorithm: 'rsa-sha256' } });
    expect(report.groups).toEqual(['sso-admins', 'ml-engineers']);
    // The IdP really checks: the same request without its signature is refused there (an error page, no form).
    const unsigned = new URL(start.authorizeUrl);
    for (const name of ['Signature', 'SigAlg']) unsigned.searchParams.delete(name);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(unsigned.href);
      expect(await page.locator('#username').count()).toBe(0);
      expect(await page.textContent('body')).toMatch(/no signature found on message/i);
    } finally {
      await context.close();
    }
  });
});
