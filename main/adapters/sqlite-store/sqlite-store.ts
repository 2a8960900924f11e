import type { Store } from '../../core/ports/store.js';
import { createAuditRepo } from './audit-repo.js';
import { applyMigrations } from './migrations.js';
import { openDatabase } from './open-database.js';
import { createConnectionRepo } from './connection-repo.js';
import { createSettingsRepo } from './settings-repo.js';
import { createTestRunRepo } from './test-run-repo.js';
import { createOrganizationRepo, createRoleRepo } from './rbac-repos.js';
import { createPushRepo, createRehearsalRepos, createTargetRepo } from './target-repos.js';

/** The connection settings in force, as SQLite reports them (for diagnostics and tests). */
export interface StorePragmas {
  journalMode: string;
  /** 2 = FULL. */
  synchronous: number;
  foreignKeys: number;
  busyTimeoutMs: number;
}

/** The Store port backed by one SQLite file, plus where that file is. */
export interface SqliteStore extends Store {
  /** Absolute path of workbench.sqlite, to show the user (about box, error messages, backups). */
  readonly file: string;
  pragmas(): StorePragmas;
}

/**
 * Opens `<dataDir>/workbench.sqlite` (creating the directory with mode 0o700 and the file if missing), checks it and
 * brings its schema up to date. Throws StoreOpenError when the file is damaged, not a database, written by a newer
 * SSO Workbench or migrated differently; the file is then left untouched.
 */
export function openSqliteStore(dataDir: string): SqliteStore {
  const { db, file } = openDatabase(dataDir);
  try {
    applyMigrations(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  const settings = createSettingsRepo(db);
  const audit = createAuditRepo(db);
  const connections = createConnectionRepo(db);
  const testRuns = createTestRunRepo(db);
  const organizations = createOrganizationRepo(db);
  const roles = createRoleRepo(db);
  return {
    file,
    settings,
    audit,
    connections,
    testRuns,
    organizations,
    roles,
    targets: createTargetRepo(db),
    pushes: createPushRepo(db),
    rehearsal: createRehearsalRepos(db),
    // better-sqlite3 commits when `work` returns and rolls back when it throws; nested calls become savepoints.
    transaction: <T>(work: () => T): T => db.transaction(work)(),
    close: () => {
      if (db.open) db.close();
    },
    pragmas: () => ({
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
      synchronous: db.pragma('synchronous', { simple: true }) as number,
      foreignKeys: db.pragma('foreign_keys', { simple: true }) as number,
      busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
    }),
  };
}
