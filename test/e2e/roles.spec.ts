import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import { expect, test, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { oidcLoginWithoutBrowser } from '../peers/scripted-login.js';
import { freePort } from '../support/free-port.js';

/**
 * Issue 8 in the browser: organizations and roles made in the role editor, each validation rule seen as the admin
 * types, Undo, import refusals; then the access simulator on hand-written claims and on a History run. The run is
 * the cheapest real one: a real ID token from oidc-provider (scripted login, no browser), inspected with
 * `ssowb inspect` into the data directory `ssowb serve` uses. Roles are named after the peer's groups for alice
 * (sso-admins, ml-engineers), so the run resolves to them. Everything made here is removed afterwards.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;
const dataDir = process.env.SSOWB_E2E_DATA_DIR;
const run = randomBytes(3).toString('hex');
const CLIENT_ID = 'wb-e2e-roles';
const connectionName = `E2E Roles ${run}`;
const orgA = { id: `e2e-a-${run}`, name: `Research ${run}` };
const orgB = { id: `e2e-b-${run}`, name: `Finance ${run}` };

test.use({ colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1440, height: 1000 } });
test.describe.configure({ mode: 'serial' });

function ssowb(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir as string, ...args], { encoding: 'utf8', timeout: 30_000 });
}

/** Async: the OP serving the JWKS runs in this process, so the CLI must not block its event loop. */
function ssowbAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir as string, ...args], { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function screenshot(page: Page, testInfo: TestInfo, name: string, target?: Locator): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/roles-${name}.png`;
  // Toasts would cover the drawer's buttons; the editor's whole height fits a tall window for the shot.
  const style = '.mantine-Notifications-root { display: none !important; }';
  const size = page.viewportSize()!;
  if (target) await page.setViewportSize({ width: size.width, height: 2600 });
  if (target) await target.screenshot({ path, animations: 'disabled', style });
  else await page.screenshot({ path, fullPage: true, animations: 'disabled', style });
  await page.setViewportSize(size);
  await testInfo.attach(`roles-${name}`, { path, contentType: 'image/png' });
}

let op: OidcPeer | undefined;
let connection: { id: string; testRedirectUri: string };

test.beforeAll(async () => {
  test.skip(!consoleUrl || !dataDir, 'SSOWB_E2E_URL and SSOWB_E2E_DATA_DIR are set by the e2e global setup (ssowb serve --json).');
  const issuer = `http://127.0.0.1:${await freePort()}`;
  const now = new Date().toISOString();
  const file = test.info().outputPath('connection.json');
  mkdirSync(test.info().outputPath(), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      format: 'sso-workbench/connection@1',
      exportedAt: now,
      connection: {
        id: randomUUID(), createdAt: now, updatedAt: now, protocol: 'oidc', provider: 'custom', displayName: connectionName, platform: 'arthur', webappUrl: 'https://arthur.example.test',
        oidc: {
          issuer, clientId: CLIENT_ID, authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, userinfoEndpoint: `${issuer}/me`, jwksUri: `${issuer}/jwks`,
          tokenEndpointAuthMethod: 'none', additionalScopes: ['groups'], groupSync: { enabled: true, claim: 'groups' },
        },
      },
      validation: { validatedAt: null, lastTest: null, current: false, settingsDigest: 'x' },
    }),
  );
  const imported = ssowb(['--json', 'connections', 'import', file]);
  expect(imported.stderr, 'ssowb connections import').toBe('');
  connection = JSON.parse(imported.stdout) as { id: string; testRedirectUri: string };
  op = await startOidcPeer({
    port: Number(new URL(issuer).port),
    autoConsent: true,
    clients: [{ client_id: CLIENT_ID, token_endpoint_auth_method: 'none', redirect_uris: [connection.testRedirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
  });
});

test.afterAll(async ({ playwright }) => {
  if (consoleUrl) {
    const api = await playwright.request.newContext({ baseURL: consoleUrl, storageState: 'test-results/e2e-storage-state.json', extraHTTPHeaders: { origin: new URL(consoleUrl).origin } });
    for (const org of [orgA, orgB]) await api.post('/api/invoke/orgs.remove', { data: { ref: org.id, withRoles: true } });
    const global = (await (await api.post('/api/invoke/roles.list', { data: { scope: 'global' } })).json()) as { value?: { id: string; name: string }[] };
    for (const role of global.value ?? []) if (role.name.endsWith(run)) await api.post('/api/invoke/roles.remove', { data: { ref: role.id } });
    if (connection) await api.post('/api/invoke/connections.remove', { data: { ref: connection.id } });
    await api.dispose();
  }
  await op?.stop();
});

/** A real ID token for alice (groups sso-admins, ml-engineers), inspected into History; returns the run id. */
async function inspectedRun(request: APIRequestContext): Promise<{ runId: string; idToken: string }> {
  const issuer = op!.issuer;
  const config = new oidc.Configuration({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` }, CLIENT_ID, {}, oidc.None());
  oidc.allowInsecureRequests(config);
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: connection.testRedirectUri,
    scope: 'openid email profile groups',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 's',
  });
  const callback = await oidcLoginWithoutBrowser(url.href, connection.testRedirectUri, 'alice');
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's' });
  const file = test.info().outputPath('id-token.txt');
  writeFileSync(file, `${tokens.id_token}\n`);
  const inspected = await ssowbAsync(['inspect', connection.id, '--id-token', file, '--json']);
  const report = JSON.parse(inspected.stdout || '{}') as { checks?: { id: string; status: string; message: string }[] };
  expect(inspected.status, `${inspected.stderr}${JSON.stringify(report.checks?.filter((c) => c.status === 'fail'))}`).toBe(0);
  expect(report).toMatchObject({ outcome: 'passed', source: 'inspect', groups: ['sso-admins', 'ml-engineers'] });
  // The newest run of this connection, as History lists it.
  const listed = await request.post('/api/invoke/history.list', { data: { ref: connection.id, limit: 1 }, headers: { origin: new URL(consoleUrl as string).origin } });
  const history = (await listed.json()) as { ok: boolean; value: { runId: string; source: string }[] };
  expect(history.value[0]?.source).toBe('inspect');
  return { runId: history.value[0]!.runId, idToken: tokens.id_token! };
}

const editorOf = (page: Page, title: string | RegExp) => page.getByRole('dialog', { name: title });

async function addOrganization(page: Page, org: { id: string; name: string }): Promise<void> {
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add organization' });
  await dialog.getByLabel('Organization ID').fill(org.id);
  await dialog.getByLabel('Organization name').fill(org.name);
  await dialog.getByRole('button', { name: 'Add organization', exact: true }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('org-row').filter({ hasText: org.name });
  await expect(row).toContainText(org.id);
  await expect(row.getByRole('button', { name: `Copy ID of ${org.name}` })).toBeVisible();
}

/** Waits for the editor's live check to settle on a verdict. */
async function settled(editor: Locator): Promise<void> {
  await expect(editor.getByTestId('role-validation-status')).not.toContainText('Checking…');
}

test('role editor: organizations, roles, every validation rule as you type, undo, import refusals', async ({ page }, testInfo) => {
  await page.goto(`${consoleUrl}#/roles`);
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  await expect(page.getByTestId('builtins')).toContainText('Not published by Arthur');

  await addOrganization(page, orgA);
  await addOrganization(page, orgB);
  // Copy an organization id with its button.
  await page.getByTestId('org-row').filter({ hasText: orgA.name }).getByRole('button', { name: `Copy ID of ${orgA.name}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(orgA.id);

  // ml-engineers in Research: model read/write (keyboard on the matrix), inherits the built-in User.
  await page.getByRole('button', { name: `New role in ${orgA.name}` }).click();
  let editor = editorOf(page, 'New role');
  await editor.getByLabel(/^Name/).fill('ml-engineers');
  await editor.getByLabel('Filter permissions').fill('model');
  await editor.getByRole('checkbox', { name: 'model:read', exact: true }).check();
  await editor.getByRole('checkbox', { name: 'model:write', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(editor.getByRole('checkbox', { name: 'model:write', exact: true })).toBeChecked();
  await editor.getByRole('combobox', { name: 'Inherits' }).click();
  await page.getByRole('option', { name: 'User', exact: true }).click();
  await page.keyboard.press('Escape');
  await settled(editor);
  const effective = editor.getByTestId('effective-permissions');
  await expect(effective).toContainText('model:write');
  await expect(effective).toContainText('Also whatever User grants');
  await editor.getByRole('button', { name: 'Create role' }).click();
  await expect(editor).toBeHidden();
  const section = page.getByTestId(`section-org-${orgA.id}`);
  await expect(section.getByTestId('role-row').filter({ hasText: 'ml-engineers' })).toContainText('2 own');

  // sso-admins in Research inherits ml-engineers; model:delete of its own.
  await page.getByRole('button', { name: `New role in ${orgA.name}` }).click();
  editor = editorOf(page, 'New role');
  const name = editor.getByLabel(/^Name/);

  // Duplicate name (ignoring case), then a built-in name: both refused on the Name field as you type.
  await name.fill('ML-Engineers');
  await expect(editor.getByText(/A role named "ml-engineers" already exists/)).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('Administrator');
  await expect(editor.getByText(/is the built-in role "Administrator"/)).toBeVisible();
  await name.fill('sso-admins');
  await settled(editor);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  // A global permission: tickable in a global role only; brought back into an organization role, it is refused on its cell.
  await editor.getByLabel('Filter permissions').fill('organization_global');
  await expect(editor.getByRole('checkbox', { name: 'organization_global:write' })).toBeDisabled();
  await expect(editor.getByText('Global roles only: an organization role cannot hold it.')).toBeVisible();
  await editor.getByText('Global role', { exact: true }).click();
  await editor.getByRole('checkbox', { name: 'organization_global:write' }).check();
  await editor.getByText('Organization role', { exact: true }).click();
  await editor.getByRole('combobox', { name: 'Organization' }).click();
  await page.getByRole('option', { name: orgA.name }).click();
  await expect(editor.getByText(/organization_global:write is a global permission/).first()).toBeVisible();
  await expect(editor.getByRole('checkbox', { name: 'organization_global:write' })).toHaveAttribute('aria-invalid', 'true');
  await editor.getByRole('checkbox', { name: 'organization_global:write' }).uncheck();
  await editor.getByLabel('Filter permissions').fill('model:delete');
  await editor.getByRole('checkbox', { name: 'model:delete' }).check();
  await editor.getByLabel('Filter permissions').fill('');

  // Inherit ml-engineers, then move the role to Finance: inheritance across organizations is refused on the picker.
  await editor.getByRole('combobox', { name: 'Inherits' }).click();
  await page.getByRole('option', { name: 'ml-engineers', exact: true }).click();
  await page.keyboard.press('Escape');
  await settled(editor);
  await expect(editor.getByTestId('effective-permissions')).toContainText('inherited via');
  await editor.getByRole('combobox', { name: 'Organization' }).click();
  await page.getByRole('option', { name: orgB.name }).click();
  await expect(editor.getByText(/"ml-engineers" belongs to organization "Research/)).toBeVisible();
  await expect(editor.getByRole('combobox', { name: 'Inherits' })).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'editor-cross-org-error', editor);
  await editor.getByRole('combobox', { name: 'Organization' }).click();
  await page.getByRole('option', { name: orgA.name }).click();
  await settled(editor);
  await expect(editor.getByTestId('role-validation-status')).toHaveText('No problems found');
  await editor.getByRole('button', { name: 'Create role' }).click();
  await expect(editor).toBeHidden();
  await expect(section.getByTestId('role-row').filter({ hasText: 'sso-admins' })).toBeVisible();

  // A cycle: ml-engineers inheriting sso-admins (which inherits ml-engineers).
  await section.getByRole('button', { name: 'Edit role ml-engineers' }).click();
  editor = editorOf(page, 'Edit role ml-engineers');
  await editor.getByRole('combobox', { name: 'Inherits' }).click();
  await page.getByRole('option', { name: 'sso-admins', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(editor.getByText(/Inheriting "sso-admins" makes a cycle/)).toBeVisible();
  await screenshot(page, testInfo, 'editor', editor);
  await editor.getByRole('button', { name: 'Close the role editor' }).click();

  // Undo of an edit: sso-admins loses model:delete, then gets it back.
  await section.getByRole('button', { name: 'Edit role sso-admins' }).click();
  editor = editorOf(page, 'Edit role sso-admins');
  await editor.getByLabel('Filter permissions').fill('model:delete');
  await editor.getByRole('checkbox', { name: 'model:delete' }).uncheck();
  await editor.getByRole('button', { name: 'Save role' }).click();
  await expect(editor).toBeHidden();
  const ssoRow = section.getByTestId('role-row').filter({ hasText: 'sso-admins' });
  await expect(ssoRow).toContainText('0 own');
  await page.getByTestId('undo').click();
  await expect(page.getByText('The edit of sso-admins is undone.')).toBeVisible();
  await expect(ssoRow).toContainText('1 own');
  await expect(page.getByTestId('undo')).toBeDisabled();

  // Undo of a delete: a throwaway global role comes back.
  const temp = `auditors-${run}`;
  await page.getByRole('button', { name: 'New role in Global roles' }).click();
  editor = editorOf(page, 'New role');
  await expect(editor.getByText('Global roles inherit nothing')).toBeVisible();
  await editor.getByLabel(/^Name/).fill(temp);
  await editor.getByLabel('Filter permissions').fill('organization_global');
  await editor.getByRole('checkbox', { name: 'organization_global:read' }).check();
  await editor.getByRole('button', { name: 'Create role' }).click();
  await expect(editor).toBeHidden();
  const globalSection = page.getByTestId('section-global');
  await globalSection.getByRole('button', { name: `Delete role ${temp}` }).click();
  await page.getByRole('dialog', { name: 'Delete role' }).getByRole('button', { name: `Delete ${temp}` }).click();
  await expect(globalSection.getByTestId('role-row').filter({ hasText: temp })).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(globalSection.getByTestId('role-row').filter({ hasText: temp })).toBeVisible();

  // Import: an unknown permission is refused with the role and field named, and nothing is saved.
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const importer = page.getByRole('dialog', { name: 'Import roles' });
  await importer.getByLabel('Roles file content').fill(JSON.stringify({ roles: [{ role_name: `pilots-${run}`, permissions: [{ resource: 'model', action: 'fly' }], inherited_role_names: [] }] }));
  await importer.getByRole('combobox', { name: 'Organization' }).click();
  await page.getByRole('option', { name: orgA.name }).click();
  await importer.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importer.getByText('Nothing was imported')).toBeVisible();
  await expect(importer).toContainText('"model" has no action "fly"');
  await expect(page.getByTestId('role-row').filter({ hasText: `pilots-${run}` })).toHaveCount(0);
  // Fixed, it imports into Finance.
  await importer.getByLabel('Roles file content').fill(JSON.stringify({ roles: [{ role_name: `analysts-${run}`, permissions: [{ resource: 'model', action: 'read' }], inherited_role_names: [] }] }));
  await importer.getByRole('combobox', { name: 'Organization' }).click();
  await page.getByRole('option', { name: orgB.name }).click();
  await importer.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importer).toBeHidden();
  await expect(page.getByTestId(`section-org-${orgB.id}`).getByTestId('role-row').filter({ hasText: `analysts-${run}` })).toBeVisible();

  // Undo of an organization delete: Finance and its role come back, the role under the same id (what a push sent).
  const roleId = async () => ((await (await page.request.post(new URL('/api/invoke/roles.get', consoleUrl ?? '').href, { data: { ref: `analysts-${run}` }, headers: { origin: new URL(consoleUrl ?? '').origin } })).json()) as { value: { id: string } }).value.id;
  const analystsId = await roleId();
  await page.getByTestId('org-row').filter({ hasText: orgB.name }).getByRole('button', { name: `Delete ${orgB.name}` }).click();
  await page.getByRole('dialog', { name: 'Delete organization' }).getByRole('button', { name: `Delete ${orgB.name}` }).click();
  await expect(page.getByTestId(`section-org-${orgB.id}`)).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByText(`The delete organization ${orgB.name} is undone.`)).toBeVisible();
  await expect(page.getByTestId(`section-org-${orgB.id}`).getByTestId('role-row').filter({ hasText: `analysts-${run}` })).toBeVisible();
  expect(await roleId()).toBe(analystsId);

  // Export: the Arthur body of Research carries both roles.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const exporter = page.getByRole('dialog', { name: 'Export roles' });
  await exporter.getByRole('combobox', { name: 'Organization' }).click();
  await page.getByRole('option', { name: orgA.name }).click();
  await expect(exporter.getByTestId('export-content')).toContainText('"role_name": "sso-admins"');
  await expect(exporter.getByTestId('export-content')).toContainText('"inherited_role_names"');
  const [download] = await Promise.all([page.waitForEvent('download'), exporter.getByRole('button', { name: /^Save / }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  await page.keyboard.press('Escape');
  await expect(exporter).toBeHidden();
  await screenshot(page, testInfo, 'page');
});

test('access simulator on hand-written claims: allowed, undetermined, 404, the decision graph, who grants', async ({ page }, testInfo) => {
  // The graph library arrives as its own chunk with the first decision: nothing may break or trip the CSP on the way.
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${consoleUrl}#/roles/simulator`);
  await expect(page.getByRole('tab', { name: 'Access simulator', selected: true })).toBeVisible();
  await page.getByRole('combobox', { name: 'Connection' }).click();
  await page.getByRole('option', { name: new RegExp(connectionName) }).click();
  await page.getByTestId('claims-json').fill(JSON.stringify({ sub: 'dana', groups: ['ml-engineers', 'contractors'] }));
  await page.getByRole('combobox', { name: 'Permission' }).first().fill('model:write');
  await page.getByRole('option', { name: 'model:write', exact: true }).click();
  await page.getByRole('button', { name: 'Check access' }).click();

  const decision = page.getByTestId('decision');
  await expect(decision).toHaveAttribute('data-decision', 'allowed');
  await expect(decision.getByTestId('explanation')).toContainText('Group "ml-engineers" → role "ml-engineers"');
  await expect(decision.getByTestId('explanation')).toContainText('"contractors"');
  const graph = decision.getByTestId('decision-graph');
  await expect(graph.locator('[data-decisive="true"]').filter({ hasText: 'ml-engineers' }).first()).toBeVisible();
  await expect(graph.locator('[data-decisive="true"][data-kind="permission"]')).toContainText('model:write');
  await expect(graph.locator('[data-kind="group"][data-decisive="false"]')).toContainText('contractors');
  await screenshot(page, testInfo, 'decision-graph', decision);

  // model:delete: only the unpublished built-in User could grant it → undetermined, never invented.
  await page.getByRole('combobox', { name: 'Permission' }).first().fill('model:delete');
  await page.getByRole('option', { name: 'model:delete', exact: true }).click();
  await page.getByRole('button', { name: 'Check access' }).click();
  await expect(decision).toHaveAttribute('data-decision', 'undetermined');
  await expect(decision).toContainText('Undetermined');

  // The header names Finance, which this login cannot reach: the platform answers 404.
  await page.getByRole('combobox', { name: 'Organization (Arthur-Organization-ID header)' }).click();
  await page.getByRole('option', { name: new RegExp(orgB.name) }).click();
  await page.getByRole('button', { name: 'Check access' }).click();
  await expect(decision).toHaveAttribute('data-decision', 'not_found');
  await expect(decision).toContainText('404 Not found');

  // Two organizations reachable and no header or session: denied, with a deep link (and copy button) per organization.
  await page.getByRole('button', { name: 'Clear the header organization' }).click();
  await expect(page.getByRole('combobox', { name: 'Organization (Arthur-Organization-ID header)' })).toHaveValue('');
  await page.getByTestId('claims-json').fill(JSON.stringify({ sub: 'dana', groups: ['ml-engineers', `analysts-${run}`] }));
  await page.getByRole('button', { name: 'Check access' }).click();
  await expect(decision).toHaveAttribute('data-decision', 'denied');
  const reachable = decision.getByTestId('reachable-orgs');
  await expect(reachable).toContainText(`https://arthur.example.test/?organization_id=${orgA.id}`);
  await expect(reachable).toContainText(`https://arthur.example.test/?organization_id=${orgB.id}`);
  await reachable.getByRole('button', { name: `Copy deep link to ${orgB.name}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`https://arthur.example.test/?organization_id=${orgB.id}`);

  // The other way round: who would grant model:write in Research.
  const who = page.getByTestId('who-grants');
  await who.getByRole('combobox', { name: 'Permission' }).fill('model:write');
  await page.getByRole('option', { name: 'model:write', exact: true }).click();
  await who.getByRole('combobox', { name: 'Organization' }).click();
  await page.getByRole('option', { name: orgA.name, exact: true }).click();
  await who.getByRole('button', { name: 'Find groups' }).click();
  const table = who.getByTestId('who-grants-table');
  await expect(table).toContainText('ml-engineers');
  await expect(table).toContainText('sso-admins → ml-engineers');
  await screenshot(page, testInfo, 'simulator');
  expect(pageErrors).toEqual([]);
});

test('a History run: the claims viewer shows the resolution and opens the simulator on it', async ({ page }, testInfo) => {
  const { runId, idToken } = await inspectedRun(page.request);
  await page.goto(`${consoleUrl}#/runs/${runId}`);
  const card = page.getByTestId('groups-card');
  await expect(card.getByTestId('role-matches')).toContainText('sso-admins');
  await expect(card.getByTestId('role-matches')).toContainText(orgA.name);
  await expect(card.getByTestId('resolution-orgs')).toContainText(orgA.id);
  await screenshot(page, testInfo, 'claims-viewer-resolution', card);

  await card.getByTestId('open-simulator').click();
  await expect(page).toHaveURL(new RegExp(`#/roles/simulator\\?run=${runId}$`));
  await expect(page.getByRole('radio', { name: 'A run from History' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Run' })).toHaveValue(new RegExp(`^${connectionName} · passed`));
  await expect(page.getByRole('combobox', { name: 'Connection' })).toHaveValue(new RegExp(connectionName));
  await page.getByRole('combobox', { name: 'Permission' }).first().fill('model:delete');
  await page.getByRole('option', { name: 'model:delete', exact: true }).click();
  await page.getByRole('button', { name: 'Check access' }).click();
  const decision = page.getByTestId('decision');
  await expect(decision).toHaveAttribute('data-decision', 'allowed');
  await expect(decision.getByTestId('explanation')).toContainText('Group "sso-admins" → role "sso-admins"');
  await expect(decision.getByTestId('decision-graph').locator('[data-decisive="true"][data-kind="group"]')).toContainText('sso-admins');
  await screenshot(page, testInfo, 'decision-graph-run', decision);

  // The same login from its pasted ID token (checked like inspect, not stored): the same answer.
  await page.getByRole('radio', { name: 'ID token' }).check();
  await page.getByRole('textbox', { name: 'ID token', exact: true }).fill(idToken);
  const [checked] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/invoke/access.check')), page.getByRole('button', { name: 'Check access' }).click()]);
  expect(checked.request().postDataJSON()).toMatchObject({ source: { kind: 'idToken', token: idToken } });
  expect(await checked.json()).toMatchObject({ ok: true, value: { decision: 'allowed' } });
  await expect(decision).toHaveAttribute('data-decision', 'allowed');
  await expect(decision.getByTestId('explanation')).toContainText('Group "sso-admins" → role "sso-admins"');
});
