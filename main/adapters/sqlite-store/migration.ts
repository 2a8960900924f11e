import { createHash } from 'node:crypto';

/**
 * One schema step. Once released, a migration's SQL must never change (its sha256 is recorded when applied and
 * checked at every open): to change the schema, append a new migration with the next version.
 */
export interface Migration {
  readonly version: number;
  /** Short kebab-case description, recorded next to the version. */
  readonly name: string;
  readonly sql: string;
}

/** The hash recorded in schema_migrations; of the exact SQL text. */
export function migrationHash(migration: Pick<Migration, 'sql'>): string {
  return createHash('sha256').update(migration.sql, 'utf8').digest('hex');
}
