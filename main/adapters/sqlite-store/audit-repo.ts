import type { AuditEntry } from '../../contract/index.js';
import type { AuditRepo } from '../../core/ports/store.js';
import { fromJsonColumn, toJsonColumn } from './json-column.js';
import type { SqliteDatabase } from './open-database.js';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

const columns = 'id, at, actor, action, subject, detail';

/** The append-only audit log; newest first by id (ids only grow: AUTOINCREMENT never reuses one). */
export function createAuditRepo(db: SqliteDatabase): AuditRepo {
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const newest = db.prepare<[number], AuditRow>(`SELECT ${columns} FROM audit_log ORDER BY id DESC LIMIT ?`);
  const olderThan = db.prepare<[number, number], AuditRow>(`SELECT ${columns} FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`);
  return {
    append(entry) {
      const detail = toJsonColumn(entry.detail, `Audit detail of ${entry.action}`);
      const { lastInsertRowid } = insert.run(entry.at, entry.actor, entry.action, entry.subject, detail);
      return { ...entry, id: Number(lastInsertRowid) };
    },
    list({ limit, before }) {
      // SQLite reads a negative LIMIT as "no limit"; refuse rather than return the whole log.
      if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`Audit list limit must be a whole number ≥ 0, got ${limit}.`);
      const rows = before === undefined ? newest.all(limit) : olderThan.all(before, limit);
      return rows.map(toEntry);
    },
  };
}

function toEntry(row: AuditRow): AuditEntry {
  const detail = fromJsonColumn(row.detail, `Audit entry ${row.id}`) as AuditEntry['detail'];
  return { id: row.id, at: row.at, actor: row.actor, action: row.action, subject: row.subject, detail };
}
