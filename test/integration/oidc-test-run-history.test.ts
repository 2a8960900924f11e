import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../main/adapters/sqlite-store/index.js';
import type { Report } from '../../main/contract/index.js';
import type { StoredTestRun } from '../../main/core/ports/index.js';

// Test-run History in the real SQLite store (migration 3): newest first, per connection, full report by id, kept
// across reopen, and all-or-nothing inside a transaction.
let root: string;
const opened: SqliteStore[] = [];
const open = () => {
  const store = openSqliteStore(join(root, 'data'));
  opened.push(store);
  return store;
};

function run(runId: string, connectionId: string, at: string, outcome: 'passed' | 'failed' = 'passed'): StoredTestRun {
  const report = {
    outcome,
    connection: { id: connectionId, name: `Conn ${connectionId}`, protocol: 'oidc' },
    source: 'live',
    at,
    checks: [{ id: 'oidc.id_token.exp', status: outcome === 'passed' ? 'pass' : 'fail', message: 'm', hint: '' }],
    claims: { sub: 'alice', groups: ['a'] },
    claimOrigins: { sub: 'id_token' },
    user: { userId: 'alice', email: null, name: null, givenName: null, familyName: null, picture: null },
    groups: ['a'],
    resolution: { roles: [], unmatchedGroups: ['a'], organizations: [], denied: false, reason: 'r', matches: [], permissions: {}, unpublishedRoles: [], clearml: null },
    details: { idToken: { header: { alg: 'RS256' } } },
    steps: [],
  } satisfies Report;
  return { runId, connectionId, connectionName: report.connection.name, protocol: 'oidc', source: 'live', outcome, at, failedChecks: outcome === 'failed' ? ['oidc.id_token.exp'] : [], cancelled: false, report };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ssowb-history-'));
});
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('test-run History (SQLite)', () => {
  it('lists newest first, filters by connection, limits, and returns the full report by id', () => {
    const store = open();
    store.testRuns.add(run('r1', 'c1', '2026-11-23T10:00:00.000Z'));
    store.testRuns.add(run('r2', 'c2', '2026-11-23T10:01:00.000Z', 'failed'));
    store.testRuns.add(run('r3', 'c1', '2026-11-23T10:02:00.000Z'));
    expect(store.testRuns.list({ limit: 10 }).map((r) => r.runId)).toEqual(['r3', 'r2', 'r1']);
    expect(store.testRuns.list({ connectionId: 'c1', limit: 10 }).map((r) => r.runId)).toEqual(['r3', 'r1']);
    expect(store.testRuns.list({ limit: 1 })).toEqual([expect.not.objectContaining({ report: expect.anything() })]);
    expect(store.testRuns.list({ limit: 10 })[1]).toMatchObject({ outcome: 'failed', failedChecks: ['oidc.id_token.exp'] });
    expect(store.testRuns.get('r2')).toEqual(run('r2', 'c2', '2026-11-23T10:01:00.000Z', 'failed'));
    expect(store.testRuns.get('nope')).toBeUndefined();
    expect(() => store.testRuns.list({ limit: -1 })).toThrow(RangeError);
  });

  it('keeps runs across reopen; a failing transaction stores nothing', () => {
    const first = open();
    first.testRuns.add(run('r1', 'c1', '2026-11-23T10:00:00.000Z'));
    expect(() =>
      first.transaction(() => {
        first.testRuns.add(run('r2', 'c1', '2026-11-23T10:01:00.000Z'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    first.close();
    const second = open();
    expect(second.testRuns.list({ limit: 10 }).map((r) => r.runId)).toEqual(['r1']);
    expect(() => second.testRuns.add(run('r1', 'c1', '2026-11-23T10:05:00.000Z'))).toThrow(/UNIQUE/);
  });
});
