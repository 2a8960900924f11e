import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types; its shapes are checked by these tests
import { judgeSkips } from '../../scripts/lib/skip-policy.mjs';

// Finding 10: in `npm test` a test skipped because a real component is missing (keyring, build) must fail the run;
// only the Electron runtime may skip, with its printed reason.
const vitest = (...tests: Array<[string, string]>) => ({ testResults: [{ name: '/repo/test/integration/cli.test.ts', assertionResults: tests.map(([fullName, status]) => ({ fullName, status })) }] });
const playwright = (file: string, reason: string) => ({
  suites: [{ file, specs: [{ file, title: 'a spec', tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: reason }], results: [{ status: 'skipped' }] }] }] }],
});

describe('npm test skip policy', () => {
  it('a vitest test skipped for a missing keyring or build is a violation', () => {
    const { violations } = judgeSkips({ unit: vitest(['ok', 'passed']), integration: vitest(['ssowb CLI adds a connection', 'skipped'], ['todo one', 'todo']) });
    expect(violations.map((v: { name: string }) => v.name)).toEqual(['ssowb CLI adds a connection', 'todo one']);
  });

  it('the Electron smoke test may skip when its runtime or display is missing, and its reason is kept', () => {
    const { allowed, violations } = judgeSkips({ e2e: playwright('electron-smoke.spec.ts', 'Electron runtime not installed on this machine (its download is blocked)') });
    expect(violations).toEqual([]);
    expect(allowed[0].reason).toMatch(/^Electron runtime not installed/);
    expect(judgeSkips({ e2e: playwright('electron-smoke.spec.ts', 'No display for Electron (DISPLAY unset)') }).violations).toEqual([]);
  });

  it('any other e2e skip (or the Electron spec skipping for another reason) is a violation', () => {
    expect(judgeSkips({ e2e: playwright('console.spec.ts', 'SSOWB_E2E_URL is set by the e2e global setup') }).violations).toHaveLength(1);
    expect(judgeSkips({ e2e: playwright('electron-smoke.spec.ts', 'flaky today') }).violations).toHaveLength(1);
  });

  it('nothing skipped, nothing to report; missing reports are not skips', () => {
    expect(judgeSkips({ unit: vitest(['a', 'passed']), integration: undefined, e2e: undefined })).toEqual({ allowed: [], violations: [] });
  });
});
