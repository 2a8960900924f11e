import type { Migration } from './migration.js';

/**
 * Organizations and roles (Arthur custom RBAC). Roles are validated JSON documents; the unique index on the
 * lower-cased name makes "role names are unique across the whole installation" hold even between two processes.
 * A role's organization must exist: the foreign key refuses an orphan.
 */
export const migration004Rbac: Migration = {
  version: 4,
  name: 'rbac',
  sql: `
CREATE TABLE organizations (
  id         TEXT PRIMARY KEY,
  name_lower TEXT NOT NULL,
  document   TEXT NOT NULL -- JSON, validated by the engine
);
CREATE UNIQUE INDEX organizations_name_lower ON organizations (name_lower);

CREATE TABLE roles (
  id              TEXT PRIMARY KEY,
  name_lower      TEXT NOT NULL,
  organization_id TEXT REFERENCES organizations (id),
  document        TEXT NOT NULL -- JSON, validated by the engine
);
CREATE UNIQUE INDEX roles_name_lower ON roles (name_lower);
CREATE INDEX roles_organization ON roles (organization_id);
`,
};
