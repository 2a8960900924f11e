import type { WatchedCertificate } from '../connections/warnings.js';
import type { AuditEntry, ConnectionProtocol, ConnectionWarning, LastPass, LastTest, Organization, PushRecord, PushSummary, Report, Role, StoredConnection, StoredTarget, TestRunSummary } from '../../contract/index.js';

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
 * What a list row of a connection needs, kept beside the document (in columns, written with it) so listing 10,000
 * connections reads no document (issue 14). `warnings` are the date-independent ones; `certificates` the ones whose
 * expiry warns, checked against the clock when listed.
 */
export interface ConnectionListRow {
  id: string;
  displayName: string;
  protocol: ConnectionProtocol;
  provider: string;
  active: boolean;
  updatedAt: string;
  /** OIDC: a client secret is in the keychain; SAML: a request-signing private key is. */
  hasSecret: boolean;
  /** SAML: the SP entity ID override (null: the loopback default, which depends on the test port). */
  spEntityId: string | null;
  productionCallbackUrl: string | null;
  lastTest: LastTest | null;
  validatedAt: string | null;
  lastPass: LastPass | null;
  warnings: readonly ConnectionWarning[];
  certificates: readonly WatchedCertificate[];
}

/** Which list rows: filters (search: name, id or provider, ignoring case), then a page in name order. */
export interface ConnectionListQuery {
  search?: string | undefined;
  protocol?: ConnectionProtocol | undefined;
  active?: boolean | undefined;
  /** Only these ids (e.g. the subjects of an audit page). */
  ids?: readonly string[] | undefined;
  /** Omitted: every matching row. */
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * Connections as validated documents (no secret values). A plain document store: id, a unique lower(displayName),
 * and the JSON of the document, plus the list row's columns. The engine validates before `put`; the repo keeps
 * names unique and the list columns in step with the document.
 */
export interface ConnectionRepo {
  /** Every full document (import/export, tests); listings use `listRows`. */
  list(): StoredConnection[];
  /**
   * List rows sorted by name (case- and accent-insensitive, then id), each turned into what the caller keeps by `map`;
   * `total` counts every match, ignoring the page. The row handed to `map` may be one object refilled for every row
   * (10,000 rows make no 10,000 throw-away objects): keep what `map` returns, never the row itself.
   */
  listRows<T>(query: ConnectionListQuery, map: (row: Readonly<ConnectionListRow>) => T): { rows: T[]; total: number };
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

/** Which History runs: newest first, optionally of one connection and/or one outcome, a page of them. */
export interface TestRunQuery {
  connectionId?: string | undefined;
  outcome?: 'passed' | 'failed' | undefined;
  limit: number;
  offset?: number | undefined;
}

/** Test-run history (newest first). Written only when the `keepHistory` setting is on. */
export interface TestRunRepo {
  add(run: StoredTestRun): void;
  list(options: TestRunQuery): TestRunSummary[];
  /** Like `list`, plus how many runs match in all (counted on an index, not by reading them). */
  page(options: TestRunQuery): { runs: TestRunSummary[]; total: number };
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
