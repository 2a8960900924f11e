import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';

/**
 * Issue 3 in the browser: the connection wizard against REAL identity providers started here (oidc-provider for
 * discovery, SimpleSAMLphp for metadata), then edit, the Active toggle, copying an ID, delete — and the canary: a
 * client secret typed into the UI is in the keychain and in no file of the data directory.
 * The data directory is shared by every spec of the run: names are unique and the table is never assumed empty.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;
const dataDir = process.env.SSOWB_E2E_DATA_DIR;
const run = randomBytes(3).toString('hex');
const oidcName = `E2E OIDC ${run}`;
const samlName = `E2E SAML ${run}`;
const canary = `canary-secret-${randomBytes(12).toString('hex')}`;

test.use({ colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1440, height: 1000 } });

let oidcPeer: OidcPeer | undefined;
let samlPeer: SamlPeer | undefined;
let scratch: string | undefined;

test.beforeAll(async () => {
  [oidcPeer, samlPeer] = await Promise.all([startOidcPeer(), startSamlPeer({ spEntityId: `urn:sso-workbench:e2e:${run}` })]);
  scratch = mkdtempSync(join(tmpdir(), 'ssowb-e2e-connections-'));
});
test.afterAll(async ({ playwright }) => {
  // Leave the shared data directory as found even when a step failed (console.spec expects no connections).
  if (consoleUrl) {
    const api = await playwright.request.newContext({
      baseURL: consoleUrl,
      storageState: 'test-results/e2e-storage-state.json',
      extraHTTPHeaders: { origin: new URL(consoleUrl).origin }, // the bridge takes state changes only from its own page
    });
    const listed = await (await api.post('/api/invoke/connections.list', { data: { search: run } })).json();
    for (const connection of (listed.value ?? []) as { id: string }[]) await api.post('/api/invoke/connections.remove', { data: { ref: connection.id } });
    await api.dispose();
  }
  await Promise.all([oidcPeer?.stop(), samlPeer?.stop()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function screenshot(page: Page, testInfo: TestInfo, name: string, target?: Locator): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/connections-${name}.png`;
  if (target) await target.screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await testInfo.attach(`connections-${name}`, { path, contentType: 'image/png' });
}

/** The whole dialog, not only what fits the window: the viewport grows for the shot, then returns. */
async function dialogShot(page: Page, testInfo: TestInfo, name: string, dialog: Locator): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 4200 });
  await screenshot(page, testInfo, name, dialog);
  await page.setViewportSize(size);
}

/** Every file under a directory (the SQLite database, its WAL, logs…). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A keychain item of the private test keyring (scripts/with-keyring.mjs), or null when absent or not reachable. */
function keychainItem(account: string): string | null {
  if (!process.env.SSOWB_PRIVATE_KEYRING) return null;
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'sso-workbench', 'account', account], { encoding: 'utf8' }) || null;
  } catch {
    return null;
  }
}

const row = (page: Page, name: string) => page.getByTestId('connection-row').filter({ has: page.getByText(name, { exact: true }) });

