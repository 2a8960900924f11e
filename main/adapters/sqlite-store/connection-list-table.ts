import type { ConnectionListQuery, ConnectionListRow } from '../../core/ports/store.js';
import { listRowOf, sortKeyOf } from '../../core/connections/list-row.js';
import type { StoredConnection } from '../../contract/index.js';
import type { SqliteDatabase } from './open-database.js';

/** Bump when `listRowOf` (or the keys below) change: rows of an older version are recomputed when the store opens. */
export const LIST_VERSION = 1;

/** Joins the parts of `search_text` and `state`; names, ids, URLs and dates cannot contain it. */
const SEP = '\u001f';
const ACTIVE = 1;
const HAS_SECRET = 2;

type Profile = Pick<ConnectionListRow, 'protocol' | 'provider' | 'productionCallbackUrl' | 'warnings' | 'certificates'>;
type RawRow = [id: string, displayName: string, updatedAt: string, flags: number, profileId: number, state: string | null];

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
const orNull = (value: string | undefined) => (value ? value : null);

/** The last test, validation, last pass and SP entity ID override as one column (NULL when none is set). */
function stateOf(row: ConnectionListRow): string | null {
  const { lastTest: t, lastPass: p } = row;
  if (!t && !row.validatedAt && !p && row.spEntityId === null) return null;
  return [t?.at, t?.outcome, t?.source, row.validatedAt, p?.runId, p?.at, p?.source, p?.checksPassed, p?.checksWarned, row.spEntityId].map(text).join(SEP);
}

const noState = { lastTest: null, validatedAt: null, lastPass: null, spEntityId: null } as const;

/** A list row from its columns; written out field by field (no spreads: this runs 10,000 times a listing). */
function rowOf(id: string, displayName: string, updatedAt: string, flags: number, profile: Profile, state: string | null): ConnectionListRow {
  const [at, outcome, source, validatedAt, runId, passAt, passSource, passed, warned, spEntityId] = state === null ? [] : state.split(SEP);
  const s = state === null ? noState : null;
  return {
    id,
    displayName,
    protocol: profile.protocol,
    provider: profile.provider,
    active: (flags & ACTIVE) !== 0,
    updatedAt,
    hasSecret: (flags & HAS_SECRET) !== 0,
    spEntityId: s ? null : orNull(spEntityId),
    productionCallbackUrl: profile.productionCallbackUrl,
    lastTest: at ? { at, outcome: outcome as 'passed' | 'failed', source: source as 'live' | 'inspect' } : null,
    validatedAt: s ? null : orNull(validatedAt),
    lastPass: runId ? { runId, at: text(passAt), source: passSource as 'live' | 'inspect', checksPassed: Number(passed), checksWarned: Number(warned) } : null,
    warnings: profile.warnings,
    certificates: profile.certificates,
  };
}

/**
 * The `connection_list` side table: one small row per connection with what its list row shows, written with the
 * document (`write`, inside the repo's put), read by `query` with one prepared statement per filter combination;
 * the parts many connections share are profiles, kept once and parsed once per process.
 */
export function createConnectionListTable(db: SqliteDatabase) {
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO connection_list (id, list_version, sort_key, search_text, protocol, active, display_name, updated_at, flags, profile_id, state)
     VALUES (@id, ${LIST_VERSION}, @sortKey, @searchText, @protocol, @active, @displayName, @updatedAt, @flags, @profileId, @state)`,
  );
  const addProfile = db.prepare<[string]>('INSERT OR IGNORE INTO connection_list_profile (profile) VALUES (?)');
  const profileIdOf = db.prepare<[string], number>('SELECT id FROM connection_list_profile WHERE profile = ?').pluck();
  const profilesAfter = db.prepare<[number], [number, string]>('SELECT id, profile FROM connection_list_profile WHERE id > ?').raw(true);
  // Profiles never change once written (a new one is added instead), so parsed ones are kept for the process.
  const profiles = new Map<number, Profile>();
  let newestProfile = 0;
  const loadProfiles = () => {
    for (const [id, json] of profilesAfter.all(newestProfile)) {
      profiles.set(id, JSON.parse(json) as Profile);
      newestProfile = Math.max(newestProfile, id);
    }
  };

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
        rows: db.prepare(`SELECT id, display_name, updated_at, flags, profile_id, state FROM connection_list ${filter} ORDER BY sort_key, id LIMIT @limit OFFSET @offset`).raw(true),
        count: db.prepare(`SELECT count(*) FROM connection_list ${filter}`).pluck(),
      };
      statements.set(key, found);
    }
    return found;
  };

  return {
    write(connection: StoredConnection): void {
      const row = listRowOf(connection);
      const profile = JSON.stringify({ protocol: row.protocol, provider: row.provider, productionCallbackUrl: row.productionCallbackUrl, warnings: row.warnings, certificates: row.certificates } satisfies Profile);
      addProfile.run(profile);
      upsert.run({
        id: row.id,
        sortKey: sortKeyOf(row.displayName),
        searchText: [row.displayName, row.id, row.provider].map((v) => v.toLowerCase()).join(SEP),
        protocol: row.protocol,
        active: row.active ? 1 : 0,
        displayName: row.displayName,
        updatedAt: row.updatedAt,
        flags: (row.active ? ACTIVE : 0) | (row.hasSecret ? HAS_SECRET : 0),
        profileId: profileIdOf.get(profile) as number,
        state: stateOf(row),
      });
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
      const listed = raw.map(([id, displayName, updatedAt, flags, profileId, state]): ConnectionListRow => {
        let profile = profiles.get(profileId);
        if (!profile) {
          loadProfiles();
          profile = profiles.get(profileId) as Profile;
        }
        return rowOf(id, displayName, updatedAt, flags, profile, state);
      });
      const paged = query.limit !== undefined || (query.offset ?? 0) > 0;
      return { rows: listed, total: paged ? (count.get(params) as number) : listed.length };
    },
    /** True when a connection has no list row, or one of an older version (written before migration 6 or by older code). */
    stale(): boolean {
      const documents = db.prepare('SELECT count(*) FROM connections').pluck().get() as number;
      const current = db.prepare('SELECT count(*) FROM connection_list WHERE list_version = ?').pluck().get(LIST_VERSION) as number;
      return documents !== current;
    },
  };
}
