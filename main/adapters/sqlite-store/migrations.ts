import { migration001SettingsAudit } from './migration-001-settings-audit.js';
import { migration002Connections } from './migration-002-connections.js';
import { migration003TestRuns } from './migration-003-test-runs.js';
import { migration004Rbac } from './migration-004-rbac.js';
import { migration005Targets } from './migration-005-targets.js';
import { migration006ListColumns } from './migration-006-list-columns.js';
import { migrationHash, type Migration } from './migration.js';
import type { SqliteDatabase } from './open-database.js';
import { messageOf } from './open-database.js';
import { moveAwayAdvice, StoreOpenError } from './store-open-error.js';

/**
 * Every schema step, in order. To change the schema, add `migration-00N-<name>.ts` exporting a Migration with the
 * next version and append it here; never edit one that has shipped (open refuses a database whose applied SQL differs).
 */
export const migrations: readonly Migration[] = [migration001SettingsAudit, migration002Connections, migration003TestRuns, migration004Rbac, migration005Targets, migration006ListColumns];

interface AppliedRow {
  version: number;
  name: string;
  sha256: string;
}

/**
 * Brings the schema up to date in ONE immediate transaction, so a failure leaves the file as it was and two processes
 * opening at once do not both migrate. Refuses (StoreOpenError) a database written by a newer SSO Workbench, or one
 * whose applied migrations differ from this build's.
 */
export function applyMigrations(db: SqliteDatabase, file: string, list: readonly Migration[] = migrations): void {
  assertWellFormed(list);
  const latest = list.length;
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      sha256     TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const applied = db.prepare<[], AppliedRow>('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all();
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const newest = Math.max(userVersion, ...applied.map((row) => row.version));
    if (newest > latest) {
      throw new StoreOpenError(
        file,
        `${file} was written by a newer SSO Workbench (schema version ${newest}; this version knows up to ${latest}). ` +
          `Update SSO Workbench to open it. ${moveAwayAdvice(file)}`,
      );
    }
    for (const row of applied) {
      const known = list[row.version - 1];
      const expected = known ? migrationHash(known) : undefined;
      if (expected !== row.sha256) {
        throw new StoreOpenError(
          file,
          `${file} records migration ${row.version} (${row.name}) with SQL hash ${row.sha256}, but this build's ` +
            `migration ${row.version} ${known ? `(${known.name}) hashes to ${expected}` : 'does not exist'}: an applied migration ` +
            'must never change (developers: add a new migration instead of editing one). Open it with the SSO Workbench ' +
            `build that created it. ${moveAwayAdvice(file)}`,
        );
      }
    }
    const done = new Set(applied.map((row) => row.version));
    const record = db.prepare<[number, string, string, string]>(
      'INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)',
    );
    for (const migration of list) {
      if (done.has(migration.version)) continue;
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new StoreOpenError(
          file,
          `${file}: migration ${migration.version} (${migration.name}) failed: ${messageOf(error)}. Nothing was changed. ${moveAwayAdvice(file)}`,
          { cause: error },
        );
      }
      record.run(migration.version, migration.name, migrationHash(migration), new Date().toISOString());
    }
    // Mirrors the version for tools that only read the header (`sqlite3 workbench.sqlite 'PRAGMA user_version'`).
    if (userVersion !== latest) db.pragma(`user_version = ${latest}`);
  }).immediate();
}

/** A programming error in the list (gap, duplicate, out of order) must fail loudly at the first open, in every test. */
function assertWellFormed(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration list is malformed: position ${index + 1} holds version ${migration.version} (${migration.name}); versions must be 1, 2, 3 … in order.`);
    }
  });
}
