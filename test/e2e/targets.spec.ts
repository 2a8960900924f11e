import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

/**
 * Targets in browser mode against `ssowb serve` (which runs the loopback RBAC engine): add the local rehearsal
 * target, check it, plan, read the diff, confirm, push with per-role progress and results, then History. Roles are
 * seeded through the bridge's contract API; every wait is on an app signal.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;
const origin = process.env.SSOWB_E2E_ORIGIN;

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/targets-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`targets-${name}`, { path, contentType: 'image/png' });
}

async function invoke<T>(page: Page, name: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/invoke/${name}`, { data: input, headers: { origin: origin as string } });
  const result = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
}

test('rehearse a push: local rehearsal target, plan with diff, confirm, per-role results, History', async ({ page }, testInfo) => {
  test.skip(!consoleUrl, 'SSOWB_E2E_URL is set by the e2e global setup (ssowb serve --json).');
  await page.goto(consoleUrl!);
  await expect(page.locator('#root[data-app-state="ready"]')).toHaveCount(1);

  await invoke(page, 'orgs.create', { id: 'e2e-research', name: 'E2E Research' });
  await invoke(page, 'roles.create', { scope: 'organization', organizationId: 'e2e-research', name: 'e2e-readers', permissions: [{ resource: 'model', action: 'read' }] });
  const owners = await invoke<{ id: string }>(page, 'roles.create', { scope: 'organization', organizationId: 'e2e-research', name: 'e2e-owners', permissions: [{ resource: 'model', action: 'write' }], inheritedRoleNames: ['e2e-readers'] });
  await invoke(page, 'roles.create', { scope: 'organization', organizationId: 'e2e-research', name: 'e2e-admins', inheritedRoleNames: ['Administrator'] });

  await page.goto(`${consoleUrl}#/targets`);
  await expect(page.getByRole('heading', { level: 1, name: 'Targets' })).toBeVisible();
  await page.getByRole('button', { name: 'Add local rehearsal target' }).first().click();
  const row = page.getByTestId('target-row-Local rehearsal');
  await expect(row).toBeVisible();
  await expect(row.getByText('in keychain')).toBeVisible();
  await expect(row.getByText('local rehearsal', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Check Local rehearsal' }).click();
  await expect(page.getByTestId('target-check')).toContainText('Local rehearsal is ready');
  await expect(page.getByTestId('target-check')).toContainText('E2E Research');

  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByTestId('plan-summary')).toHaveText(/3 to create, 0 to replace, 0 to delete, 0 unchanged/);
  await page.getByRole('button', { name: 'Show the diff of e2e-owners' }).click();
  await expect(page.getByTestId('diff-e2e-owners')).toContainText('model:write');
  await expect(page.getByTestId('diff-e2e-owners')).toContainText('e2e-readers');
  await screenshot(page, testInfo, 'plan');

  await page.getByRole('button', { name: 'Push 3 changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Push to Local rehearsal?' });
  await expect(dialog).toContainText('3 create');
  await dialog.getByRole('button', { name: 'Push now' }).click();
  await expect(page.getByTestId('push-result')).toContainText('3 done, 0 failed, 0 not sent');
  for (const role of ['e2e-readers', 'e2e-owners', 'e2e-admins']) await expect(page.getByTestId(`state-${role}`)).toHaveText('done');
  await expect(page.getByRole('progressbar', { name: 'Push progress: 3 of 3 roles' })).toBeVisible();
  await screenshot(page, testInfo, 'pushed');

  // A change in the workbench: the next plan replaces that role (DELETE then POST), shown side by side.
  await invoke(page, 'roles.update', { id: owners.id, draft: { scope: 'organization', organizationId: 'e2e-research', name: 'e2e-owners', permissions: [{ resource: 'model', action: 'write' }, { resource: 'tag', action: 'write' }], inheritedRoleNames: ['e2e-readers'] } });
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(page.getByTestId('plan-summary')).toHaveText(/0 to create, 1 to replace, 0 to delete, 2 unchanged/);
  await expect(page.getByTestId('diff-e2e-owners')).toContainText('DELETE of the role, then POST');
  await expect(page.getByTestId('diff-e2e-owners').getByLabel('tag:write (added)')).toBeVisible();
  await screenshot(page, testInfo, 'replace-diff');
  await page.getByRole('button', { name: 'Push 1 change' }).click();
  await expect(page.getByRole('dialog')).toContainText('each replace is a DELETE of the role, then a POST');
  await page.getByRole('button', { name: 'Push now' }).click();
  await expect(page.getByTestId('push-result')).toContainText('1 done, 0 failed');
  await expect(page.getByTestId('state-e2e-owners')).toHaveText('done');

  await page.goto(`${consoleUrl}#/history`);
  const pushes = page.getByRole('table', { name: 'Role pushes' });
  await expect(pushes.getByRole('row')).toHaveCount(3);
  await expect(pushes).toContainText('Local rehearsal');
  await screenshot(page, testInfo, 'history');
});
