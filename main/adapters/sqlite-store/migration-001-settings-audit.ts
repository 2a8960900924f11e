import type { Migration } from './migration.js';

/** Settings (key → JSON value) and the audit log. Applied migrations never change: add a new one instead. */
export const migration001SettingsAudit: Migration = {
  version: 1,
  name: 'settings-and-audit-log',
  sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL -- JSON
);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail  TEXT NOT NULL -- JSON
);

CREATE INDEX audit_log_at ON audit_log (at);
`,
};
