/** The SQLite implementation of the engine's Store port. */
export { openSqliteStore, type SqliteStore, type StorePragmas } from './sqlite-store.js';
export { StoreOpenError } from './store-open-error.js';
export { databaseFileName } from './open-database.js';
export { migrations, applyMigrations } from './migrations.js';
export { migrationHash, type Migration } from './migration.js';
