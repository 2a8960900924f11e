import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../main/adapters/keychain/index.js';
import { workerEnvironment } from '../../main/adapters/keychain/keytar-secret-store.js';
import { openSqliteStore } from '../../main/adapters/sqlite-store/index.js';

// Finding 7 of the security review: the keychain worker inherited the whole environment (including the variable named
// by --client-secret-env), and the database files were 0644 inside the 0700 data directory.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ssowb-local-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the keychain worker gets a minimal environment', () => {
  it('only what the OS keychain needs is passed on', () => {
    const env = workerEnvironment({ PATH: '/usr/bin', HOME: '/home/a', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x', OKTA_CLIENT_SECRET: 'canary-secret', AWS_SECRET_ACCESS_KEY: 'k', NODE_OPTIONS: '--require /tmp/evil.js' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/a', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' });
  });

  it('a worker started with the default environment does not see a secret this process has in its environment', async () => {
    // A stand-in worker that answers `get` with the environment it was given.
    const worker = join(dir, 'env-worker.mjs');
    writeFileSync(worker, "process.on('message', (m) => process.send({ id: m.id, ok: true, value: JSON.stringify(process.env) }));\n");
    process.env.SSOWB_TEST_CANARY_SECRET = 'canary-7f3a';
    try {
      const store = createKeytarSecretStore({ workerPath: worker, timeoutMs: 5000 });
      const seen = JSON.parse((await store.get('x')) ?? '{}') as Record<string, string>;
      await store.close();
      expect(JSON.stringify(seen)).not.toContain('canary-7f3a');
      expect(Object.keys(seen).filter((name) => !['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TMPDIR', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CURRENT_DESKTOP', 'DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY'].includes(name) && !name.startsWith('NODE_CHANNEL') && name !== 'NODE_UNIQUE_ID')).toEqual([]);
    } finally {
      delete process.env.SSOWB_TEST_CANARY_SECRET;
    }
  });
});

describe.skipIf(process.platform === 'win32')('database files are owner-only', () => {
  it('a new database and its WAL/SHM files are 0600', () => {
    const dataDir = join(dir, 'new');
    const store = openSqliteStore(dataDir);
    store.settings.set('theme', 'dark'); // a write, so the WAL exists
    const files = readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['workbench.sqlite', 'workbench.sqlite-wal', 'workbench.sqlite-shm']));
    for (const name of files) expect((statSync(join(dataDir, name)).mode & 0o777).toString(8), name).toBe('600');
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    store.close();
  });

  it('an existing 0644 database (older versions) is narrowed to 0600 when opened', () => {
    const dataDir = join(dir, 'old');
    openSqliteStore(dataDir).close();
    chmodSync(join(dataDir, 'workbench.sqlite'), 0o644);
    const store = openSqliteStore(dataDir);
    expect((statSync(join(dataDir, 'workbench.sqlite')).mode & 0o777).toString(8)).toBe('600');
    store.close();
  });
});

describe('the SQLite name index uses the name key (finding 1)', () => {
  const input = (displayName: string) => ({
    protocol: 'oidc',
    provider: 'okta',
    displayName,
    oidc: { clientId: 'c', authorizationEndpoint: 'https://idp.example.com/a', tokenEndpoint: 'https://idp.example.com/t', jwksUri: 'https://idp.example.com/k' },
  });

  it('a row keyed the old way (lower-case only) is re-keyed at open, so a width variant is a conflict across processes', async () => {
    const { createEngine } = await import('../../main/core/engine.js');
    const { createFakeIdpTools, createTestPorts } = await import('../support/fakes.js');
    const Database = (await import('better-sqlite3')).default;
    const dataDir = join(dir, 'names');
    const first = createEngine(createTestPorts({ store: openSqliteStore(dataDir) }), { idpTools: createFakeIdpTools() });
    expect((await first.invoke('connections.create', input('ＯＫＴＡ Prod'))).ok).toBe(true);
    await first.close();
    // What an older build stored: lower(trim(name)), where full-width letters stay full-width.
    const raw = new Database(join(dataDir, 'workbench.sqlite'));
    raw.prepare('UPDATE connections SET name_lower = ?').run('ｏｋｔａ prod');
    // An older build wrote no list rows (it knows no migration 6); the store fills them, and re-keys, when it opens.
    raw.prepare('DELETE FROM connection_list').run();
    raw.close();
    const store = openSqliteStore(dataDir);
    const second = createEngine(createTestPorts({ store }), { idpTools: createFakeIdpTools() });
    expect(await second.invoke('connections.create', input('okta prod'))).toMatchObject({ ok: false, error: { code: 'conflict', field: 'displayName' } });
    expect(() => store.connections.put({ ...store.connections.list()[0]!, id: 'other-id' })).toThrow(/already exists/);
    await second.close();
  });
});
