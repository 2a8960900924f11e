import { nameKey } from '../../contract/schemas/name-text.js';
import type { SqliteDatabase } from './open-database.js';

/**
 * Rows written before the name key existed hold lower(trim(name)) in `name_lower`; bring them to `nameKey` (NFKC,
 * zero-width stripped, case-folded) so the unique index compares what the engine compares. A row whose new key would
 * clash keeps its old one (the engine's own check reads the same key and refuses the clash on the next save).
 */
export function rekeyNames(db: SqliteDatabase, table: string, nameOf: (document: string) => string): void {
  const rows = db.prepare<[], { id: string; name_lower: string; document: string }>(`SELECT id, name_lower, document FROM ${table}`).all();
  const stale = rows.map((row) => ({ id: row.id, old: row.name_lower, key: nameKey(nameOf(row.document)) })).filter((row) => row.key !== row.old);
  if (stale.length === 0) return;
  const update = db.prepare<[string, string]>(`UPDATE OR IGNORE ${table} SET name_lower = ? WHERE id = ?`);
  db.transaction(() => stale.forEach((row) => update.run(row.key, row.id)))();
}

/** The name of a `{ name }` document (organizations, roles, targets) as stored in a JSON column. */
export const documentName = (document: string): string => String((JSON.parse(document) as { name?: unknown }).name ?? '');
