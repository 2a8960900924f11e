import type { AuditEntry, Organization, PushRecord, PushSummary, Report, Role, StoredConnection, StoredTarget, TestRunSummary } from '../../contract/index.js';

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

/** Organizations (id as the platform knows it, unique lower(name)). */
export interface OrganizationRepo {
  list(): Organization[];
  get(id: string): Organization | undefined;
  findByName(name: string): Organization | undefined;
  /** Insert or replace by id; throws if another organization already has the name (ignoring case). */
  put(organization: Organization): void;
  delete(id: string): boolean;
}

/**
 * Roles (global and organization-scoped) as validated documents. Names are unique across the installation ignoring
 * case (a UNIQUE index enforces it too); the engine validates every rule before `put`.
 */
export interface RoleRepo {
  list(): Role[];
  get(id: string): Role | undefined;
  findByName(name: string): Role | undefined;
  put(role: Role): void;
  delete(id: string): boolean;
}

/** Targets (platform servers roles are pushed to); unique lower(name). Never a token: that is in the keychain. */
export interface TargetRepo {
  list(): StoredTarget[];
  get(id: string): StoredTarget | undefined;
  findByName(name: string): StoredTarget | undefined;
  /** Insert or replace by id; throws if another target already has the name (ignoring case). */
  put(target: StoredTarget): void;
  delete(id: string): boolean;
}

/** Finished pushes with their plan and per-role results (newest first). */
export interface PushRepo {
  add(push: PushRecord): void;
  list(options: { limit: number }): PushSummary[];
  get(id: string): PushRecord | undefined;
}

/**
 * The loopback rehearsal engine's own "remote" state: the organizations and organization roles it serves as an
 * Arthur server would, kept apart from the workbench's roles so a push to it is a real push.
 */
export interface RehearsalRepos {
  readonly organizations: OrganizationRepo;
  readonly roles: RoleRepo;
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
  readonly organizations: OrganizationRepo;
  readonly roles: RoleRepo;
  readonly targets: TargetRepo;
  readonly pushes: PushRepo;
  readonly rehearsal: RehearsalRepos;
  transaction<T>(work: () => T): T;
  close(): void;
}
