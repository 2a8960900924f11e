import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, migrations, openSqliteStore, type SqliteStore } from '../../main/adapters/sqlite-store/index.js';
import { reconcileSecrets } from '../../main/core/connections/reconcile.js';
import { recordTestOutcome } from '../../main/core/connections/test-outcome.js';
import { createEngine, type Engine } from '../../main/core/engine.js';
import { createFakeIdpTools, createTestPorts, FixedClock, MemorySecretStore } from '../support/fakes.js';

// Issue 14: the Connections list is built from list rows the store keeps beside each document (migration 6). These
// tests hold every write path to them: what the list shows must be what `connections.get` shows.

const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const oidcInput = (displayName: string, over: Record<string, unknown> = {}) => ({
  protocol: 'oidc',
  provider: 'okta',
  displayName,
  webappUrl: 'https://app.clearml.example.com/',
  oidc: { clientId: 'client-1', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys` },
  ...over,
});
const pem = (notAfter: string) => `-----BEGIN CERTIFICATE-----\nFAKE|idp|${notAfter}|idp\n-----END CERTIFICATE-----`;
const samlInput = (displayName: string, notAfter = '2030-01-01T00:00:00.000Z') => ({
  protocol: 'saml',
  provider: 'duo',
  displayName,
  saml: { idp: { entityId: 'https://idp', ssoUrl: 'https://idp.example.com/sso', certificates: [{ pem: pem(notAfter), subject: '', issuer: '', notBefore: '', notAfter: '', fingerprintSha256: '', expired: false, expiresInDays: 0 }] } },
});

type Row = Record<string, unknown> & { id: string; name: string };
const summaryKeys = {
  common: ['protocol', 'id', 'name', 'provider', 'active', 'updatedAt', 'lastTest', 'validatedAt', 'lastPass', 'validationCurrent', 'productionCallbackUrl', 'warnings'],
  oidc: ['hasClientSecret', 'testRedirectUri'],
  saml: ['hasPrivateKey', 'testAcsUrl', 'spEntityId'],
};
/** The list row a full view should give: its list fields, nothing else. */
const rowOf = (view: Row) => Object.fromEntries([...summaryKeys.common, ...summaryKeys[view.protocol as 'oidc' | 'saml']].map((k) => [k, view[k]]));

let dir: string;
let store: SqliteStore;
let engine: Engine;
let clock: FixedClock;
let secrets: MemorySecretStore;
const open = () => {
  store = openSqliteStore(dir);
  clock = new FixedClock();
  secrets = new MemorySecretStore();
  engine = createEngine(createTestPorts({ store, clock, secrets }), { idpTools: createFakeIdpTools() });
};
const call = async <T = Row>(name: string, input: unknown): Promise<T> => {
  const result = await engine.invoke(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
};
/** The list row of one connection next to its full view: they must agree. */
const listedAndViewed = async (id: string) => {
  const listed = (await call<Row[]>('connections.list', {})).find((row) => row.id === id);
  return { listed, expected: rowOf(await call('connections.get', { ref: id })) };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ssowb-list-'));
  open();
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('list rows follow every write', () => {
  it('create, update, rename, (de)activate and remove: the list shows what get shows', async () => {
    const created = await call('connections.create', oidcInput('Okta Prod', { clientSecret: 's3cret' }));
    let { listed, expected } = await listedAndViewed(created.id);
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ hasClientSecret: true, provider: 'okta', productionCallbackUrl: 'https://app.clearml.example.com/callback_okta' });
    expect(listed).not.toHaveProperty('oidc');

    clock.advance(60_000);
    await call('connections.update', { id: created.id, displayName: 'Okta Staging', provider: 'keycloak', webappUrl: 'https://other.example.com/', oidc: { codeChallengeMethod: 'plain' } });
    ({ listed, expected } = await listedAndViewed(created.id));
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ name: 'Okta Staging', provider: 'keycloak', updatedAt: '2026-11-23T10:01:00.000Z', productionCallbackUrl: 'https://other.example.com/callback_keycloak' });
    expect((listed?.warnings as Array<{ field: string }>).map((w) => w.field)).toContain('oidc.codeChallengeMethod');
    expect((await call<Row[]>('connections.list', { search: 'staging' })).map((c) => c.id)).toEqual([created.id]);
    expect(await call('connections.list', { search: 'okta prod' })).toEqual([]);

    await call('connections.update', { id: created.id, clientSecret: null });
    ({ listed, expected } = await listedAndViewed(created.id));
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ hasClientSecret: false });

    await call('connections.setActive', { ref: created.id, active: false });
    expect((await call<Row[]>('connections.list', { active: false })).map((c) => c.id)).toEqual([created.id]);
    expect(await call('connections.list', { active: true })).toEqual([]);

    await call('connections.remove', { ref: created.id });
    expect(await call('connections.list', {})).toEqual([]);
    expect(new Database(join(dir, 'workbench.sqlite'), { readonly: true }).prepare('SELECT count(*) FROM connection_list').pluck().get()).toBe(0);
  });

  it('a test outcome shows in the Validation column; a change after it shows as changed since', async () => {
    const created = await call('connections.create', oidcInput('Okta'));
    clock.advance(1000);
    recordTestOutcome(store, created.id, { at: clock.now().toISOString(), outcome: 'passed', source: 'live' }, { runId: 'run-1', checksPassed: 12, checksWarned: 1 });
    let { listed, expected } = await listedAndViewed(created.id);
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({
      validationCurrent: true,
      validatedAt: '2026-11-23T10:00:01.000Z',
      lastTest: { at: '2026-11-23T10:00:01.000Z', outcome: 'passed', source: 'live' },
      lastPass: { runId: 'run-1', at: '2026-11-23T10:00:01.000Z', source: 'live', checksPassed: 12, checksWarned: 1 },
    });
    clock.advance(1000);
    recordTestOutcome(store, created.id, { at: clock.now().toISOString(), outcome: 'failed', source: 'inspect' });
    clock.advance(1000);
    await call('connections.update', { id: created.id, oidc: { clientId: 'client-2' } });
    ({ listed, expected } = await listedAndViewed(created.id));
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ validationCurrent: false, lastTest: { outcome: 'failed', source: 'inspect' }, lastPass: { runId: 'run-1' } });
  });

  it('SAML rows: test ACS URL, SP entity ID (default and override) and certificate expiry warnings by today\'s date', async () => {
    const created = await call('connections.create', samlInput('Shibboleth', '2026-12-10T00:00:00.000Z'));
    let { listed, expected } = await listedAndViewed(created.id);
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ testAcsUrl: `http://127.0.0.1:8765/saml/${created.id}/acs`, spEntityId: `http://127.0.0.1:8765/saml/${created.id}`, hasPrivateKey: false });
    expect(JSON.stringify(listed?.warnings)).toContain('expires in 16 day(s)');
    // The date moves on without a write: the warning follows the clock, not the day it was saved.
    clock.advance(30 * 86_400_000);
    ({ listed, expected } = await listedAndViewed(created.id));
    expect(listed).toEqual(expected);
    expect(JSON.stringify(listed?.warnings)).toContain('expired on 2026-12-10');
    await call('connections.update', { id: created.id, saml: { spEntityId: 'clearml-sp' } });
    await call('settings.update', { testPort: 9100 });
    ({ listed, expected } = await listedAndViewed(created.id));
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ spEntityId: 'clearml-sp', testAcsUrl: `http://127.0.0.1:9100/saml/${created.id}/acs` });
    // The list row packs its fields with U+001F: free text holding it (or the escape U+001E) still comes back whole.
    await call('connections.update', { id: created.id, saml: { spEntityId: 'urn:a\u001fb\u001ec\u001e1' } });
    ({ listed, expected } = await listedAndViewed(created.id));
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ spEntityId: 'urn:a\u001fb\u001ec\u001e1' });
  });

  it('import (and import --replace) writes the row', async () => {
    const created = await call('connections.create', oidcInput('Okta'));
    const exported = await call<{ content: string }>('connections.export', { ref: created.id, format: 'json' });
    await call('connections.remove', { ref: created.id });
    const imported = await call('connections.import', { content: exported.content });
    expect((await listedAndViewed(imported.id)).listed).toEqual(rowOf(imported));
    const replaced = await call('connections.import', { content: exported.content.replace('client-1', 'client-9'), replace: true });
    const { listed, expected } = await listedAndViewed(replaced.id);
    expect(listed).toEqual(expected);
    expect(await call('connections.list', {})).toHaveLength(1);
  });

  it('reconcile clears the secret flag of a row whose keychain item is gone, in the list too', async () => {
    const created = await call('connections.create', oidcInput('Okta', { clientSecret: 's3cret' }));
    await secrets.delete(`connection:${created.id}:client-secret`);
    const outcome = await reconcileSecrets(createTestPorts({ store, clock, secrets }));
    expect(outcome.missingSecrets.map((m) => m.id)).toEqual([created.id]);
    const { listed, expected } = await listedAndViewed(created.id);
    expect(listed).toEqual(expected);
    expect(listed).toMatchObject({ hasClientSecret: false });
  });

  it('rows a store had before migration 6 (no list row) are filled when it opens', async () => {
    const a = await call('connections.create', oidcInput('Alpha', { clientSecret: 'x' }));
    const b = await call('connections.create', samlInput('Beta'));
    recordTestOutcome(store, a.id, { at: clock.now().toISOString(), outcome: 'passed', source: 'live' }, { runId: 'run-a', checksPassed: 3, checksWarned: 0 });
    const before = await call<Row[]>('connections.list', {});
    await engine.close();
    const raw = new Database(join(dir, 'workbench.sqlite'));
    raw.prepare('DELETE FROM connection_list').run();
    raw.close();
    open();
    expect(await call('connections.list', {})).toEqual(before);
    expect(before.map((row) => row.id)).toEqual([a.id, b.id]);
  });
});

