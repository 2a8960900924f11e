import type { Organization, PushRecord, PushSummary, Role, StoredTarget } from '../../contract/index.js';
import type { OrganizationRepo, PushRepo, RehearsalRepos, RoleRepo, TargetRepo } from '../../core/ports/store.js';
import { nameKey } from '../../contract/schemas/name-text.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import { documentName, rekeyNames } from './name-keys.js';
import type { SqliteDatabase } from './open-database.js';

type Row = { document: string };
/**
 * Targets use the app's uniqueness key (name-rule.ts: NFKC, zero-width stripped, case-folded); the rehearsal engine's
 * tables keep plain lower-casing, because they emulate the platform's own rule, not ours.
 */
const platformLower = (name: string) => name.trim().toLowerCase();

/** A document table keyed by id with a unique lower(name): targets and the rehearsal engine's organizations. */
function namedTable<T extends { id: string; name: string }>(db: SqliteDatabase, table: string, what: string, lower: (name: string) => string = nameKey) {
  if (lower === nameKey) rekeyNames(db, table, documentName);
  const selectAll = db.prepare<[], Row>(`SELECT document FROM ${table} ORDER BY name_lower`);
  const selectById = db.prepare<[string], Row>(`SELECT document FROM ${table} WHERE id = ?`);
  const selectByName = db.prepare<[string], Row>(`SELECT document FROM ${table} WHERE name_lower = ?`);
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO ${table} (id, name_lower, document) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name_lower = excluded.name_lower, document = excluded.document`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`);
  const read = (row: Row | undefined) => (row ? (fromJsonColumn(row.document, what) as T) : undefined);
  return {
    list: () => selectAll.all().map((row) => read(row) as T),
    get: (id: string) => read(selectById.get(id)),
    findByName: (name: string) => read(selectByName.get(lower(name))),
    put(item: T) {
      const clash = read(selectByName.get(lower(item.name)));
      if (clash && clash.id !== item.id) throw new Error(`A ${what.toLowerCase()} named "${clash.name}" already exists (names are unique, ignoring case).`);
      upsert.run(item.id, lower(item.name), toJsonColumn(item, what));
    },
    delete: (id: string) => remove.run(id).changes > 0,
  };
}

export function createTargetRepo(db: SqliteDatabase): TargetRepo {
  return namedTable<StoredTarget>(db, 'targets', 'Target');
}

/** Push history, newest first (by time, then insertion order). */
export function createPushRepo(db: SqliteDatabase): PushRepo {
  const insert = db.prepare<[string, string, string, string, string]>('INSERT INTO pushes (id, target_id, at, summary, record) VALUES (?, ?, ?, ?, ?)');
  const newest = db.prepare<[number], { summary: string }>('SELECT summary FROM pushes ORDER BY at DESC, rowid DESC LIMIT ?');
  const byId = db.prepare<[string], { record: string }>('SELECT record FROM pushes WHERE id = ?');
  return {
    add(push) {
      const { plan: _plan, results: _results, ...summary } = push;
      insert.run(push.id, push.targetId, push.at, toJsonColumn(summary, `Push ${push.id}`), toJsonColumn(push, `Push ${push.id}`));
    },
    list({ limit }) {
      if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`Push list limit must be a whole number ≥ 0, got ${limit}.`);
      return newest.all(limit).map((row) => fromJsonColumn(row.summary, 'Push summary') as PushSummary);
    },
    get(id) {
      const row = byId.get(id);
      return row ? (fromJsonColumn(row.record, `Push ${id}`) as PushRecord) : undefined;
    },
  };
}

/** The rehearsal engine's organizations and roles (role names unique across its installation, like Arthur's). */
export function createRehearsalRepos(db: SqliteDatabase): RehearsalRepos {
  const organizations: OrganizationRepo = namedTable<Organization>(db, 'rehearsal_organizations', 'Rehearsal organization', platformLower);
  const base = namedTable<Role>(db, 'rehearsal_roles', 'Rehearsal role', platformLower);
  const upsert = db.prepare<[string, string, string | null, string]>(
    `INSERT INTO rehearsal_roles (id, name_lower, organization_id, document) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name_lower = excluded.name_lower, organization_id = excluded.organization_id, document = excluded.document`,
  );
  const roles: RoleRepo = {
    ...base,
    put(role) {
      const clash = base.findByName(role.name);
      if (clash && clash.id !== role.id) throw new Error(`A role named "${clash.name}" already exists on the rehearsal engine.`);
      upsert.run(role.id, platformLower(role.name), role.organizationId, toJsonColumn(role, 'Rehearsal role'));
    },
  };
  return { organizations, roles };
}
