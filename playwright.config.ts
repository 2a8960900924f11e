import { defineConfig } from '@playwright/test';

// Browser tier: the real renderer in Debian's Chromium against `ssowb serve` (browser mode).
// Playwright cannot download its own browsers here, so it drives /usr/bin/chromium (override: CHROMIUM_PATH).
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]] : 'list',
  globalSetup: './test/e2e/support/global-setup.ts',
  use: {
    baseURL: process.env.SSOWB_E2E_ORIGIN,
    storageState: 'test-results/e2e-storage-state.json',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
