// What the CLI bundle gets for `import Database from 'better-sqlite3'` (scripts/lib/node-bundles.mjs): the package's
// JavaScript bundled in (MIT), so a command does not resolve and compile its 14 files one by one at start-up (issue 14).
// Its native addon stays in node_modules, loaded by path through the `nativeBinding` option: the `bindings` lookup the
// package does by default finds the addon from its own file layout, which a bundle does not have.
const Database = require('better-sqlite3/lib/database.js');
const SqliteError = require('better-sqlite3/lib/sqlite-error.js');

let addon;
const nativeAddon = () => (addon ??= require(require.resolve('better-sqlite3/build/Release/better_sqlite3.node')));

class BundledDatabase extends Database {
  constructor(filename, options) {
    super(filename, { ...options, nativeBinding: options?.nativeBinding ?? nativeAddon() });
  }
}

module.exports = BundledDatabase;
module.exports.SqliteError = SqliteError;
