#!/usr/bin/env node
// `ssowb` from a checkout: loads the bundled CLI built by `npm install` (prepare) or `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// Node 22.1+ keeps V8's compiled code of the bundles in a cache (os.tmpdir()/node-compile-cache), so every start
// after the first skips most parsing and compiling (issue 14). Node 20 has no such API: nothing happens there.
try {
  require('node:module').enableCompileCache?.();
} catch {
  // A cache that cannot be used (read-only tmp, …) only costs speed.
}

const entry = join(__dirname, '..', 'dist', 'main', 'cli.mjs');
if (!existsSync(entry)) {
  process.stderr.write(`error: SSO Workbench is not built (${entry} is missing).\nhint: run \`npm install\` or \`npm run build\` in ${join(__dirname, '..')}.\n`);
  process.exit(2);
}
import(pathToFileURL(entry).href).catch((error) => {
  process.stderr.write(`error: ${error && error.message ? error.message : String(error)}\n`);
  process.exit(2);
});
