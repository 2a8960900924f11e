import type { ConnectionRepo, TestRunRepo } from '../../core/ports/store.js';

/**
 * Stand-ins until the connections and test-run tables land (each: its own migration file appended to migrations.ts,
 * a `<name>-repo.ts`, then one line in sqlite-store.ts). Every call fails loudly: pretending to store would lose the
 * user's work silently.
 */
export function createPendingConnectionRepo(): ConnectionRepo {
  const fail = notYet('Connections');
  return { list: fail, get: fail, findByName: fail, put: fail, delete: fail };
}

/** See createPendingConnectionRepo. */
export function createPendingTestRunRepo(): TestRunRepo {
  const fail = notYet('Test-run history');
  return { add: fail, list: fail, get: fail };
}

function notYet(what: string): () => never {
  return () => {
    throw new Error(`${what} cannot be stored yet: its SQLite table is not implemented in this build.`);
  };
}
