import type { SettingsRepo } from '../../core/ports/store.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import type { SqliteDatabase } from './open-database.js';

/** Settings as a key → JSON value table; the engine owns defaults and validation. */
export function createSettingsRepo(db: SqliteDatabase): SettingsRepo {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    getAll() {
      const result: Record<string, unknown> = {};
      for (const row of selectAll.all()) result[row.key] = fromJsonColumn(row.value, `Setting "${row.key}"`);
      return result;
    },
    set(key, value) {
      upsert.run(key, toJsonColumn(value, `Setting "${key}"`));
    },
  };
}
