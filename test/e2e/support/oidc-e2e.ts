import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { freePort } from '../../support/free-port.js';
export { freePort };

/** Helpers for browser tests of live OIDC runs against oidc-provider (see test-run.spec.ts for the walk-through). */
export const consoleUrl = process.env.SSOWB_E2E_URL;
export const dataDir = process.env.SSOWB_E2E_DATA_DIR;

export function ssowb(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir as string, ...args], { encoding: 'utf8', timeout: 30_000 });
}

export interface Imported {
  id: string;
  testRedirectUri: string;
}

/** Imports an OIDC connection at `issuer` (native JSON, `ssowb connections import`), with a client secret when given. */
export function importOidc(testInfo: TestInfo, issuer: string, name: string, clientId: string, overrides: Record<string, unknown> = {}, clientSecret?: string): Imported {
  const now = new Date().toISOString();
  const connection = {
    id: randomUUID(), createdAt: now, updatedAt: now, protocol: 'oidc', provider: 'custom', displayName: name,
    oidc: {
      issuer, clientId, authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, userinfoEndpoint: `${issuer}/me`, jwksUri: `${issuer}/jwks`,
      tokenEndpointAuthMethod: clientSecret ? 'client_secret_basic' : 'none', additionalScopes: ['groups'], groupSync: { enabled: true, claim: 'groups' }, ...overrides,
    },
  };
  const file = testInfo.outputPath(`${connection.id}.json`);
  mkdirSync(testInfo.outputPath(), { recursive: true });
  const secrets = clientSecret ? { secrets: { clientSecret } } : {};
  writeFileSync(file, JSON.stringify({ format: 'sso-workbench/connection@1', exportedAt: now, connection, validation: { validatedAt: null, lastTest: null, current: false, settingsDigest: 'x' }, ...secrets }));
  const imported = ssowb(['--json', 'connections', 'import', file]);
  expect(imported.stderr, 'ssowb connections import').toBe('');
  expect(imported.status).toBe(0);
  return JSON.parse(imported.stdout) as Imported;
}

export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/${name}.png`;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Logs in at oidc-provider's dev interaction in the tab `trigger` opens; resolves once the IdP redirected back. */
export async function loginInNewTab(context: BrowserContext, trigger: () => Promise<void>, login: string, callbackPrefix: string): Promise<void> {
  await context.clearCookies({ name: /^_op_/ });
  const [idp] = await Promise.all([context.waitForEvent('page'), trigger()]);
  await idp.locator('input[name="login"]').fill(login);
  await idp.locator('input[name="password"]').fill('any-password');
  await idp.locator('button[type="submit"]').click();
  const atCallback = () => idp.url().startsWith(callbackPrefix);
  const consentShown = async () => (await idp.locator('input[name="login"]').count()) === 0 && (await idp.locator('form button[type="submit"]').count()) > 0;
  await expect.poll(async () => atCallback() || (await consentShown())).toBe(true);
  if (!atCallback()) await idp.locator('form button[type="submit"]').click();
  await idp.waitForURL((url) => url.href.startsWith(callbackPrefix));
  await expect(idp.locator('body')).toContainText(/PASSED|FAILED/);
  await idp.close();
}
