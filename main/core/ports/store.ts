import type { AuditEntry, Report, StoredConnection, TestRunSummary } from '../../contract/index.js';

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** Settings as stored: a key → JSON value map. The engine applies defaults and validation. */
export interface SettingsRepo {
  getAll(): Record<string, unknown>;
  set(key: string, value: unknown): void;
}

export interface AuditRepo {
  append(entry: NewAuditEntry): AuditEntry;
  /** Newest first; `before` is an id for paging. */
  list(options: { limit: number; before?: number | undefined }): AuditEntry[];
}

/**
 * Connections as validated documents (no secret values). A plain document store: id, a unique lower(displayName),
 * and the JSON of the document. The engine validates before `put`; the repo only keeps names unique.
 */
export interface ConnectionRepo {
  list(): StoredConnection[];
  get(id: string): StoredConnection | undefined;
  /** Case-insensitive match on displayName. */
  findByName(name: string): StoredConnection | undefined;
  /** Insert or replace by id; throws if another connection already has the name (ignoring case). */
  put(connection: StoredConnection): void;
  delete(id: string): boolean;
}

/**
 * One finished test run or inspect as History keeps it: the report (checks, decoded claims, mapped user) and a few
 * columns to list by. Never a raw token, code or secret: the engine strips those before `add`.
 */
export interface StoredTestRun extends TestRunSummary {
  report: Report;
}

/** Test-run history (newest first). Written only when the `keepHistory` setting is on. */
export interface TestRunRepo {
  add(run: StoredTestRun): void;
  list(options: { connectionId?: string | undefined; limit: number }): TestRunSummary[];
  get(id: string): StoredTestRun | undefined;
}

/**
 * The local store (SQLite in the app). Named operations grouped by repository; callers never pass SQL.
 * Calls are synchronous; `transaction` makes several of them atomic.
 */
export interface Store {
  readonly settings: SettingsRepo;
  readonly audit: AuditRepo;
  readonly connections: ConnectionRepo;
  readonly testRuns: TestRunRepo;
  transaction<T>(work: () => T): T;
  close(): void;
}
