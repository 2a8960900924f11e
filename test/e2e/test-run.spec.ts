import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { freePort } from '../support/free-port.js';

/**
 * The test-run screen (claims viewer) and History in browser mode, against a REAL OpenID Provider: oidc-provider on
 * 127.0.0.1 in this worker, a public client (PKCE, no secret, so no keychain is needed), connections imported with the
 * CLI into the data directory `ssowb serve` uses (global setup). The console's Test button opens the IdP in a new
 * tab; Chromium logs in there as the peer's test users; the console tab follows the run and shows the report.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;
const dataDir = process.env.SSOWB_E2E_DATA_DIR;
const CLIENT_ID = 'wb-e2e-claims-viewer';

test.use({ colorScheme: 'light', viewport: { width: 1360, height: 900 } });
test.describe.configure({ mode: 'serial' });

function ssowb(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir as string, ...args], { encoding: 'utf8', timeout: 30_000 });
}

/** A native connection file (`ssowb connections import FILE`) for the peer's public client; returns the imported view. */
function importConnection(testInfo: TestInfo, issuer: string, name: string, overrides: Record<string, unknown> = {}): { id: string; testRedirectUri: string } {
  const now = new Date().toISOString();
  const connection = {
    id: randomUUID(),
    createdAt: now,
    updatedAt: now,
    protocol: 'oidc',
    provider: 'custom',
    displayName: name,
    oidc: {
      issuer,
      clientId: CLIENT_ID,
      authorizationEndpoint: `${issuer}/auth`,
      tokenEndpoint: `${issuer}/token`,
      userinfoEndpoint: `${issuer}/me`,
      jwksUri: `${issuer}/jwks`,
      tokenEndpointAuthMethod: 'none',
      additionalScopes: ['groups'],
      groupSync: { enabled: true, claim: 'groups' },
      ...overrides,
    },
  };
  const file = testInfo.outputPath(`${connection.id}.json`);
  mkdirSync(testInfo.outputPath(), { recursive: true });
  writeFileSync(file, JSON.stringify({ format: 'sso-workbench/connection@1', exportedAt: now, connection, validation: { validatedAt: null, lastTest: null, current: false, settingsDigest: 'x' } }));
  const imported = ssowb(['--json', 'connections', 'import', file]);
  expect(imported.stderr, 'ssowb connections import').toBe('');
  expect(imported.status).toBe(0);
  return JSON.parse(imported.stdout) as { id: string; testRedirectUri: string };
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/${name}.png`;
  // From the top: the console's header and navbar are fixed, so a full-page capture of a scrolled page misplaces them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/**
 * Clicks a Test button in the console, catches the IdP tab it opens, and logs in there with oidc-provider's dev
 * interaction pages (login name, any password, then the consent page when it asks). Resolves when the IdP has
 * redirected to the workbench's loopback callback; the console tab is on the run screen by then.
 */
async function testAndLogin(context: BrowserContext, console: Page, trigger: () => Promise<void>, login: string, callbackPrefix: string): Promise<void> {
  // A fresh IdP session each time, or the next login would silently reuse the previous user's (the console's session cookie stays).
  await context.clearCookies({ name: /^_op_/ });
  const [idp] = await Promise.all([context.waitForEvent('page'), trigger()]);
  await expect(console).toHaveURL(/#\/runs\/[0-9a-f-]{36}$/);
  await expect(console.getByText('Log in at the identity provider in the tab that opened; this page updates when it answers.')).toBeVisible();
  await idp.locator('input[name="login"]').fill(login);
  await idp.locator('input[name="password"]').fill('any-password');
  await idp.locator('button[type="submit"]').click();
  // Then either the redirect to the workbench, or oidc-provider's consent page (a form without the login field).
  const atCallback = () => idp.url().startsWith(callbackPrefix);
  const consentShown = async () => (await idp.locator('input[name="login"]').count()) === 0 && (await idp.locator('form button[type="submit"]').count()) > 0;
  await expect.poll(async () => atCallback() || (await consentShown())).toBe(true);
  if (!atCallback()) await idp.locator('form button[type="submit"]').click(); // "Continue"
  await idp.waitForURL((url) => url.href.startsWith(callbackPrefix));
  await expect(idp.locator('body')).toContainText(/PASSED|FAILED/);
  await idp.close();
}

test.describe('claims viewer with a real OpenID Provider', () => {
  let op: OidcPeer;
  let peer: { id: string; testRedirectUri: string };
  let verified: { id: string; testRedirectUri: string };
  const suffix = Date.now().toString(36);

  test.beforeAll(async () => {
    const testInfo = test.info();
    test.skip(!consoleUrl || !dataDir, 'SSOWB_E2E_URL and SSOWB_E2E_DATA_DIR are set by the e2e global setup (ssowb serve --json).');
    const [opPort, testPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${opPort}`;
    // The engine reads the test port when a run starts: set it before any run of this file.
    expect(ssowb(['config', 'set', 'test-port', String(testPort)]).status).toBe(0);
    peer = importConnection(testInfo, issuer, `E2E Peer ${suffix}`);
    verified = importConnection(testInfo, issuer, `E2E Peer verified ${suffix}`, { emailVerification: true });
    expect(peer.testRedirectUri).toBe(`http://127.0.0.1:${testPort}/oidc/${peer.id}/callback`);
    op = await startOidcPeer({
      port: opPort,
      clients: [{ client_id: CLIENT_ID, token_endpoint_auth_method: 'none', redirect_uris: [peer.testRedirectUri, verified.testRedirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    });
  });
  test.afterAll(async () => {
    await op?.stop();
  });

  test('alice passes: verdict, mapped user, groups, checks, ID token; bob passes too; History compares the two', async ({ page, context }, testInfo) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
    });

    // The Test page finds the connection as you type (the engine answers with matches) and offers its Test button.
    await page.goto(`${consoleUrl}#/runs`);
    await page.getByRole('combobox', { name: 'Connection' }).fill(`Peer ${suffix}`);
    await page.getByRole('option', { name: `E2E Peer ${suffix} (OIDC`, exact: false }).click();
    await expect(page.getByRole('combobox', { name: 'Connection' })).toHaveValue(new RegExp(`^E2E Peer ${suffix} \\(OIDC`));
    await expect(page.getByRole('button', { name: `Test E2E Peer ${suffix}` })).toBeVisible();

    // One connection's test page: the loopback redirect URI to register, and the Test button.
    await page.goto(`${consoleUrl}#/connections/${peer.id}/test`);
    await expect(page.getByRole('heading', { level: 1, name: `Test E2E Peer ${suffix}` })).toBeVisible();
    await expect(page.getByText(peer.testRedirectUri, { exact: true })).toBeVisible();
    const testButton = page.getByRole('button', { name: `Test E2E Peer ${suffix}` });
    await screenshot(page, testInfo, 'connection-test-page');
    await testAndLogin(context, page, () => testButton.click(), 'alice', peer.testRedirectUri);

    // The verdict is announced (aria-live) and green.
    const status = page.getByTestId('run-status');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('verdict')).toHaveText(/^Passed/);
    await expect(status.locator('[data-outcome="passed"]')).toBeVisible();

    // The mapped user as ClearML's Test Provider success screen has it, and her groups.
    const user = page.getByTestId('user-card');
    await expect(user.getByText('Success', { exact: true })).toBeVisible();
    await expect(user.getByText(`E2E Peer ${suffix}: Custom`)).toBeVisible();
    await expect(user.getByTestId('user-id')).toHaveText('alice');
    await expect(user.getByTestId('user-name')).toHaveText('Alice Admin');
    await expect(user.getByTestId('user-email')).toHaveText('alice@example.test');
    await expect(user.getByTestId('user-avatar')).toHaveText('AA'); // no picture claim: initials
    await expect(page.getByTestId('groups').getByText('sso-admins', { exact: true })).toBeVisible();
    await expect(page.getByTestId('groups').getByText('ml-engineers', { exact: true })).toBeVisible();

    // Checks in report order with stable ids; the timeline has every step with a duration.
    await expect(page.locator('[data-check-id="oidc.id_token.signature"]')).toContainText('RS256 signature is valid');
    await expect(page.locator('[data-check-id="oidc.callback.iss"]')).toHaveAttribute('data-status', 'pass');
    await expect(page.locator('[data-check-id][data-status="fail"]')).toHaveCount(0);
    for (const step of ['authorize', 'callback', 'token', 'validate', 'userinfo', 'verdict']) {
      await expect(page.getByTestId('step-timeline').locator(`[data-step="${step}"]`)).toHaveAttribute('data-status', 'ok');
    }

    // Claims with their origin; then the decoded ID token (header + payload, signature status).
    const claims = page.getByTestId('claims-table');
    await expect(claims.locator('[data-claim="email"]')).toContainText('alice@example.test');
    await expect(claims.locator('[data-claim="sub"]')).toContainText('id_token');
    await page.getByRole('tab', { name: 'ID token' }).click();
    await expect(page.getByTestId('signature-status')).toHaveText('Signature valid');
    await expect(page.getByRole('figure').filter({ hasText: 'ID token header' })).toContainText('"alg": "RS256"');
    await expect(page.getByRole('figure').filter({ hasText: 'ID token payload' })).toContainText(`"iss": "${op.issuer}"`);
    await expect(page.getByRole('tab', { name: 'Userinfo' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Full provider response' })).toBeVisible();
    await screenshot(page, testInfo, 'claims-viewer');

    // "Test again" from the run screen: bob on the same connection (email verification off) passes, one group.
    const firstRun = page.url();
    await testAndLogin(context, page, () => page.getByRole('button', { name: 'Test again' }).click(), 'bob', peer.testRedirectUri);
    await expect(page).not.toHaveURL(firstRun);
    await expect(page.getByTestId('verdict')).toHaveText(/^Passed/);
    await expect(page.getByTestId('user-email')).toHaveText('bob@example.test');
    await expect(page.getByTestId('groups').getByText('viewers', { exact: true })).toBeVisible();

    // History: both runs; open one; compare the two (what changed from alice to bob).
    await page.goto(`${consoleUrl}#/history`);
    const rows = page.getByTestId('history-row').filter({ hasText: `E2E Peer ${suffix}` });
    await expect(rows).toHaveCount(2);
    await expect(rows.first().getByText('passed')).toBeVisible();
    await expect(rows.first().getByText('live', { exact: true })).toBeVisible();
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: /^Compare/ }).click();
    const diff = page.getByTestId('run-diff');
    await expect(page.getByRole('dialog', { name: 'Compare runs' })).toHaveCSS('opacity', '1'); // opened, not fading in
    await expect(diff).toContainText('Claims changed');
    await expect(diff).toContainText('alice@example.test → bob@example.test');
    await expect(diff.getByText('+ viewers')).toBeVisible();
    await expect(diff.getByText('− sso-admins')).toBeVisible();
    await screenshot(page, testInfo, 'history-compare');
    await page.keyboard.press('Escape');
    await rows.nth(1).getByRole('link').click();
    await expect(page.getByTestId('user-email')).toHaveText('alice@example.test');

    expect(pageErrors).toEqual([]);
  });

  test('bob fails email verification: red verdict with the failing check, nothing accepted; a run can be cancelled', async ({ page, context }, testInfo) => {
    await page.goto(`${consoleUrl}#/connections/${verified.id}/test`);
    const testButton = page.getByRole('button', { name: `Test E2E Peer verified ${suffix}` });
    await testAndLogin(context, page, () => testButton.click(), 'bob', verified.testRedirectUri);

    await expect(page.getByTestId('verdict')).toHaveText('Failed');
    const banner = page.getByTestId('run-status');
    await expect(banner).toContainText('mapping.email_verified');
    await expect(banner).toContainText('How to fix:');
    await expect(page.getByTestId('user-card').getByText('Not accepted', { exact: true })).toBeVisible();
    await expect(page.getByTestId('user-email')).toHaveText('bob@example.test'); // the candidate, for diagnosis
    // Problems first: the failed check heads the list.
    await expect(page.getByTestId('checks-list').locator('li').first()).toHaveAttribute('data-check-id', 'mapping.email_verified');
    await screenshot(page, testInfo, 'claims-viewer-failed');

    // Cancel: the run ends at once with a failed callback check. (No IdP session, or bob would be logged in again at once.)
    await context.clearCookies({ name: /^_op_/ });
    const [idp] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Test again' }).click()]);
    await expect(page.getByRole('button', { name: 'Copy login URL' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Open again' })).toBeVisible();
    await expect(page.getByTestId('step-timeline').locator('[data-step="authorize"]')).toHaveAttribute('data-status', 'started');
    await screenshot(page, testInfo, 'test-run-waiting');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('verdict')).toHaveText('Cancelled');
    await expect(page.getByTestId('run-status')).toContainText('the run was cancelled before the identity provider answered.');
    await expect(page.locator('[data-check-id="oidc.callback.received"]')).toHaveAttribute('data-status', 'fail');
    await idp.close();

    // History filters on the engine (it pages 100,000 runs): this connection's runs, then by outcome.
    await page.goto(`${consoleUrl}#/history`);
    await page.getByRole('combobox', { name: 'Filter by connection' }).fill(`verified ${suffix}`);
    await page.getByRole('option', { name: `E2E Peer verified ${suffix}` }).click();
    const rows = page.getByTestId('history-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: `E2E Peer verified ${suffix}` })).toHaveCount(2);
    const outcome = page.getByRole('radiogroup', { name: 'Outcome filter' });
    await outcome.getByText('Passed', { exact: true }).click();
    await expect(page.getByText('No run matches these filters.')).toBeVisible();
    await outcome.getByText('Failed', { exact: true }).click();
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('cancelled');
  });
});
