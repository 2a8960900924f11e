import type { OrganizationRepo, RoleRepo } from '../../core/ports/store.js';
import type { Organization, Role } from '../../contract/index.js';
import { nameKey } from '../../contract/schemas/name-text.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import { documentName, rekeyNames } from './name-keys.js';
import type { SqliteDatabase } from './open-database.js';

type Row = { document: string };
/** The uniqueness key of a name (name-rule.ts): NFKC, zero-width stripped, case-folded. Stored in name_lower. */
const lower = (name: string) => nameKey(name);

/** Organizations keyed by id and lower(name). */
export function createOrganizationRepo(db: SqliteDatabase): OrganizationRepo {
  rekeyNames(db, 'organizations', documentName);
  const selectAll = db.prepare<[], Row>('SELECT document FROM organizations ORDER BY name_lower');
  const selectById = db.prepare<[string], Row>('SELECT document FROM organizations WHERE id = ?');
  const selectByName = db.prepare<[string], Row>('SELECT document FROM organizations WHERE name_lower = ?');
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO organizations (id, name_lower, document) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name_lower = excluded.name_lower, document = excluded.document`,
  );
  const remove = db.prepare<[string]>('DELETE FROM organizations WHERE id = ?');
  const read = (row: Row | undefined) => (row ? (fromJsonColumn(row.document, 'Organization') as Organization) : undefined);
  return {
    list: () => selectAll.all().map((row) => read(row) as Organization),
    get: (id) => read(selectById.get(id)),
    findByName: (name) => read(selectByName.get(lower(name))),
    put(organization) {
      const clash = read(selectByName.get(lower(organization.name)));
      if (clash && clash.id !== organization.id) throw new Error(`An organization named "${clash.name}" already exists (names are unique, ignoring case).`);
      upsert.run(organization.id, lower(organization.name), toJsonColumn(organization, 'Organization'));
    },
    delete: (id) => remove.run(id).changes > 0,
  };
}

/** Roles keyed by id and lower(name), unique across the installation. */
export function createRoleRepo(db: SqliteDatabase): RoleRepo {
  rekeyNames(db, 'roles', documentName);
  const selectAll = db.prepare<[], Row>('SELECT document FROM roles ORDER BY name_lower');
  const selectById = db.prepare<[string], Row>('SELECT document FROM roles WHERE id = ?');
  const selectByName = db.prepare<[string], Row>('SELECT document FROM roles WHERE name_lower = ?');
  const upsert = db.prepare<[string, string, string | null, string]>(
    `INSERT INTO roles (id, name_lower, organization_id, document) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name_lower = excluded.name_lower, organization_id = excluded.organization_id, document = excluded.document`,
  );
  const remove = db.prepare<[string]>('DELETE FROM roles WHERE id = ?');
  const read = (row: Row | undefined) => (row ? (fromJsonColumn(row.document, 'Role') as Role) : undefined);
  return {
    list: () => selectAll.all().map((row) => read(row) as Role),
    get: (id) => read(selectById.get(id)),
    findByName: (name) => read(selectByName.get(lower(name))),
    put(role) {
      const clash = read(selectByName.get(lower(role.name)));
      if (clash && clash.id !== role.id) throw new Error(`A role named "${clash.name}" already exists (role names are unique across the installation, ignoring case).`);
      upsert.run(role.id, lower(role.name), role.organizationId, toJsonColumn(role, 'Role'));
    },
    delete: (id) => remove.run(id).changes > 0,
  };
}
