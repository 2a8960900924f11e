import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

/**
 * The console frame in browser mode: the real renderer (dist/renderer) in Debian's Chromium against `ssowb serve`.
 * The global setup starts the bridge on a private data directory and puts its address in SSOWB_E2E_URL (the session
 * cookie comes with the configured storage state; a URL that still carries the one-time `?token=` works as well).
 * Every wait is on an app signal (`data-app-state`, headings, notifications), never on time.
 */
const consoleUrl = process.env.SSOWB_E2E_URL;

// Auto theme must resolve to light so the dark-theme assertion proves the switch, not the machine's preference.
test.use({ colorScheme: 'light' });

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/console-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`console-${name}`, { path, contentType: 'image/png' });
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const navLink = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: new RegExp(`^${label}\\b`) });

test('the console frame: pages, keychain status, theme and the test port', async ({ page }, testInfo) => {
  test.skip(!consoleUrl, 'SSOWB_E2E_URL is set by the e2e global setup (ssowb serve --json).');
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });

  await page.goto(consoleUrl!);
  await expect(page.locator('#root[data-app-state="ready"]')).toHaveCount(1);

  // Frame: product name, mode and version from app.info, one <main> landmark.
  await expect(page.getByRole('banner').getByText('SSO Workbench', { exact: true })).toBeVisible();
  await expect(page.getByTestId('app-mode')).toHaveText('Browser mode');
  await expect(page.getByTestId('app-version')).toHaveText(/^v\d+\.\d+\.\d+/);
  await expect(page.getByRole('main')).toHaveCount(1);

  // Connections is the start page; on a fresh data directory it shows its empty state.
  await expect(heading(page, 'Connections')).toBeVisible();
  await expect(page.getByText('No connections yet')).toBeVisible();
  await expect(
    page.getByText('Create an OIDC or SAML connection to your identity provider, then prove it with a test login before rollout.'),
  ).toBeVisible();
  await expect(page.getByTestId('new-connection')).toBeVisible();
  await expect(page.getByTestId('new-connection')).toHaveText(/New connection/);
  await screenshot(page, testInfo, 'connections');

  // Navigation: by keyboard (focus the link, Enter) and by click; focus lands on the new page's title.
  await navLink(page, 'Roles').focus();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Roles')).toBeVisible();
  await expect(heading(page, 'Roles')).toBeFocused();
  await expect(page).toHaveURL(/#\/roles$/);
  await expect(page.getByRole('heading', { name: 'Global roles' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Organization roles' })).toBeVisible();

  await navLink(page, 'Targets').click();
  await expect(heading(page, 'Targets')).toBeVisible();
  await expect(page.getByText('No targets yet')).toBeVisible();

  await navLink(page, 'History').focus();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'History')).toBeVisible();
  await expect(page.getByText('No test runs yet')).toBeVisible();

  await navLink(page, 'Settings').click();
  await expect(heading(page, 'Settings')).toBeVisible();
  await expect(navLink(page, 'Settings')).toHaveAttribute('aria-current', 'page');

  // Keychain status: one of the four states, whatever this machine's keychain answers.
  const keychainState = page.getByTestId('keychain-state');
  await expect(keychainState).toHaveText(/^(Available|Locked|Missing|Timed out)$/);
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(keychainState).toHaveText(/^(Available|Locked|Missing|Timed out)$/);

  // Theme: applied at once (Mantine sets the attribute on <html>) and saved through settings.update.
  await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Dark', { exact: true }).click();
  await expect(page.locator('html[data-mantine-color-scheme="dark"]')).toHaveCount(1);

  // Test port: a valid port is saved by the engine; 80 is refused with a field error and never sent.
  const port = page.getByLabel('Loopback test port');
  await port.fill('9123');
  await page.getByRole('button', { name: 'Save port' }).click();
  await expect(page.getByText('Test port saved')).toBeVisible();
  await expect(port).toHaveValue('9123');

  await port.fill('80');
  await page.getByRole('button', { name: 'Save port' }).click();
  await expect(page.getByText('Use a port between 1024 and 65535', { exact: false })).toBeVisible();
  await expect(port).toHaveAttribute('aria-invalid', 'true');

  // ClearML platform groups: kept in the workbench for the resolution of ClearML test runs.
  const groups = page.getByRole('combobox', { name: 'Groups' });
  for (const name of ['ml-engineers', 'data-science']) {
    await groups.fill(name);
    await groups.press('Enter');
  }
  await expect(page.getByTestId('clearml-groups-card')).toContainText('data-science');
  const groupsSaved = page.waitForResponse((response) => response.url().endsWith('/api/invoke/settings.update'));
  await page.getByRole('button', { name: 'Save groups' }).click();
  expect(await (await groupsSaved).json()).toMatchObject({ ok: true, value: { clearmlGroups: ['ml-engineers', 'data-science'] } });
  await expect(page.getByText('ClearML groups saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save groups' })).toBeDisabled();

  // Every path shown has a copy button.
  await expect(page.getByRole('button', { name: 'Copy data directory' })).toBeVisible();
  await screenshot(page, testInfo, 'settings-dark');

  // Leave the shared data directory as found: back to Auto, which follows the (light) emulated OS preference.
  const themeSaved = page.waitForResponse((response) => response.url().endsWith('/api/invoke/settings.update'));
  await page.getByRole('radiogroup', { name: 'Theme' }).getByText('Auto', { exact: true }).click();
  await expect(page.locator('html[data-mantine-color-scheme="light"]')).toHaveCount(1);
  expect(await (await themeSaved).json()).toMatchObject({ ok: true, value: { theme: 'auto', testPort: 9123 } });
  // …and no ClearML groups, as the other specs expect.
  await groups.focus();
  await groups.press('Backspace');
  await groups.press('Backspace');
  const groupsCleared = page.waitForResponse((response) => response.url().endsWith('/api/invoke/settings.update'));
  await page.getByRole('button', { name: 'Save groups' }).click();
  expect(await (await groupsCleared).json()).toMatchObject({ ok: true, value: { clearmlGroups: [] } });

  expect(pageErrors).toEqual([]);
});
