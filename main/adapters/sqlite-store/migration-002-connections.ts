import type { Migration } from './migration.js';

/**
 * Connections as validated JSON documents (no secrets: those live in the OS keychain). The unique index on the
 * lower-cased name makes "display name is unique, case-insensitive" hold even between two processes.
 */
export const migration002Connections: Migration = {
  version: 2,
  name: 'connections',
  sql: `
CREATE TABLE connections (
  id         TEXT PRIMARY KEY,
  name_lower TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  document   TEXT NOT NULL -- JSON, validated by the engine
);

CREATE UNIQUE INDEX connections_name_lower ON connections (name_lower);
`,
};
