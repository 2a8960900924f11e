import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFileName, migrations, openSqliteStore, StoreOpenError, type SqliteStore } from '../../main/adapters/sqlite-store/index.js';
import type { NewAuditEntry } from '../../main/core/ports/index.js';

let root: string;
let dataDir: string;
let file: string;
const opened: SqliteStore[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ssowb-store-'));
  dataDir = join(root, 'data');
  file = join(dataDir, databaseFileName);
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  rmSync(root, { recursive: true, force: true });
});

function open(): SqliteStore {
  const store = openSqliteStore(dataDir);
  opened.push(store);
  return store;
}

/** Edits the file behind the store's back, as another tool (or a damaged disk) would. */
function withRawDb<T>(work: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Opening must fail with StoreOpenError and leave every byte of the file (and no WAL side files) behind. */
function expectRefusedUntouched(): StoreOpenError {
  const before = readFileSync(file);
  let caught: unknown;
  try {
    open();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreOpenError);
  const error = caught as StoreOpenError;
  expect(error.file).toBe(file);
  expect(error.message).toContain(file);
  expect(error.message).toMatch(/restore a backup/);
  expect(error.message).toMatch(/move it away/);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(existsSync(`${file}-wal`)).toBe(false);
  return error;
}

const entry = (n: number): NewAuditEntry => ({
  at: `2026-11-23T10:00:0${n}.000Z`,
  actor: 'cli:ann',
  action: 'connections.update',
  subject: `conn-${n}`,
  detail: { n, fields: ['displayName'], nested: { ok: true } },
});

describe('openSqliteStore', () => {
  it('creates the data directory (owner only) and workbench.sqlite inside it', () => {
    const store = open();
    expect(store.file).toBe(file);
    expect(existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('runs with WAL, synchronous=FULL, foreign keys on and a 5 s busy timeout', () => {
    expect(open().pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeoutMs: 5000 });
  });

  it('round-trips settings as JSON values, the last write winning', () => {
    const store = open();
    store.settings.set('theme', 'dark');
    store.settings.set('httpTimeoutMs', 15000);
    store.settings.set('telemetry', false);
    store.settings.set('proxy', { url: 'http://proxy:3128', noProxy: ['localhost'] });
    store.settings.set('theme', 'light');
    expect(store.settings.getAll()).toEqual({
      theme: 'light',
      httpTimeoutMs: 15000,
      telemetry: false,
      proxy: { url: 'http://proxy:3128', noProxy: ['localhost'] },
    });
  });

  it('refuses a setting JSON cannot hold instead of storing something else', () => {
    const store = open();
    expect(() => store.settings.set('x', undefined)).toThrow(/Setting "x" cannot be stored/);
    expect(store.settings.getAll()).toEqual({});
  });

  it('lists the audit log newest first, with limit and `before` paging', () => {
    const store = open();
    const appended = [1, 2, 3, 4, 5].map((n) => store.audit.append(entry(n)));
    expect(appended.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(store.audit.list({ limit: 2 })).toEqual([appended[4], appended[3]]);
    expect(store.audit.list({ limit: 2, before: 4 }).map((e) => e.id)).toEqual([3, 2]);
    expect(store.audit.list({ limit: 10, before: 2 })).toEqual([{ ...entry(1), id: 1 }]);
    expect(store.audit.list({ limit: 10, before: 1 })).toEqual([]);
  });

  it('keeps settings and audit entries across close and reopen', () => {
    const first = open();
    first.settings.set('theme', 'dark');
    first.audit.append(entry(1));
    first.close();
    first.close(); // idempotent

    const second = open();
    expect(second.settings.getAll()).toEqual({ theme: 'dark' });
    expect(second.audit.list({ limit: 10 })).toEqual([{ ...entry(1), id: 1 }]);
  });

  it('commits a transaction that returns and leaves nothing of one that throws', () => {
    const store = open();
    expect(store.transaction(() => (store.settings.set('a', 1), 'done'))).toBe('done');
    expect(() =>
      store.transaction(() => {
        store.settings.set('b', 2);
        store.audit.append(entry(1));
        throw new Error('validation failed halfway');
      }),
    ).toThrow('validation failed halfway');
    expect(store.settings.getAll()).toEqual({ a: 1 });
    expect(store.audit.list({ limit: 10 })).toEqual([]);
  });
});

describe('migrations', () => {
  it('applies each migration once and records its name and SQL hash', () => {
    open().close();
    const recorded = () => withRawDb((db) => db.prepare('SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version').all());
    const first = recorded();
    expect(first).toEqual(
      migrations.map((m) => ({
        version: m.version,
        name: m.name,
        sha256: createHash('sha256').update(m.sql).digest('hex'),
        applied_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      })),
    );
    expect(withRawDb((db) => db.pragma('user_version', { simple: true }))).toBe(migrations.length);

    open().close();
    expect(recorded()).toEqual(first);
  });

  it('refuses a database whose applied migration differs from this build, and says so', () => {
    open().close();
    withRawDb((db) => db.prepare("UPDATE schema_migrations SET sha256 = 'deadbeef' WHERE version = 1").run());
    const error = expectRefusedUntouched();
    expect(error.message).toMatch(/migration 1 \(settings-and-audit-log\) with SQL hash deadbeef/);
    expect(error.message).toMatch(/must never change/);
  });

  it('refuses a database written by a newer SSO Workbench', () => {
    open().close();
    const newer = migrations.length + 1;
    withRawDb((db) => db.prepare("INSERT INTO schema_migrations VALUES (?, 'from-the-future', 'x', '2030-01-01T00:00:00Z')").run(newer));
    const error = expectRefusedUntouched();
    expect(error.message).toContain(`written by a newer SSO Workbench (schema version ${newer}; this version knows up to ${migrations.length})`);
  });

  it('refuses a newer database whose version shows only in the file header (user_version)', () => {
    open().close();
    withRawDb((db) => db.pragma(`user_version = ${migrations.length + 5}`));
    expect(expectRefusedUntouched().message).toMatch(/written by a newer SSO Workbench/);
  });
});

describe('a damaged database file', () => {
  beforeEach(() => {
    open().close();
  });

  it('refuses a text file in place of the database and leaves it untouched', () => {
    writeFileSync(file, 'these are my notes, not a database\n');
    expect(expectRefusedUntouched().message).toMatch(/quick_check\) answered "file is not a database"/);
  });

  it('refuses random bytes in place of the database and leaves them untouched', () => {
    writeFileSync(file, randomBytes(8192));
    expect(expectRefusedUntouched().message).toMatch(/answered "file is not a database"/);
  });

  it('refuses a database whose pages are damaged and leaves it untouched', () => {
    const store = open();
    store.transaction(() => {
      for (let n = 0; n < 200; n++) store.audit.append({ ...entry(1), detail: { padding: 'x'.repeat(500) } });
    });
    store.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize * 2, pageSize * 6); // scribble over b-tree pages, keep the header valid
    writeFileSync(file, bytes);
    expect(expectRefusedUntouched().message).toMatch(/integrity check \(PRAGMA quick_check\) answered "[^"]+"/);
  });
});
