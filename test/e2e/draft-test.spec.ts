import { expect, test } from '@playwright/test';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { consoleUrl, dataDir, freePort, ssowb } from './support/oidc-e2e.js';

/**
 * Test Provider before Save, as ClearML has it, in Chromium against oidc-provider: the wizard shows the final test
 * redirect URI on step 2 (so the admin registers it at the IdP first — here the IdP is only started with it then),
 * tests the unsaved draft in place (its secret held for the run only), and a save of exactly that draft is validated.
 */
const CLIENT_ID = 'wb-e2e-draft';
const SECRET = 'draft-secret_with-dash';

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });

test('wizard: final test URL on step 2, Test the draft in place, Save records the pass as the validation', async ({ page, context }, testInfo) => {
  test.skip(!consoleUrl || !dataDir, 'set by the e2e global setup (ssowb serve --json).');
  let op: OidcPeer | undefined;
  try {
    const [opPort, testPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${opPort}`;
    expect(ssowb(['config', 'set', 'test-port', String(testPort)]).status).toBe(0);
    const name = `Draft ${Date.now().toString(36)}`;

    await page.goto(consoleUrl!);
    await expect(page.locator('#root[data-app-state="ready"]')).toHaveCount(1);
    await page.getByTestId('new-connection').first().click();
    const dialog = page.getByRole('dialog', { name: 'New provider connection' });
    await dialog.getByTestId('wizard-next').click();

    // Step 2: the test redirect URI carries the draft's own id — final, copyable, registered at the IdP before any save.
    const panel = dialog.getByTestId('url-panel').first();
    await expect(panel).toContainText(/http:\/\/127\.0\.0\.1:\d+\/oidc\/[0-9a-f-]{36}\/callback/);
    await expect(panel).toContainText('it is final, so you can register it now');
    const redirectUri = (/http:\/\/127\.0\.0\.1:\d+\/oidc\/[0-9a-f-]{36}\/callback/.exec((await panel.textContent()) ?? '') ?? [''])[0];
    op = await startOidcPeer({
      port: opPort,
      clients: [{ client_id: CLIENT_ID, client_secret: SECRET, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    });

    // The issuer is typed but not imported: Next (here Enter in a field) imports it, then goes on to the review.
    await dialog.getByRole('textbox', { name: 'Issuer', exact: true }).fill(issuer);
    await dialog.getByRole('textbox', { name: 'Display name', exact: true }).fill(name);
    await dialog.getByLabel('Client secret', { exact: true }).fill(SECRET);
    await dialog.getByRole('textbox', { name: 'Client ID', exact: true }).fill(CLIENT_ID);
    await dialog.getByRole('textbox', { name: 'Client ID', exact: true }).press('Enter');
    await expect(dialog.getByTestId('review')).toBeVisible();
    await expect(dialog.getByTestId('review')).toContainText(`${issuer}/auth`);

    // Test the draft: the IdP opens in a new tab; the verdict appears inside the wizard. Nothing is saved yet.
    const [idp] = await Promise.all([context.waitForEvent('page'), dialog.getByTestId('test-draft').click()]);
    await expect(dialog.getByTestId('draft-test')).toContainText('Waiting for the identity provider');
    expect(JSON.parse(ssowb(['--json', 'connections', 'list']).stdout).map((c: { name: string }) => c.name)).not.toContain(name);
    await idp.locator('input[name="login"]').fill('alice');
    await idp.locator('input[name="password"]').fill('any-password');
    await idp.locator('button[type="submit"]').click();
    if (!idp.url().startsWith(redirectUri)) {
      await expect.poll(() => idp.url().startsWith(redirectUri) || idp.locator('form button[type="submit"]').count().then((n) => n > 0)).toBe(true);
      if (!idp.url().startsWith(redirectUri)) await idp.locator('form button[type="submit"]').click();
    }
    await idp.waitForURL((url) => url.href.startsWith(redirectUri));
    await idp.close();
    const verdict = dialog.getByTestId('draft-test').getByTestId('verdict');
    await expect(verdict).toHaveText(/^Passed/);
    await expect(dialog.getByTestId('draft-test-save-note')).toContainText('this passing run becomes the connection’s validation');
    // The verdict in place, as the admin sees it in the wizard (the dialog scrolls; the panel is brought into view).
    await dialog.getByTestId('draft-test').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: 'test-results/wizard-in-place-test.png' });
    await testInfo.attach('wizard-in-place-test', { path: 'test-results/wizard-in-place-test.png', contentType: 'image/png' });

    // Save exactly what was tested: the connection is validated by that run, on the URL registered before saving.
    await dialog.getByTestId('save-connection').click();
    const done = dialog.getByTestId('wizard-done');
    await expect(done).toContainText('The test you ran before saving passed on exactly these settings');
    await expect(done).toContainText(redirectUri);
    const shown = JSON.parse(ssowb(['--json', 'connections', 'show', name]).stdout) as { testRedirectUri: string; validatedAt: string | null; hasClientSecret: boolean };
    expect(shown.testRedirectUri).toBe(redirectUri);
    expect(shown.validatedAt).not.toBeNull();
    expect(shown.hasClientSecret).toBe(true);

    // The Connections table fits the desktop window's default 1280 px: no horizontal scrollbar, every action visible.
    await dialog.getByTestId('wizard-close').click();
    const table = page.getByTestId('connections-table');
    const row = page.getByTestId('connection-row').filter({ hasText: name });
    await expect(row.getByTestId('validation-state')).toHaveAttribute('data-validated', 'true');
    const overflow = await table.evaluate((element) => {
      const scroller = element.parentElement?.closest('[class*="ScrollContainer"], .mantine-ScrollArea-viewport') ?? element.parentElement;
      return scroller ? scroller.scrollWidth - scroller.clientWidth : 0;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    for (const action of ['Edit', 'Export', 'Delete']) await expect(row.getByRole('button', { name: `${action} ${name}` })).toBeInViewport();
    await expect(row.getByRole('button', { name: `Test ${name}` })).toBeInViewport();

    // Edit: unsaved changes are tested in place ("Log in again" asks the IdP for prompt=login); saving exactly them
    // keeps the connection validated by that run.
    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${name}` });
    const renamed = `${name} edited`;
    await edit.getByRole('textbox', { name: 'Display name', exact: true }).fill(renamed);
    await edit.getByRole('checkbox', { name: 'Log in again' }).check();
    const authorizeRequests: string[] = [];
    context.on('request', (request) => {
      if (request.url().startsWith(`${issuer}/auth?`)) authorizeRequests.push(request.url());
    });
    const [again] = await Promise.all([context.waitForEvent('page'), edit.getByTestId('test-draft').click()]);
    await again.locator('input[name="login"]').fill('alice');
    await again.locator('input[name="password"]').fill('any-password');
    await again.locator('button[type="submit"]').click();
    if (!again.url().startsWith(redirectUri)) {
      await expect.poll(() => again.url().startsWith(redirectUri) || again.locator('form button[type="submit"]').count().then((n) => n > 0)).toBe(true);
      if (!again.url().startsWith(redirectUri)) await again.locator('form button[type="submit"]').click();
    }
    await again.waitForURL((url) => url.href.startsWith(redirectUri));
    await again.close();
    expect(authorizeRequests.map((url) => new URL(url).searchParams.get('prompt'))).toContain('login');
    await expect(edit.getByTestId('draft-test').getByTestId('verdict')).toHaveText(/^Passed/);
    await edit.getByTestId('save-connection').click();
    await expect(edit).toBeHidden();
    const renamedRow = page.getByTestId('connection-row').filter({ hasText: renamed });
    await expect(renamedRow.getByTestId('validation-state')).toHaveAttribute('data-validated', 'true');
  } finally {
    await op?.stop();
  }
});
