import type { TestRunRepo } from '../../core/ports/store.js';

/**
 * Stand-in until the test-run table lands (its own migration file appended to migrations.ts, a `test-run-repo.ts`,
 * then one line in sqlite-store.ts). Every call fails loudly: pretending to store would lose the user's work silently.
 */
export function createPendingTestRunRepo(): TestRunRepo {
  const fail = notYet('Test-run history');
  return { add: fail, list: fail, get: fail };
}

function notYet(what: string): () => never {
  return () => {
    throw new Error(`${what} cannot be stored yet: its SQLite table is not implemented in this build.`);
  };
}
