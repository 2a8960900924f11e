import type { ConnectionRepo } from '../../core/ports/store.js';
import type { StoredConnection } from '../../contract/index.js';
import { nameKey } from '../../contract/schemas/name-text.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import { rekeyNames } from './name-keys.js';
import type { SqliteDatabase } from './open-database.js';

type Row = { document: string };

/**
 * Connections as a document table keyed by id and the display name's uniqueness key (`nameKey`: NFKC, zero-width
 * stripped, case-folded; the column keeps its first name, name_lower); the engine validates documents.
 */
export function createConnectionRepo(db: SqliteDatabase): ConnectionRepo {
  const selectAll = db.prepare<[], Row>('SELECT document FROM connections ORDER BY name_lower');
  const selectById = db.prepare<[string], Row>('SELECT document FROM connections WHERE id = ?');
  const selectByName = db.prepare<[string], Row>('SELECT document FROM connections WHERE name_lower = ?');
  const upsert = db.prepare<[string, string, string, string]>(
    `INSERT INTO connections (id, name_lower, updated_at, document) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name_lower = excluded.name_lower, updated_at = excluded.updated_at, document = excluded.document`,
  );
  const remove = db.prepare<[string]>('DELETE FROM connections WHERE id = ?');
  const read = (row: Row | undefined) => (row ? (fromJsonColumn(row.document, 'Connection') as StoredConnection) : undefined);
  rekeyNames(db, 'connections', (document) => (fromJsonColumn(document, 'Connection') as StoredConnection).displayName);

  return {
    list: () => selectAll.all().map((row) => read(row) as StoredConnection),
    get: (id) => read(selectById.get(id)),
    findByName: (name) => read(selectByName.get(nameKey(name))),
    put(connection) {
      const nameLower = nameKey(connection.displayName);
      const clash = read(selectByName.get(nameLower));
      if (clash && clash.id !== connection.id) {
        throw new Error(`A connection named "${clash.displayName}" already exists (names are unique, ignoring case and invisible characters).`);
      }
      upsert.run(connection.id, nameLower, connection.updatedAt, toJsonColumn(connection, 'Connection'));
    },
    delete: (id) => remove.run(id).changes > 0,
  };
}

