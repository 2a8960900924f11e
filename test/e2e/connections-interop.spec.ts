import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';

/**
 * Issue 12 in the browser: the wizard's fields for ClearML 3.24's extra authorization parameters and group mappings
 * (OIDC, from a real oidc-provider's discovery document) and for encrypted assertions (SAML, from SimpleSAMLphp's
 * metadata); what was typed is what the engine stored. The data directory is shared: names are unique per run.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;
const run = randomBytes(3).toString('hex');
const oidcName = `E2E params ${run}`;
const samlName = `E2E encrypted ${run}`;

test.use({ colorScheme: 'light', viewport: { width: 1440, height: 1000 } });

let oidcPeer: OidcPeer | undefined;
let samlPeer: SamlPeer | undefined;
let scratch: string | undefined;
let api: APIRequestContext | undefined;

test.beforeAll(async ({ playwright }) => {
  [oidcPeer, samlPeer] = await Promise.all([startOidcPeer(), startSamlPeer()]);
  scratch = mkdtempSync(join(tmpdir(), 'ssowb-e2e-interop-'));
  if (consoleUrl) {
    api = await playwright.request.newContext({
      baseURL: consoleUrl,
      storageState: 'test-results/e2e-storage-state.json',
      extraHTTPHeaders: { origin: new URL(consoleUrl).origin },
    });
  }
});
test.afterAll(async () => {
  if (api) {
    const listed = await (await api.post('/api/invoke/connections.list', { data: { search: run } })).json();
    for (const connection of (listed.value ?? []) as { id: string }[]) await api.post('/api/invoke/connections.remove', { data: { ref: connection.id } });
    await api.dispose();
  }
  await Promise.all([oidcPeer?.stop(), samlPeer?.stop()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function shot(page: Page, testInfo: TestInfo, name: string, target: Locator): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/connections-interop-${name}.png`;
  await target.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The connection as the engine stored it (the view the bridge returns). */
interface StoredView {
  oidc: { authParams: Record<string, string>; groupSync: unknown };
  saml: { encryptAssertions: boolean; encryptionCertificate: { pem: string; fingerprintSha256: string } };
}

async function stored(name: string): Promise<StoredView> {
  // The list rows carry no settings: the full view comes from connections.get.
  const found = (await (await api!.post('/api/invoke/connections.get', { data: { ref: name } })).json()) as { ok: boolean; value: StoredView };
  if (!found.ok) throw new Error(`no connection named ${name}`);
  return found.value;
}

async function openWizard(page: Page): Promise<Locator> {
  await page.getByTestId('new-connection').first().click();
  const dialog = page.getByRole('dialog', { name: 'New provider connection' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('wizard: extra authorization parameters, group mappings, encrypted assertions', async ({ page }, testInfo) => {
  test.skip(!consoleUrl, 'SSOWB_E2E_URL is set by the e2e global setup (ssowb serve --json).');
  test.setTimeout(120_000);
  await page.goto(consoleUrl!);
  await expect(page.locator('#root[data-app-state="ready"]')).toHaveCount(1);

  await test.step('OIDC: parameters and mappings typed in the wizard are what the engine stores; a reserved name is refused on its row', async () => {
    const dialog = await openWizard(page);
    await dialog.getByTestId('wizard-next').click();
    await dialog.getByRole('textbox', { name: 'Issuer', exact: true }).fill(oidcPeer!.issuer);
    await dialog.getByTestId('discover').click();
    await expect(dialog.getByTestId('discovery-result')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Display name', exact: true }).fill(oidcName);
    await dialog.getByRole('textbox', { name: 'Client ID', exact: true }).fill('workbench-test');

    await dialog.getByTestId('add-auth-param').click();
    await dialog.getByRole('textbox', { name: 'Parameter 1 name' }).fill('state');
    await dialog.getByRole('textbox', { name: 'Parameter 1 value' }).fill('mine');
    await dialog.getByTestId('add-auth-param').click();
    await dialog.getByRole('textbox', { name: 'Parameter 2 name' }).fill('domain_hint');
    await dialog.getByRole('textbox', { name: 'Parameter 2 value' }).fill('corp.example');

    await dialog.getByRole('switch', { name: 'Synchronize user groups' }).check();
    await dialog.getByTestId('add-group-mapping').click();
    await dialog.getByRole('textbox', { name: 'IdP group of mapping 1' }).fill('ml-team');
    const platformGroups = dialog.getByLabel('Platform groups of mapping 1');
    for (const group of ['Admins', 'Queue admins']) {
      await platformGroups.fill(group);
      await platformGroups.press('Enter');
    }

    await dialog.getByTestId('wizard-next').click();
    await expect(dialog.getByText('"state" is set by the workbench itself', { exact: false })).toBeVisible();
    await shot(page, testInfo, 'auth-params-refused', dialog.getByText('Extra authorization parameters').locator('..'));
    await dialog.getByRole('button', { name: 'Remove parameter state' }).click();

    await dialog.getByTestId('wizard-next').click();
    await expect(dialog.getByTestId('review')).toBeVisible();
    await dialog.getByTestId('save-connection').click();
    await expect(dialog.getByTestId('wizard-done')).toBeVisible();
    await dialog.getByTestId('wizard-close').click();

    const connection = await stored(oidcName);
    expect(connection.oidc.authParams).toEqual({ domain_hint: 'corp.example' });
    expect(connection.oidc.groupSync).toMatchObject({ enabled: true, mappings: [{ idpGroup: 'ml-team', platformGroups: ['Admins', 'Queue admins'] }] });
  });

  await test.step('SAML: "Encrypt assertions" makes an SP encryption key pair; the edit form shows its certificate', async () => {
    const metadataPath = join(scratch!, 'idp-metadata.xml');
    writeFileSync(metadataPath, await (await fetch(samlPeer!.metadataUrl)).text());
    const dialog = await openWizard(page);
    await dialog.getByTestId('protocol').getByText('SAML', { exact: true }).click();
    await dialog.getByRole('radio', { name: 'Custom' }).check();
    await dialog.getByTestId('wizard-next').click();
    await dialog.locator('input[type="file"]').setInputFiles(metadataPath);
    await expect(dialog.getByTestId('metadata-result')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Display name', exact: true }).fill(samlName);
    await dialog.getByRole('switch', { name: 'Encrypt assertions' }).check();
    await dialog.getByTestId('wizard-next').click();
    await dialog.getByTestId('save-connection').click();
    await expect(dialog.getByTestId('wizard-done')).toBeVisible();
    await dialog.getByTestId('wizard-close').click();

    const connection = await stored(samlName);
    expect(connection.saml.encryptAssertions).toBe(true);
    expect(connection.saml.encryptionCertificate.pem).toMatch(/BEGIN CERTIFICATE/);
    const row = page.getByTestId('connection-row').filter({ has: page.getByText(samlName, { exact: true }) });
    await row.hover();
    await row.getByRole('button', { name: /Edit/ }).click();
    const edit = page.getByRole('dialog');
    await expect(edit.getByTestId('encryption-certificate')).toContainText(connection.saml.encryptionCertificate.fingerprintSha256);
    await shot(page, testInfo, 'encrypt-assertions', edit.getByRole('group', { name: 'Security settings' }));
  });
});
