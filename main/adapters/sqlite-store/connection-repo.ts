import type { ConnectionRepo } from '../../core/ports/store.js';
import type { StoredConnection } from '../../contract/index.js';
import { nameKey } from '../../contract/schemas/name-text.js';
import { createConnectionListTable, LIST_VERSION } from './connection-list-table.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import type { SqliteDatabase } from './open-database.js';

type Row = { document: string };

/**
 * Connections as a document table keyed by id and the display name's uniqueness key (`nameKey`: NFKC, zero-width
 * stripped, case-folded; the column keeps its first name, name_lower); the engine validates documents. Every write
 * also writes the connection's list row (`connection_list`), in the same transaction, so lists never read documents.
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
  const removeListRow = db.prepare<[string]>('DELETE FROM connection_list WHERE id = ?');
  const read = (row: Row | undefined) => (row ? (fromJsonColumn(row.document, 'Connection') as StoredConnection) : undefined);
  const listTable = createConnectionListTable(db);
  if (listTable.stale()) fillListRows(db, listTable.write);

  return {
    list: () => selectAll.all().map((row) => read(row) as StoredConnection),
    listRows: (query, map) => listTable.query(query, map),
    get: (id) => read(selectById.get(id)),
    findByName: (name) => read(selectByName.get(nameKey(name))),
    put(connection) {
      const nameLower = nameKey(connection.displayName);
      const clash = read(selectByName.get(nameLower));
      if (clash && clash.id !== connection.id) {
        throw new Error(`A connection named "${clash.displayName}" already exists (names are unique, ignoring case and invisible characters).`);
      }
      db.transaction(() => {
        upsert.run(connection.id, nameLower, connection.updatedAt, toJsonColumn(connection, 'Connection'));
        listTable.write(connection);
      })();
    },
    delete: (id) =>
      db.transaction(() => {
        removeListRow.run(id);
        return remove.run(id).changes > 0;
      })(),
  };
}

/**
 * Writes the list row of every connection that has none or an outdated one (a store from before migration 6, or
 * older code), in one transaction. Rows written before the name key existed also get their `name_lower` brought to
 * `nameKey`, unless that would clash (the engine's own check reads the same key and refuses the clash on the next save).
 */
function fillListRows(db: SqliteDatabase, write: (connection: StoredConnection) => void): void {
  const rows = db
    .prepare<[], { id: string; name_lower: string; document: string }>(
      `SELECT c.id, c.name_lower, c.document FROM connections c LEFT JOIN connection_list l ON l.id = c.id
       WHERE l.id IS NULL OR l.list_version <> ${LIST_VERSION}`,
    )
    .all();
  const rekey = db.prepare<[string, string]>('UPDATE OR IGNORE connections SET name_lower = ? WHERE id = ?');
  db.transaction(() => {
    for (const row of rows) {
      const connection = fromJsonColumn(row.document, `Connection ${row.id}`) as StoredConnection;
      const key = nameKey(connection.displayName);
      if (key !== row.name_lower) rekey.run(key, row.id);
      write(connection);
    }
  }).immediate();
}
