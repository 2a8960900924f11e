import type { ConnectionListQuery, ConnectionListRow } from '../../core/ports/store.js';
import { listRowOf, sortKeyOf } from '../../core/connections/list-row.js';
import type { StoredConnection } from '../../contract/index.js';
import type { SqliteDatabase } from './open-database.js';

/** Bump when `listRowOf` (or the keys below) change: rows of an older version are recomputed when the store opens. */
export const LIST_VERSION = 1;

/** Joins the parts of `search_text` and `packed`; names, ids, URLs and dates cannot contain it. */
const SEP = '\u001f';
const ACTIVE = 1;
const HAS_SECRET = 2;

type Profile = Pick<ConnectionListRow, 'protocol' | 'provider' | 'productionCallbackUrl' | 'warnings' | 'certificates'>;
const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
/** U+001E escapes U+001E and U+001F inside a value (an SP entity ID is free text), so splitting on U+001F is exact. */
const ESC = '\u001e';
const escaped = (value: string) => (value.includes(SEP) || value.includes(ESC) ? value.split(ESC).join(`${ESC}0`).split(SEP).join(`${ESC}1`) : value);
const unescaped = (value: string) => value.split(`${ESC}1`).join(SEP).split(`${ESC}0`).join(ESC);
const orNull = (value: string | undefined) => (value ? value : null);

/** The `packed` column: everything a row shows, in the order `fill` reads it. */
function packedOf(row: ConnectionListRow, profileId: number): string {
  const { lastTest: t, lastPass: p } = row;
  const flags = (row.active ? ACTIVE : 0) | (row.hasSecret ? HAS_SECRET : 0);
  const parts = [row.id, row.displayName, row.updatedAt, flags, profileId, t?.at, t?.outcome, t?.source, row.validatedAt, p?.runId, p?.at, p?.source, p?.checksPassed, p?.checksWarned, row.spEntityId].map((value) => escaped(text(value)));
  // Trailing empty fields are left out (a connection never tested splits into 5 parts, not 15).
  while (parts.length > 5 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(SEP);
}

/**
 * Refills `row` from a packed column and its profile, field by field: one object serves a whole listing (no
 * 10,000 throw-away rows for the garbage collector; the caller's `map` keeps what it needs).
 */
function fill(row: ConnectionListRow, parts: string[], profile: Profile): ConnectionListRow {
  const [id = '', displayName = '', updatedAt = '', flags, , at, outcome, source, validatedAt, runId, passAt, passSource, passed, warned, spEntityId] = parts;
  const bits = Number(flags);
  row.id = id;
  row.displayName = displayName;
  row.protocol = profile.protocol;
  row.provider = profile.provider;
  row.active = (bits & ACTIVE) !== 0;
  row.updatedAt = updatedAt;
  row.hasSecret = (bits & HAS_SECRET) !== 0;
  row.spEntityId = orNull(spEntityId);
  row.productionCallbackUrl = profile.productionCallbackUrl;
  row.lastTest = at ? { at, outcome: outcome as 'passed' | 'failed', source: source as 'live' | 'inspect' } : null;
  row.validatedAt = orNull(validatedAt);
  row.lastPass = runId ? { runId, at: text(passAt), source: passSource as 'live' | 'inspect', checksPassed: Number(passed), checksWarned: Number(warned) } : null;
  row.warnings = profile.warnings;
  row.certificates = profile.certificates;
  return row;
}

const scratchRow = (): ConnectionListRow => ({
  id: '',
  displayName: '',
  protocol: 'oidc',
  provider: '',
  active: false,
  updatedAt: '',
  hasSecret: false,
  spEntityId: null,
  productionCallbackUrl: null,
  lastTest: null,
  validatedAt: null,
  lastPass: null,
  warnings: [],
  certificates: [],
});

/**
 * The `connection_list` side table: one small row per connection with what its list row shows, written with the
 * document (`write`, inside the repo's put), read by `query` with one prepared statement per filter combination;
 * the parts many connections share are profiles, kept once and parsed once per process.
 */
export function createConnectionListTable(db: SqliteDatabase) {
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO connection_list (id, list_version, sort_key, search_text, protocol, active, packed, profile_id)
     VALUES (@id, ${LIST_VERSION}, @sortKey, @searchText, @protocol, @active, @packed, @profileId)`,
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
        rows: db.prepare(`SELECT packed FROM connection_list ${filter} ORDER BY sort_key, id LIMIT @limit OFFSET @offset`).pluck(),
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
      const profileId = profileIdOf.get(profile) as number;
      upsert.run({
        id: row.id,
        sortKey: sortKeyOf(row.displayName),
        searchText: [row.displayName, row.id, row.provider].map((v) => v.toLowerCase()).join(SEP),
        protocol: row.protocol,
        active: row.active ? 1 : 0,
        packed: packedOf(row, profileId),
        profileId,
      });
    },
    query<T>(query: ConnectionListQuery, map: (row: Readonly<ConnectionListRow>) => T): { rows: T[]; total: number } {
      const { rows, count } = statementsFor(query);
      const params = {
        ...(query.search ? { search: query.search.toLowerCase() } : {}),
        ...(query.protocol ? { protocol: query.protocol } : {}),
        ...(query.active !== undefined ? { active: query.active ? 1 : 0 } : {}),
        ...(query.ids ? { ids: JSON.stringify(query.ids) } : {}),
      };
      const packed = rows.all({ ...params, limit: query.limit ?? -1, offset: query.offset ?? 0 }) as string[];
      const row = scratchRow();
      const listed = packed.map((text): T => {
        const parts = text.split(SEP);
        if (text.includes(ESC)) parts.forEach((part, index) => (parts[index] = unescaped(part)));
        const profileId = Number(parts[4]);
        let profile = profiles.get(profileId);
        if (!profile) {
          loadProfiles();
          profile = profiles.get(profileId) as Profile;
        }
        return map(fill(row, parts, profile));
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
