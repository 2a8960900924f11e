import type { AuditEntry } from '../../contract/index.js';

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
 * The local store (SQLite in the app). Named operations grouped by repository; callers never pass SQL.
 * Calls are synchronous; `transaction` makes several of them atomic.
 */
export interface Store {
  readonly settings: SettingsRepo;
  readonly audit: AuditRepo;
  transaction<T>(work: () => T): T;
  close(): void;
}
