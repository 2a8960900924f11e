import type { Migration } from './migration.js';

/**
 * Lists at scale (issue 14). `connection_list` keeps, per connection, what its list row shows, written in the same
 * transaction as the document (so listing 10,000 connections reads small rows, never a document); `sort_key` (the
 * case- and accent-folded name) orders them through an index; `search_text` (lower-cased name, id and provider,
 * joined by U+001F, which names cannot contain) is what the search matches. The rows are computed by the engine's code
 * (warnings, name keys), which SQL cannot run: the store fills them for every connection that has none (or an older
 * `list_version`) when it opens, in one transaction. History: the outcome in a column (filled here from the summary)
 * and the indexes that page it newest first per connection and per outcome, and count it.
 */
export const migration006ListColumns: Migration = {
  version: 6,
  name: 'list-columns',
  sql: `
CREATE TABLE connection_list (
  id                      TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  list_version            INTEGER NOT NULL,
  sort_key                TEXT NOT NULL,
  search_text             TEXT NOT NULL,
  display_name            TEXT NOT NULL,
  protocol                TEXT NOT NULL,
  provider                TEXT NOT NULL,
  active                  INTEGER NOT NULL,
  updated_at              TEXT NOT NULL,
  has_secret              INTEGER NOT NULL,
  sp_entity_id            TEXT,
  production_callback_url TEXT,
  last_test_at            TEXT,
  last_test_outcome       TEXT,
  last_test_source        TEXT,
  validated_at            TEXT,
  last_pass_run_id        TEXT,
  last_pass_at            TEXT,
  last_pass_source        TEXT,
  last_pass_checks_passed INTEGER,
  last_pass_checks_warned INTEGER,
  warnings                TEXT NOT NULL, -- JSON: the date-independent warnings
  certificates            TEXT NOT NULL  -- JSON: the certificates whose expiry warns
);

CREATE INDEX connection_list_sort_key ON connection_list (sort_key, id);
CREATE INDEX connection_list_version ON connection_list (list_version);

ALTER TABLE test_runs ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
UPDATE test_runs SET outcome = coalesce(json_extract(summary, '$.outcome'), '');

CREATE INDEX test_runs_outcome_at ON test_runs (outcome, at);
CREATE INDEX test_runs_connection_outcome_at ON test_runs (connection_id, outcome, at);
`,
};
