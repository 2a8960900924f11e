import { defineConfig } from 'vitest/config';

// Two tiers run by vitest: `unit` (core and pure adapter logic, in-memory ports) and `integration`
// (real SQLite on temp dirs, a real Secret Service in a private D-Bus session, real IdPs on loopback).
// The browser tier (Playwright + Debian's Chromium) lives in playwright.config.ts.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
