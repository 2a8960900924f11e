import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, WorkbenchEvent } from '../../main/contract/index.js';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { createLiveEngine, type LiveEngine } from '../support/jose-op.js';
import { freePort } from '../support/free-port.js';

// A real login through the engine: oidc-provider (OpenID Certified) on loopback, Debian's Chromium typing into its
// login page, the IdP redirecting to the engine's loopback listener, the engine exchanging the code and reporting.
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CLIENT = { id: 'wb-engine-it', secret: 'wb-engine-it-secret' };

/** Connection input for the oidc-provider peer (its default routes: /auth, /token, /me, /jwks). */
function peerConnection(issuer: string, name: string, oidc: Record<string, unknown> = {}) {
  return {
    protocol: 'oidc',
    provider: 'custom',
    displayName: name,
    clientSecret: CLIENT.secret,
    oidc: {
      issuer,
      clientId: CLIENT.id,
      authorizationEndpoint: `${issuer}/auth`,
      tokenEndpoint: `${issuer}/token`,
      userinfoEndpoint: `${issuer}/me`,
      jwksUri: `${issuer}/jwks`,
      additionalScopes: ['groups'],
      groupSync: { enabled: true, claim: 'groups' },
      ...oidc,
    },
  };
}

describe('OIDC test run with oidc-provider and Chromium (engine)', () => {
  let wb: LiveEngine;
  let op: OidcPeer;
  let browser: Browser;

  beforeAll(async () => {
    wb = await createLiveEngine();
    const opPort = await freePort();
    const issuer = `http://127.0.0.1:${opPort}`;
    const plain = await wb.call<{ testRedirectUri: string }>('connections.create', peerConnection(issuer, 'Peer'));
    const strict = await wb.call<{ testRedirectUri: string }>('connections.create', peerConnection(issuer, 'Peer verified', { emailVerification: true }));
    [op, browser] = await Promise.all([
      startOidcPeer({
        port: opPort,
        autoConsent: true,
        clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [plain.testRedirectUri, strict.testRedirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
      }),
      chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), op?.stop()]);
    await wb?.close();
  });

  /** Starts a run, logs in as `login` in a fresh browser context, and returns the report and the tab's text. */
  async function login(ref: string, login: string): Promise<{ report: Report; tab: string; events: WorkbenchEvent[] }> {
    const events: WorkbenchEvent[] = [];
    const unsubscribe = wb.engine.subscribe((event) => events.push(event));
    const start = await wb.call<{ runId: string; authorizeUrl: string }>('tests.start', { ref, timeoutSeconds: 30 });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(start.authorizeUrl);
      await page.fill('input[name="login"]', login, { timeout: 10_000 });
      await page.fill('input[name="password"]', 'any-password');
      // Start the click, await the engine's report, then let the click settle: our callback answers only after the
      // token exchange (peers.md).
      const click = page.click('button[type="submit"]');
      const report = await wb.call<Report>('tests.wait', { runId: start.runId });
      await click;
      await page.waitForURL(/\/oidc\/[^/]+\/callback/);
      return { report, tab: (await page.textContent('body')) ?? '', events };
    } finally {
      unsubscribe();
      await context.close();
    }
  }

  it('alice: passes with claims, the mapped user and her groups; steps are announced', async () => {
    const { report, tab, events } = await login('Peer', 'alice');
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.outcome).toBe('passed');
    expect(report.user).toEqual({ userId: 'alice', email: 'alice@example.test', name: 'Alice Admin', givenName: 'Alice', familyName: 'Admin', picture: null });
    expect(report.groups).toEqual(['sso-admins', 'ml-engineers']);
    expect(report.claims).toMatchObject({ iss: op.issuer, sub: 'alice', email_verified: true });
    expect(report.claimOrigins.sub).toBe('id_token');
    expect(report.checks.find((c) => c.id === 'oidc.callback.iss')?.status).toBe('pass'); // oidc-provider sends RFC 9207 iss
    expect(report.checks.find((c) => c.id === 'oidc.id_token.signature')?.message).toMatch(/RS256 signature is valid/);
    expect(report.checks.find((c) => c.id === 'oidc.userinfo.sub')?.status).toBe('pass');
    expect(report.resolution).toMatchObject({ denied: false, unmatchedGroups: ['sso-admins', 'ml-engineers'] });
    expect(report.steps.map((s) => s.name)).toEqual(['authorize', 'callback', 'token', 'validate', 'userinfo', 'verdict']);
    expect(tab).toContain('PASSED');
    const steps = events.filter((e) => e.name === 'onTestRunProgress').map((e) => (e.payload as { step: string }).step);
    expect(new Set(steps)).toEqual(new Set(['authorize', 'callback', 'token', 'validate', 'userinfo', 'verdict']));
    expect(events.some((e) => e.name === 'onTestRunFinished')).toBe(true);
  });

  it('bob (email_verified false, email verification on): fails mapping.email_verified, accepts nothing', async () => {
    const { report, tab } = await login('Peer verified', 'bob');
    expect(report.outcome).toBe('failed');
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['mapping.email_verified']);
    expect(report.user.userId).toBeNull();
    expect(report.details.candidate).toMatchObject({ accepted: false, groups: ['viewers'] });
    expect(tab).toContain('mapping.email_verified');
  });

  it('carol (no email, no groups): fails, since ClearML needs an email and group sync is on; each check says why', async () => {
    const { report } = await login('Peer', 'carol');
    expect(report.outcome).toBe('failed');
    expect(report.checks.find((c) => c.id === 'mapping.email')).toMatchObject({ status: 'fail', message: expect.stringContaining('ClearML needs an email address') });
    expect(report.checks.find((c) => c.id === 'mapping.groups')).toMatchObject({ status: 'fail', message: expect.stringContaining('With group sync on, that fails the run.') });
    expect(report.groups).toEqual([]);
  });

  it('History lists the three runs with their outcomes; lastTest and validatedAt are set', async () => {
    const runs = await wb.call<Array<{ connectionName: string; outcome: string }>>('history.list', { limit: 10 });
    expect(runs.map((r) => `${r.connectionName}:${r.outcome}`)).toEqual(['Peer:failed', 'Peer verified:failed', 'Peer:passed']);
    const peer = await wb.call<{ lastTest: unknown; validatedAt: string | null }>('connections.get', { ref: 'Peer' });
    expect(peer.lastTest).toMatchObject({ outcome: 'failed', source: 'live' });
    expect(peer.validatedAt).not.toBeNull();
  });
});
