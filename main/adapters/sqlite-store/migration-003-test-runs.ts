import type { Migration } from './migration.js';

/**
 * Test-run History: one row per finished live run or inspect, its report as JSON (checks, decoded claims, mapped
 * user; never a raw token, code or secret). No foreign key to connections: the history of a removed connection stays
 * readable by its id.
 */
export const migration003TestRuns: Migration = {
  version: 3,
  name: 'test-runs',
  sql: `
CREATE TABLE test_runs (
  id            TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL,
  at            TEXT NOT NULL,
  summary       TEXT NOT NULL, -- JSON: the History line
  report        TEXT NOT NULL  -- JSON: the report
);

CREATE INDEX test_runs_connection_at ON test_runs (connection_id, at);
CREATE INDEX test_runs_at ON test_runs (at);
`,
};
