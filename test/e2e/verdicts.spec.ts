import { expect, test } from '@playwright/test';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { consoleUrl, dataDir, freePort, importOidc, loginInNewTab, screenshot, ssowb, type Imported } from './support/oidc-e2e.js';

/**
 * Verdicts an admin can trust, in Chromium against oidc-provider: a pass with warnings reads differently from a clean
 * pass; an empty mapping the platform needs fails the run with its hint; "Problems first" is on by default and
 * remembered; a refused client secret says so, with the 401 answer under "Full provider response"; a cancelled run is
 * "Cancelled" and listed in History.
 */
const CLIENT_ID = 'wb-e2e-verdicts';
const CONFIDENTIAL_ID = 'wb-e2e-verdicts-confidential';
const SECRET = 'right-secret_with-dash';

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
test.describe.configure({ mode: 'serial' });

test.describe('verdicts with a real OpenID Provider', () => {
  let op: OidcPeer;
  let plain: Imported;
  let wrongSecret: Imported;
  const suffix = Date.now().toString(36);

  test.beforeAll(async () => {
    const testInfo = test.info();
    test.skip(!consoleUrl || !dataDir, 'set by the e2e global setup (ssowb serve --json).');
    const [opPort, testPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${opPort}`;
    expect(ssowb(['config', 'set', 'test-port', String(testPort)]).status).toBe(0);
    plain = importOidc(testInfo, issuer, `Verdicts ${suffix}`, CLIENT_ID);
    wrongSecret = importOidc(testInfo, issuer, `Verdicts secret ${suffix}`, CONFIDENTIAL_ID, {}, 'rotated-secret_old');
    op = await startOidcPeer({
      port: opPort,
      clients: [
        { client_id: CLIENT_ID, token_endpoint_auth_method: 'none', redirect_uris: [plain.testRedirectUri], response_types: ['code'], grant_types: ['authorization_code'] },
        { client_id: CONFIDENTIAL_ID, client_secret: SECRET, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [wrongSecret.testRedirectUri], response_types: ['code'], grant_types: ['authorization_code'] },
      ],
    });
  });
  test.afterAll(async () => {
    await op?.stop();
  });

  test('a pass with warnings is yellow and says so; an empty email fails the run with its hint; Problems first is remembered', async ({ page, context }, testInfo) => {
    await page.goto(`${consoleUrl}#/connections/${plain.id}/test`);
    const testButton = page.getByRole('button', { name: `Test Verdicts ${suffix}` });
    await loginInNewTab(context, () => testButton.click(), 'alice', plain.testRedirectUri);

    // alice: let in, but the IdP released no "picture" although the profile scope was asked for (a warning): not a clean pass.
    await expect(page.getByTestId('verdict')).toHaveText('Passed with warnings');
    const banner = page.getByTestId('run-status').locator('[data-verdict="warnings"]');
    await expect(banner).toContainText('the login would be let in, with');
    await expect(banner).toContainText('How to fix:');
    await expect(page.getByTestId('checks-list').locator('li').first()).toHaveAttribute('data-status', 'warn');
    await screenshot(page, testInfo, 'verdict-passed-with-warnings');

    // carol has no email and no groups: ClearML refuses such a login, so the run fails with the mapping's hint.
    await loginInNewTab(context, () => page.getByRole('button', { name: 'Test again' }).click(), 'carol', plain.testRedirectUri);
    await expect(page.getByTestId('verdict')).toHaveText('Failed');
    const failed = page.getByTestId('run-status');
    await expect(failed).toContainText('mapping.email');
    await expect(failed).toContainText('ClearML needs an email address for every user');
    await expect(failed).toContainText('The "email" scope was requested, but the IdP did not release "email"');
    await expect(page.locator('[data-check-id="mapping.groups"]')).toHaveAttribute('data-status', 'fail');
    const problemsFirst = page.getByRole('switch', { name: 'Problems first' });
    await expect(problemsFirst).toBeChecked();
    await expect(page.getByTestId('checks-list').locator('li').first()).toHaveAttribute('data-check-id', 'mapping.email');
    await screenshot(page, testInfo, 'verdict-failed-mapping');

    // Turned off, it stays off for the next report (reloaded).
    await problemsFirst.click({ force: true });
    await expect(problemsFirst).not.toBeChecked();
    await expect(page.getByTestId('checks-list').locator('li').first()).toHaveAttribute('data-check-id', 'oidc.pkce.method');
    await page.reload();
    await expect(page.getByRole('switch', { name: 'Problems first' })).not.toBeChecked();
    await page.getByRole('switch', { name: 'Problems first' }).click({ force: true });
    await expect(page.getByRole('switch', { name: 'Problems first' })).toBeChecked();
  });

  test('a refused client secret names the method and the fixes; the 401 answer is under Full provider response', async ({ page, context }) => {
    await page.goto(`${consoleUrl}#/connections/${wrongSecret.id}/test`);
    await loginInNewTab(context, () => page.getByRole('button', { name: `Test Verdicts secret ${suffix}` }).click(), 'alice', wrongSecret.testRedirectUri);
    await expect(page.getByTestId('verdict')).toHaveText('Failed');
    const banner = page.getByTestId('run-status');
    await expect(banner).toContainText("The IdP refused the client's credentials (HTTP 401, invalid_client");
    await expect(banner).toContainText('client_secret_basic');
    await expect(banner).toContainText('The client secret is wrong or was rotated');
    await expect(banner).toContainText('HTTP Basic without form-encoding');
    await expect(banner).not.toContainText('openid-client');
    await page.getByRole('tab', { name: 'Full provider response' }).click();
    const answer = page.getByRole('figure').filter({ hasText: 'Token endpoint answered HTTP 401' });
    await expect(answer).toContainText('"error": "invalid_client"');
    await expect(answer).toContainText('"status": 401');
  });

  test('a cancelled run reads "Cancelled" and is listed in History as cancelled', async ({ page, context }) => {
    await page.goto(`${consoleUrl}#/connections/${plain.id}/test`);
    await context.clearCookies({ name: /^_op_/ });
    const [idp] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: `Test Verdicts ${suffix}` }).click()]);
    await expect(page.getByRole('button', { name: 'Copy login URL' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('verdict')).toHaveText('Cancelled');
    await expect(page.getByTestId('run-status')).toContainText('It says nothing about the connection');
    await expect(page.getByTestId('run-status')).not.toContainText('denied');
    await idp.close();
    await page.goto(`${consoleUrl}#/history`);
    const row = page.getByTestId('history-row').filter({ hasText: `Verdicts ${suffix}` }).first();
    await expect(row.getByText('cancelled', { exact: true })).toBeVisible();
  });
});