describe('listing in SQL', () => {
  it('sorts ignoring case and accents, filters, and pages with a total', async () => {
    for (const name of ['zeta', 'Émile', 'beta', 'Alpha', 'delta', 'Charlie']) await call('connections.create', oidcInput(name));
    await call('connections.create', samlInput('echo SAML'));
    expect((await call<Row[]>('connections.list', {})).map((c) => c.name)).toEqual(['Alpha', 'beta', 'Charlie', 'delta', 'echo SAML', 'Émile', 'zeta']);
    const page = await call<{ connections: Row[]; total: number }>('connections.page', { limit: 3, offset: 3 });
    expect(page.total).toBe(7);
    expect(page.connections.map((c) => c.name)).toEqual(['delta', 'echo SAML', 'Émile']);
    // "L" is in no id (hex) or provider (okta): the names decide.
    const oidcOnly = await call<{ connections: Row[]; total: number }>('connections.page', { protocol: 'oidc', search: 'L', limit: 2 });
    expect(oidcOnly).toMatchObject({ total: 4 });
    expect(oidcOnly.connections.map((c) => c.name)).toEqual(['Alpha', 'Charlie']);
    const ids = (await call<Row[]>('connections.list', {})).slice(0, 2).map((c) => c.id);
    expect((await call<Row[]>('connections.list', { ids: [...ids, 'unknown-id'] })).map((c) => c.id)).toEqual(ids);
    expect(await engine.invoke('connections.page', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limit' } });
  });
});

describe('History pages', () => {
  const run = (runId: string, connectionId: string, at: string, outcome: 'passed' | 'failed') => ({
    runId,
    connectionId,
    connectionName: connectionId,
    protocol: 'oidc' as const,
    source: 'live' as const,
    outcome,
    at,
    failedChecks: outcome === 'failed' ? ['oidc.id_token.exp'] : [],
    cancelled: false,
    report: {} as never,
  });

  it('pages newest first by connection and outcome, counts on an index', async () => {
    for (let i = 0; i < 30; i++) store.testRuns.add(run(`r${i}`, i % 3 === 0 ? 'c-a' : 'c-b', new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), i % 5 === 0 ? 'failed' : 'passed'));
    const first = await call<{ runs: Array<{ runId: string }>; total: number }>('history.page', { limit: 4 });
    expect(first).toMatchObject({ total: 30 });
    expect(first.runs.map((r) => r.runId)).toEqual(['r29', 'r28', 'r27', 'r26']);
    const second = await call<{ runs: Array<{ runId: string }>; total: number }>('history.page', { limit: 4, offset: 4 });
    expect(second.runs.map((r) => r.runId)).toEqual(['r25', 'r24', 'r23', 'r22']);
    const failedOfA = await call<{ runs: Array<{ runId: string }>; total: number }>('history.page', { ref: 'c-a', outcome: 'failed', limit: 50 });
    expect(failedOfA).toEqual({ total: 2, runs: [expect.objectContaining({ runId: 'r15' }), expect.objectContaining({ runId: 'r0' })] });
    expect((await call<Array<{ runId: string }>>('history.list', { outcome: 'failed', limit: 2, offset: 1 })).map((r) => r.runId)).toEqual(['r20', 'r15']);

    const raw = new Database(join(dir, 'workbench.sqlite'), { readonly: true });
    const plan = (sql: string) => raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((row) => (row as { detail: string }).detail).join('; ');
    expect(plan("SELECT count(*) FROM test_runs WHERE connection_id = 'c-a' AND outcome = 'failed'")).toMatch(/USING COVERING INDEX test_runs_connection_outcome_at/);
    expect(plan("SELECT summary FROM test_runs WHERE outcome = 'failed' ORDER BY at DESC, rowid DESC LIMIT 50")).toMatch(/USING INDEX test_runs_outcome_at/);
    raw.close();
  });

  it('runs kept before migration 6 get their outcome column from the summary, so the outcome filter finds them', async () => {
    await engine.close();
    const older = mkdtempSync(join(tmpdir(), 'ssowb-list-old-'));
    const file = join(older, 'workbench.sqlite');
    const raw = new Database(file);
    applyMigrations(raw, file, migrations.slice(0, 5));
    const insert = raw.prepare('INSERT INTO test_runs (id, connection_id, at, summary, report) VALUES (?, ?, ?, ?, ?)');
    for (const [id, outcome] of [['old-1', 'passed'], ['old-2', 'failed']] as const) {
      const { report: _report, ...summary } = run(id, 'c-a', `2025-01-0${id.slice(-1)}T00:00:00.000Z`, outcome);
      insert.run(id, 'c-a', summary.at, JSON.stringify(summary), '{}');
    }
    raw.close();
    store = openSqliteStore(older);
    engine = createEngine(createTestPorts({ store }), { idpTools: createFakeIdpTools() });
    expect(await call('history.page', { outcome: 'failed' })).toEqual({ total: 1, runs: [expect.objectContaining({ runId: 'old-2' })] });
    rmSync(older, { recursive: true, force: true });
  });
});

describe('the integrity check at open (issue 14: it read every page before every CLI command)', () => {
  it('is skipped while the files are as they were at the last passed check, and runs again once they change', async () => {
    const { filesStateOf, verifiedBefore } = await import('../../main/adapters/sqlite-store/integrity-marker.js');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = join(dir, 'workbench.sqlite');
    await call('connections.create', oidcInput('Okta'));
    await engine.close();
    expect(verifiedBefore(file, filesStateOf(file))).toBe(false); // written since the check
    openSqliteStore(dir).close(); // checks, records
    expect(verifiedBefore(file, filesStateOf(file))).toBe(true);
    openSqliteStore(dir).close(); // a read-only session leaves the files as they were
    expect(verifiedBefore(file, filesStateOf(file))).toBe(true);
    // Damage that keeps the size: the modification time gives it away, the check runs and refuses the file.
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize * 2, pageSize * 4);
    writeFileSync(file, bytes);
    expect(() => openSqliteStore(dir)).toThrow(/integrity check \(PRAGMA quick_check\)/);
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'ssowb-list-'));
    open(); // afterEach closes an engine: give it a healthy one
  });
});
