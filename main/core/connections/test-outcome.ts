import type { LastPass, LastTest, StoredConnection } from '../../contract/index.js';
import type { Store } from '../ports/index.js';

/**
 * Records the outcome of a live test or offline inspect on the connection (for the test-run engine). It does not
 * bump `updatedAt`: a test is not a change. A pass sets `validatedAt`, which export gates compare with `updatedAt`,
 * and `lastPass` (run id and check counts), which export stamps cite.
 */
export function recordTestOutcome(
  store: Store,
  connectionId: string,
  test: LastTest,
  pass?: Omit<LastPass, 'at' | 'source'>,
): StoredConnection | undefined {
  return store.transaction(() => {
    const connection = store.connections.get(connectionId);
    if (!connection) return undefined;
    const passed = test.outcome === 'passed';
    const updated: StoredConnection = {
      ...connection,
      lastTest: test,
      validatedAt: passed ? test.at : connection.validatedAt,
      lastPass: passed ? { runId: pass?.runId ?? 'unrecorded', at: test.at, source: test.source, checksPassed: pass?.checksPassed ?? 0, checksWarned: pass?.checksWarned ?? 0 } : (connection.lastPass ?? null),
    };
    store.connections.put(updated);
    return updated;
  });
}

export { isValidationCurrent } from './view.js';