async function openWizard(page: Page): Promise<Locator> {
  await page.getByTestId('new-connection').first().click();
  const dialog = page.getByRole('dialog', { name: 'New provider connection' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('connections: wizard with discovery and metadata, edit, toggle, copy the ID, delete; no secret on disk', async ({ page }, testInfo) => {
  test.skip(!consoleUrl || !dataDir, 'SSOWB_E2E_URL / SSOWB_E2E_DATA_DIR are set by the e2e global setup (ssowb serve --json).');
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto(consoleUrl!);
  await expect(page.locator('#root[data-app-state="ready"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();

  await test.step('OIDC: Custom preset, import from issuer (a real oidc-provider), canary client secret', async () => {
    const dialog = await openWizard(page);
    await expect(dialog.getByRole('radio', { name: 'Custom' })).toBeChecked();
    await screenshot(page, testInfo, 'wizard-provider', dialog);
    await dialog.getByTestId('wizard-next').click();

    // Validation as you type: the contract's message, on the field, before anything is sent.
    const authorization = dialog.getByRole('textbox', { name: 'Authorization endpoint', exact: true });
    await authorization.fill('not a url');
    await authorization.blur();
    await expect(dialog.getByText('"not a url" is not an absolute URL', { exact: false })).toBeVisible();
    await expect(authorization).toHaveAttribute('aria-invalid', 'true');

    // Discovery with a trailing slash the IdP does not use: endpoints and the real issuer are filled, the slash is named.
    const issuer = dialog.getByRole('textbox', { name: 'Issuer', exact: true });
    await issuer.fill(`${oidcPeer!.issuer}/`);
    await dialog.getByTestId('discover').click();
    await expect(dialog.getByTestId('discovery-result')).toContainText('differs only by a trailing slash');
    await expect(issuer).toHaveValue(oidcPeer!.issuer);
    await expect(authorization).toHaveValue(`${oidcPeer!.issuer}/auth`);
    await expect(authorization).not.toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('textbox', { name: 'Access token endpoint', exact: true })).toHaveValue(`${oidcPeer!.issuer}/token`);
    await expect(dialog.getByRole('textbox', { name: 'JWKS URI', exact: true })).toHaveValue(`${oidcPeer!.issuer}/jwks`);

    await dialog.getByRole('textbox', { name: 'Web app URL', exact: true }).fill('https://clearml.example.com/');
    await expect(dialog.getByTestId('url-panel').first()).toContainText('https://clearml.example.com/callback_custom');
    await expect(dialog.getByTestId('url-panel').first()).toContainText(/\/oidc\/[0-9a-f-]{36}\/callback/);
    await dialog.getByRole('textbox', { name: 'Display name', exact: true }).fill(oidcName);
    await dialog.getByRole('textbox', { name: 'Client ID', exact: true }).fill('workbench-test');
    await dialog.getByLabel('Client secret', { exact: true }).fill(canary);
    await dialogShot(page, testInfo, 'wizard-oidc-form', dialog);

    await dialog.getByTestId('wizard-next').click();
    await expect(dialog.getByTestId('review')).toBeVisible();
    await expect(dialog.getByTestId('review')).toContainText(oidcName);
    await expect(dialog.getByTestId('review')).not.toContainText(canary);
    await dialogShot(page, testInfo, 'wizard-oidc-review', dialog);
    await dialog.getByTestId('save-connection').click();

    const done = dialog.getByTestId('wizard-done');
    await expect(done).toBeVisible();
    await expect(done).toContainText(/http:\/\/127\.0\.0\.1:\d+\/oidc\/[0-9a-f-]{36}\/callback/);
    await expect(page.getByText('Connection created')).toBeVisible();
    await dialog.getByTestId('wizard-close').click();
    await expect(dialog).toBeHidden();
    await expect(row(page, oidcName)).toHaveCount(1);
    await expect(row(page, oidcName)).toContainText('OIDC');
    await expect(row(page, oidcName)).toContainText('never');
  });

  await test.step('an engine refusal lands on its field: a display name already taken', async () => {
    const dialog = await openWizard(page);
    await dialog.getByTestId('wizard-next').click();
    await dialog.getByRole('textbox', { name: 'Display name', exact: true }).fill(oidcName.toLowerCase()); // unique ignoring case
    await dialog.getByRole('textbox', { name: 'Client ID', exact: true }).fill('another-client');
    await dialog.getByRole('textbox', { name: 'Issuer', exact: true }).fill(oidcPeer!.issuer);
    await dialog.getByTestId('discover').click();
    await expect(dialog.getByTestId('discovery-result')).toBeVisible();
    await dialog.getByTestId('wizard-next').click();
    await dialog.getByTestId('save-connection').click();
    const name = dialog.getByRole('textbox', { name: 'Display name', exact: true });
    await expect(name).toBeVisible(); // back on the configuration step
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText(`a connection named "${oidcName}" already exists`, { exact: false })).toBeVisible();
    await expect(dialog.getByTestId('save-error')).toBeVisible();
    // Escape on a dialog with unsaved edits asks first; "Keep editing" keeps them, "Discard changes" closes.
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expect(ask).toBeHidden();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByTestId('discard-changes').click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the canary secret is in the keychain and in no file under the data directory', async () => {
    const id = await row(page, oidcName).getAttribute('data-connection-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    if (process.env.SSOWB_PRIVATE_KEYRING) expect(keychainItem(`connection:${id}:client-secret`)).toBe(canary);
    const files = filesUnder(dataDir!);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).includes(canary), `${file} must not contain the client secret`).toBe(false);
    expect(await page.content()).not.toContain(canary);
  });

  await test.step('SAML: metadata file from a real SimpleSAMLphp, generated key pair, SP metadata export', async () => {
    const metadataPath = join(scratch!, 'idp-metadata.xml');
    writeFileSync(metadataPath, await (await fetch(samlPeer!.metadataUrl)).text());

    const dialog = await openWizard(page);
    await dialog.getByTestId('protocol').getByText('SAML', { exact: true }).click();
    await expect(dialog.getByRole('radio', { name: 'JumpCloud' })).toBeVisible();
    await dialog.getByRole('radio', { name: 'Custom' }).check();
    await dialog.getByTestId('wizard-next').click();

    await dialog.locator('input[type="file"]').setInputFiles(metadataPath);
    await expect(dialog.getByTestId('metadata-result')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'IdP entity ID', exact: true })).toHaveValue(samlPeer!.entityId);
    await expect(dialog.getByRole('textbox', { name: 'IdP SSO URL', exact: true })).toHaveValue(samlPeer!.ssoUrl);
    await expect(dialog.getByTestId('idp-certificates').getByRole('row')).toHaveCount(2); // header + the IdP's certificate

    await dialog.getByRole('textbox', { name: 'Display name', exact: true }).fill(samlName);
    await dialog.getByRole('textbox', { name: 'SP entity ID', exact: true }).fill(`urn:sso-workbench:e2e:${run}`); // as the IdP knows this SP
    await expect(dialog.getByTestId('url-panel').first()).toContainText(`urn:sso-workbench:e2e:${run}`);
    await dialog.getByRole('switch', { name: 'Sign client requests' }).check();
    await dialog.getByTestId('generate-key-pair').click();
    await expect(dialog.getByTestId('signing-certificate')).toContainText('-----BEGIN CERTIFICATE-----');
    // The same form in the dark theme (Auto follows the OS preference, emulated here).
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html[data-mantine-color-scheme="dark"]')).toHaveCount(1);
    await dialogShot(page, testInfo, 'wizard-saml-form-dark', dialog);
    await page.emulateMedia({ colorScheme: 'light' });

    await dialog.getByTestId('wizard-next').click();
    await expect(dialog.getByTestId('review')).toContainText(samlPeer!.entityId);
    await dialog.getByTestId('save-connection').click();
    const done = dialog.getByTestId('wizard-done');
    await expect(done).toContainText(/http:\/\/127\.0\.0\.1:\d+\/saml\/[0-9a-f-]{36}\/acs/);

    await done.getByRole('button', { name: `Download SP metadata of ${samlName}` }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'For test runs (workbench ACS)' }).click();
    const download = await downloading;
    const xml = readFileSync(await download.path(), 'utf8');
    expect(xml).toContain(`entityID="urn:sso-workbench:e2e:${run}"`);
    expect(xml).toMatch(/AuthnRequestsSigned="true"/);
    expect(xml).toContain('<ds:X509Certificate>');
    await dialog.getByTestId('wizard-close').click();
    await expect(row(page, samlName)).toHaveCount(1);
    await expect(row(page, samlName)).toContainText('SAML');
  });

  await test.step('edit: prefilled, secret shown only as "set", one field changed and saved', async () => {
    await page.getByRole('button', { name: `Edit ${oidcName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${oidcName}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Client ID', exact: true })).toHaveValue('workbench-test');
    await expect(dialog.getByTestId('client-secret-state')).toHaveText('set');
    await expect(dialog.locator('input[type="password"]')).toHaveCount(0); // write-only: no box, no value
    await dialogShot(page, testInfo, 'edit-oidc', dialog);
    await expect(dialog.getByRole('textbox', { name: 'Issuer', exact: true })).toHaveValue(oidcPeer!.issuer);
    const name = dialog.getByRole('textbox', { name: 'Display name', exact: true });
    await name.fill(`${oidcName} edited`);
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/invoke/connections.update'));
    await dialog.getByTestId('save-connection').click();
    const update = (await (await saved).request().postDataJSON()) as Record<string, unknown>;
    expect(Object.keys(update).sort()).toEqual(['displayName', 'id']); // only what changed
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Connection saved')).toBeVisible();
    await expect(row(page, `${oidcName} edited`)).toHaveCount(1);
  });

  await test.step('edit SAML: the patch carries only the changed mapping, the stored key is kept', async () => {
    await page.getByRole('button', { name: `Edit ${samlName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${samlName}` });
    await expect(dialog.getByTestId('private-key-state')).toHaveText('private key set');
    await expect(dialog.getByTestId('signing-certificate')).toContainText('-----BEGIN CERTIFICATE-----');
    await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill('mail');
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/invoke/connections.update'));
    await dialog.getByTestId('save-connection').click();
    const response = await saved;
    expect(response.request().postDataJSON()).toEqual({ id: expect.any(String), saml: { attributeMappings: { email: 'mail' } } });
    expect(await response.json()).toMatchObject({ ok: true, value: { hasPrivateKey: true, saml: { signRequests: true, attributeMappings: { email: 'mail' } } } });
    await expect(dialog).toBeHidden();
  });

  await test.step('search and filters, the Active toggle', async () => {
    await page.getByRole('textbox', { name: 'Search connections' }).fill(run);
    await expect(page.getByTestId('connection-row')).toHaveCount(2);
    const active = page.getByRole('switch', { name: `Active: ${samlName}` });
    await expect(active).toBeChecked();
    await active.focus(); // by keyboard, as a keyboard user would (the switch track covers its input for the mouse)
    await page.keyboard.press('Space');
    await expect(active).not.toBeChecked();
    await page.getByRole('radiogroup', { name: 'Active filter' }).getByText('Inactive', { exact: true }).click();
    await expect(page.getByTestId('connection-row')).toHaveCount(1);
    await expect(row(page, samlName)).toHaveCount(1);
    await page.getByRole('radiogroup', { name: 'Active filter' }).getByText('Any state', { exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Protocol filter' }).getByText('OIDC', { exact: true }).click();
    await expect(page.getByTestId('connection-row')).toHaveCount(1);
    await page.getByRole('radiogroup', { name: 'Protocol filter' }).getByText('All protocols', { exact: true }).click();
    await expect(page.getByTestId('connection-row')).toHaveCount(2);
  });

  await test.step('copy the ID', async () => {
    const target = row(page, samlName);
    const id = await target.getAttribute('data-connection-id');
    await target.getByRole('button', { name: `Copy ID of ${samlName}` }).click();
    await expect(target.getByRole('button', { name: `Copied ID of ${samlName}` })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
    await expect(target.getByTestId('connection-id')).toHaveAttribute('data-id', id!);
    await expect(target.getByTestId('connection-id')).toHaveText(`${id!.slice(0, 8)}…`);
    await screenshot(page, testInfo, 'table');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, testInfo, 'table-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await test.step('delete with the confirm dialog; its keychain item goes too', async () => {
    const id = await row(page, samlName).getAttribute('data-connection-id');
    if (process.env.SSOWB_PRIVATE_KEYRING) expect(keychainItem(`connection:${id}:saml-private-key`)).toContain('PRIVATE KEY');
    await page.getByRole('button', { name: `Delete ${samlName}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete connection' });
    await expect(dialog).toContainText(samlName);
    await expect(dialog).toContainText('keychain');
    await dialog.getByRole('button', { name: `Delete ${samlName}` }).click();
    await expect(dialog).toBeHidden();
    await expect(row(page, samlName)).toHaveCount(0);
    await expect(row(page, `${oidcName} edited`)).toHaveCount(1);
    if (process.env.SSOWB_PRIVATE_KEYRING) expect(keychainItem(`connection:${id}:saml-private-key`)).toBeNull();
  });

  await test.step('delete the OIDC connection too: its client secret leaves the keychain', async () => {
    const name = `${oidcName} edited`;
    const id = await row(page, name).getAttribute('data-connection-id');
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete connection' });
    await expect(dialog).toContainText('client secret');
    await dialog.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(row(page, name)).toHaveCount(0);
    if (process.env.SSOWB_PRIVATE_KEYRING) expect(keychainItem(`connection:${id}:client-secret`)).toBeNull();
  });

  for (const file of filesUnder(dataDir!)) expect(readFileSync(file).includes(canary), `${file} must not contain the client secret`).toBe(false);
  expect(pageErrors).toEqual([]);
});
