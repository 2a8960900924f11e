import type { Migration } from './migration.js';

/**
 * Lists at scale (issue 14). `connection_list` keeps, per connection, what its list row shows, written in the same
 * transaction as the document (so listing 10,000 connections reads small rows, never a document; the parts many rows
 * share are kept once in `connection_list_profile`); `sort_key` (the
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
  id           TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  list_version INTEGER NOT NULL,
  sort_key     TEXT NOT NULL,
  search_text  TEXT NOT NULL,
  protocol     TEXT NOT NULL,
  active       INTEGER NOT NULL,
  -- What a row shows, packed in ONE column (one column read per row is what makes 10,000 rows cheap): id, display
  -- name, updated_at, flags (1 active, 2 a secret is stored), profile id, last test (at, outcome, source), validated
  -- at, last pass (run id, at, source, checks passed, checks warned), SP entity ID override; U+001F-separated.
  packed       TEXT NOT NULL,
  profile_id   INTEGER NOT NULL REFERENCES connection_list_profile (id)
);

-- What many connections share (protocol, provider, production callback URL, warnings, watched certificates), once.
CREATE TABLE connection_list_profile (
  id      INTEGER PRIMARY KEY,
  profile TEXT NOT NULL UNIQUE -- JSON
);

CREATE INDEX connection_list_sort_key ON connection_list (sort_key, id);
CREATE INDEX connection_list_version ON connection_list (list_version);

ALTER TABLE test_runs ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
UPDATE test_runs SET outcome = coalesce(json_extract(summary, '$.outcome'), '');

CREATE INDEX test_runs_outcome_at ON test_runs (outcome, at);
CREATE INDEX test_runs_connection_outcome_at ON test_runs (connection_id, outcome, at);
`,
};
