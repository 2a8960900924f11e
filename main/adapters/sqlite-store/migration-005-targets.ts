import type { Migration } from './migration.js';

/**
 * Targets, push history, and the rehearsal engine's own organizations and roles (what the loopback Arthur-compatible
 * API serves, kept apart from the workbench's roles so a push to it is a real push). A target's token is never here:
 * it lives in the OS keychain (`target:<id>:token`).
 */
export const migration005Targets: Migration = {
  version: 5,
  name: 'targets',
  sql: `
CREATE TABLE targets (
  id         TEXT PRIMARY KEY,
  name_lower TEXT NOT NULL,
  document   TEXT NOT NULL -- JSON, validated by the engine; no token
);
CREATE UNIQUE INDEX targets_name_lower ON targets (name_lower);

CREATE TABLE pushes (
  id        TEXT PRIMARY KEY,
  target_id TEXT NOT NULL,
  at        TEXT NOT NULL,
  summary   TEXT NOT NULL, -- JSON
  record    TEXT NOT NULL  -- JSON: plan and per-role results
);
CREATE INDEX pushes_at ON pushes (at);

CREATE TABLE rehearsal_organizations (
  id         TEXT PRIMARY KEY,
  name_lower TEXT NOT NULL,
  document   TEXT NOT NULL
);
CREATE UNIQUE INDEX rehearsal_organizations_name_lower ON rehearsal_organizations (name_lower);

CREATE TABLE rehearsal_roles (
  id              TEXT PRIMARY KEY,
  name_lower      TEXT NOT NULL,
  organization_id TEXT REFERENCES rehearsal_organizations (id),
  document        TEXT NOT NULL
);
CREATE UNIQUE INDEX rehearsal_roles_name_lower ON rehearsal_roles (name_lower);
CREATE INDEX rehearsal_roles_organization ON rehearsal_roles (organization_id);
`,
};
