import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';

/**
 * Issue 10 in Chromium: the Export dialog of a connection that never passed a test refuses the platform formats
 * (saying which test to run), "Export anyway" shows the preview stamped NOT VALIDATED, the backup JSON always
 * exports, and the Connections table says the connection is not validated. Screenshots of the dialog go to test-results/.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;
const dataDir = process.env.SSOWB_E2E_DATA_DIR;
const run = randomBytes(3).toString('hex');
const name = `E2E Export ${run}`;

test.use({ colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1440, height: 1000 } });

async function shot(testInfo: TestInfo, file: string, target: Locator): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/export-${file}.png`;
  await target.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(`export-${file}`, { path, contentType: 'image/png' });
}

const row = (page: Page) => page.getByTestId('connection-row').filter({ has: page.getByText(name, { exact: true }) });

test.afterAll(async ({ playwright }) => {
  if (!consoleUrl) return;
  const api = await playwright.request.newContext({ baseURL: consoleUrl, storageState: 'test-results/e2e-storage-state.json', extraHTTPHeaders: { origin: new URL(consoleUrl).origin } });
  await api.post('/api/invoke/connections.remove', { data: { ref: name } });
  await api.dispose();
});

test('export: refused until validated, forced export marked NOT VALIDATED, backup JSON always', async ({ page }, testInfo) => {
  test.skip(!consoleUrl || !dataDir, 'SSOWB_E2E_URL / SSOWB_E2E_DATA_DIR are set by the e2e global setup (ssowb serve --json).');
  // A connection made by the CLI (an import of a native file), never tested.
  const scratch = mkdtempSync(join(tmpdir(), 'ssowb-e2e-export-'));
  try {
    const now = new Date().toISOString();
    const issuer = 'https://idp.example.com/oauth2/default';
    const connection = {
      id: randomUUID(), createdAt: now, updatedAt: now, protocol: 'oidc', provider: 'okta', displayName: name, platform: 'arthur', webappUrl: 'https://arthur.example.com',
      oidc: { issuer, clientId: 'arthur-spa', authorizationEndpoint: `${issuer}/v1/authorize`, tokenEndpoint: `${issuer}/v1/token`, jwksUri: `${issuer}/v1/keys`, tokenEndpointAuthMethod: 'none', groupSync: { enabled: true, claim: 'groups' } },
    };
    const file = join(scratch, 'connection.json');
    writeFileSync(file, JSON.stringify({ format: 'sso-workbench/connection@1', exportedAt: now, connection, validation: { validatedAt: null, lastTest: null, current: false, settingsDigest: 'x' } }));
    const imported = spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir!, 'connections', 'import', file], { encoding: 'utf8', timeout: 30_000 });
    expect(imported.status, imported.stderr).toBe(0);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  await page.goto(consoleUrl!);
  await expect(page.locator('#root[data-app-state="ready"]')).toHaveCount(1);
  await expect(row(page).getByTestId('validation-state')).toHaveText('not validated yet: run a test');

  await row(page).getByRole('button', { name: `Export ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Export ${name}` });
  await expect(dialog).toBeVisible();
  const refusal = dialog.getByTestId('export-refusal');
  await expect(refusal).toContainText('is not validated: it has never passed a live test or offline inspect');
  await expect(refusal).toContainText(`ssowb test "${name}"`);
  await expect(dialog.getByTestId('export-preview')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: /^Save/ })).toBeDisabled();
  await shot(testInfo, 'dialog-refused', dialog);

  await dialog.getByRole('button', { name: 'Export anyway, marked NOT VALIDATED' }).click();
  const preview = dialog.getByTestId('export-preview');
  await expect(preview).toContainText('# validation: NOT VALIDATED (exported with --force');
  // The preview is a CodeMirror view that renders only what is on screen: the whole text is checked through Copy.
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('kind: OIDC');
  expect(copied).toContain('redirect (sign-in callback) URL: https://arthur.example.com/login/callback');
  await expect(preview.locator('.cm-content .tok-comment, .cm-content span').first()).toBeVisible();
  await expect(dialog.getByTestId('export-stamp')).toContainText('NOT VALIDATED');
  await shot(testInfo, 'dialog-arthur-yaml-forced', dialog);

  // The Save button writes the file the preview shows.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Save/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.arthur\.yaml$/);

  // Another platform format is refused again (force is per choice); the backup JSON always exports.
  await dialog.getByText('ClearML env', { exact: true }).click();
  await expect(dialog.getByTestId('export-refusal')).toBeVisible();
  await dialog.getByText('Backup JSON', { exact: true }).click();
  await expect(dialog.getByTestId('export-preview')).toContainText('"format": "sso-workbench/connection@1"');
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`"displayName": "${name}"`);
  await shot(testInfo, 'dialog-json', dialog);
});
