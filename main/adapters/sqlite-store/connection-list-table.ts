import type { ConnectionListQuery, ConnectionListRow } from '../../core/ports/store.js';
import { listRowOf, sortKeyOf } from '../../core/connections/list-row.js';
import type { StoredConnection } from '../../contract/index.js';
import type { SqliteDatabase } from './open-database.js';

/** Bump when `listRowOf` (or the keys below) change: rows of an older version are recomputed when the store opens. */
export const LIST_VERSION = 1;

const SEPARATOR = '\u001f';
const searchTextOf = (row: ConnectionListRow) => [row.displayName, row.id, row.provider].map((v) => v.toLowerCase()).join(SEPARATOR);

const columns = [
  'id', 'display_name', 'protocol', 'provider', 'active', 'updated_at', 'has_secret', 'sp_entity_id', 'production_callback_url',
  'last_test_at', 'last_test_outcome', 'last_test_source', 'validated_at', 'last_pass_run_id', 'last_pass_at', 'last_pass_source',
  'last_pass_checks_passed', 'last_pass_checks_warned', 'warnings', 'certificates',
] as const;
type RawRow = [
  string, string, ConnectionListRow['protocol'], string, number, string, number, string | null, string | null,
  string | null, 'passed' | 'failed' | null, 'live' | 'inspect' | null, string | null, string | null, string | null, 'live' | 'inspect' | null,
  number | null, number | null, string, string,
];

const EMPTY = '[]';
/** Rows share warnings texts (same settings, same advice): each distinct text is parsed once per listing. */
function jsonCache<T>(): (text: string) => readonly T[] {
  const none: readonly T[] = [];
  const seen = new Map<string, readonly T[]>();
  return (text) => {
    if (text === EMPTY) return none;
    let value = seen.get(text);
    if (value === undefined) seen.set(text, (value = JSON.parse(text) as T[]));
    return value;
  };
}

/**
 * The `connection_list` side table: one row per connection with what its list row shows, written with the document
 * (`write` inside the repo's put), read by `query` with one prepared statement per filter combination.
 */
export function createConnectionListTable(db: SqliteDatabase) {
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO connection_list (list_version, sort_key, search_text, ${columns.join(', ')})
     VALUES (${['?', '?', '?', ...columns.map(() => '?')].join(', ')})`,
  );
  const statements = new Map<string, { rows: ReturnType<SqliteDatabase['prepare']>; count: ReturnType<SqliteDatabase['prepare']> }>();
  const statementsFor = (query: ConnectionListQuery) => {
    const where = [
      query.search ? 'instr(search_text, @search) > 0' : null,
      query.protocol ? 'protocol = @protocol' : null,
      query.active !== undefined ? 'active = @active' : null,
      query.ids ? 'id IN (SELECT value FROM json_each(@ids))' : null,
    ].filter((clause) => clause !== null);
    const key = where.join(' AND ');
    let found = statements.get(key);
    if (!found) {
      const filter = where.length > 0 ? `WHERE ${key}` : '';
      found = {
        rows: db.prepare(`SELECT ${columns.join(', ')} FROM connection_list ${filter} ORDER BY sort_key, id LIMIT @limit OFFSET @offset`).raw(true),
        count: db.prepare(`SELECT count(*) FROM connection_list ${filter}`).pluck(),
      };
      statements.set(key, found);
    }
    return found;
  };

  return {
    write(connection: StoredConnection): void {
      const row = listRowOf(connection);
      upsert.run(
        LIST_VERSION, sortKeyOf(row.displayName), searchTextOf(row), row.id, row.displayName, row.protocol, row.provider, row.active ? 1 : 0,
        row.updatedAt, row.hasSecret ? 1 : 0, row.spEntityId, row.productionCallbackUrl, row.lastTest?.at ?? null,
        row.lastTest?.outcome ?? null, row.lastTest?.source ?? null, row.validatedAt, row.lastPass?.runId ?? null, row.lastPass?.at ?? null,
        row.lastPass?.source ?? null, row.lastPass?.checksPassed ?? null, row.lastPass?.checksWarned ?? null,
        JSON.stringify(row.warnings), JSON.stringify(row.certificates),
      );
    },
    query(query: ConnectionListQuery): { rows: ConnectionListRow[]; total: number } {
      const { rows, count } = statementsFor(query);
      const params = {
        ...(query.search ? { search: query.search.toLowerCase() } : {}),
        ...(query.protocol ? { protocol: query.protocol } : {}),
        ...(query.active !== undefined ? { active: query.active ? 1 : 0 } : {}),
        ...(query.ids ? { ids: JSON.stringify(query.ids) } : {}),
      };
      const raw = rows.all({ ...params, limit: query.limit ?? -1, offset: query.offset ?? 0 }) as RawRow[];
      const warnings = jsonCache<ConnectionListRow['warnings'][number]>();
      const certificates = jsonCache<ConnectionListRow['certificates'][number]>();
      const listed = raw.map((r): ConnectionListRow => ({
        id: r[0],
        displayName: r[1],
        protocol: r[2],
        provider: r[3],
        active: r[4] === 1,
        updatedAt: r[5],
        hasSecret: r[6] === 1,
        spEntityId: r[7],
        productionCallbackUrl: r[8],
        lastTest: r[9] === null ? null : { at: r[9], outcome: r[10] as 'passed' | 'failed', source: r[11] as 'live' | 'inspect' },
        validatedAt: r[12],
        lastPass: r[13] === null ? null : { runId: r[13], at: r[14] as string, source: r[15] as 'live' | 'inspect', checksPassed: r[16] ?? 0, checksWarned: r[17] ?? 0 },
        warnings: warnings(r[18]),
        certificates: certificates(r[19]),
      }));
      const paged = query.limit !== undefined || (query.offset ?? 0) > 0;
      return { rows: listed, total: paged ? (count.get(params) as number) : listed.length };
    },
    /** Connections with no list row, or one of an older version (written before migration 6 or by older code). */
    stale(): boolean {
      const documents = db.prepare('SELECT count(*) FROM connections').pluck().get() as number;
      const current = db.prepare('SELECT count(*) FROM connection_list WHERE list_version = ?').pluck().get(LIST_VERSION) as number;
      return documents !== current;
    },
  };
}
