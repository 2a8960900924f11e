import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { filesStateOf, recordVerified, verifiedBefore } from './integrity-marker.js';
import { moveAwayAdvice, StoreOpenError } from './store-open-error.js';

export type SqliteDatabase = Database.Database;

/** The database file's name inside the data directory. */
export const databaseFileName = 'workbench.sqlite';

/** How long a write waits for another process (the app and the CLI share the file) before failing with SQLITE_BUSY. */
export const busyTimeoutMs = 5000;

/**
 * Opens (or creates) `<dataDir>/workbench.sqlite` and sets the connection up: WAL (readers never block the writer),
 * synchronous=FULL (a committed change survives a power cut), foreign keys on, and a busy timeout.
 * The integrity check runs before anything is written, so a damaged or foreign file is refused without being touched
 * (unless the files are exactly as they were when it last passed: see integrity-marker.ts).
 */
export function openDatabase(dataDir: string): { db: SqliteDatabase; file: string } {
  try {
    // 0o700: the directory holds the audit log and connection settings of this OS user only.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StoreOpenError(dataDir, `Cannot create the data directory ${dataDir}: ${messageOf(error)}. Choose another one with --data-dir or SSOWB_DATA_DIR.`, {
      cause: error,
    });
  }
  const file = join(dataDir, databaseFileName);
  let db: SqliteDatabase;
  let before: string;
  try {
    ownerOnly(file);
    before = filesStateOf(file);
    db = new Database(file);
  } catch (error) {
    throw new StoreOpenError(file, `Cannot open the database ${file}: ${messageOf(error)}. Check that the file and its directory are readable and writable by you.`, {
      cause: error,
    });
  }
  try {
    // Read-only pragmas first: nothing may be written before quick_check has passed.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Skipped only when the files are exactly as they were at the last passed check (integrity-marker.ts).
    if (!verifiedBefore(file, before)) {
      checkIntegrity(db, file);
      recordVerified(file, before);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return { db, file };
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(file, `Cannot open the database ${file}: ${messageOf(error)}. ${moveAwayAdvice(file)}`, { cause: error });
  }
}

/**
 * The database (audit log, connection settings, History) is readable by this OS user only: created 0600 before SQLite
 * opens it (SQLite then gives its -wal and -shm files the same mode), and an older file created 0644 is narrowed.
 */
function ownerOnly(file: string): void {
  if (process.platform === 'win32') return; // NTFS ACLs of the user profile apply; POSIX modes do not
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-verified`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

function checkIntegrity(db: SqliteDatabase, file: string): void {
  let answer: string;
  let cause: unknown;
  try {
    const rows = db.prepare<[], string>('PRAGMA quick_check').pluck().all();
    if (rows.length === 1 && rows[0] === 'ok') return;
    const shown = rows.slice(0, 3).join('; ');
    answer = rows.length > 3 ? `${shown}; … and ${rows.length - 3} more problems` : shown;
  } catch (error) {
    // SQLITE_NOTADB ("file is not a database") and SQLITE_CORRUPT surface here rather than as rows.
    answer = messageOf(error);
    cause = error;
  }
  throw new StoreOpenError(
    file,
    `${file} is not a usable SSO Workbench database: its integrity check (PRAGMA quick_check) answered "${answer}". ${moveAwayAdvice(file)}`,
    { cause },
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
