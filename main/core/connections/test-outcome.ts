import type { LastTest, StoredConnection } from '../../contract/index.js';
import type { Store } from '../ports/index.js';

/**
 * Records the outcome of a live test or offline inspect on the connection (for the test-run engine). It does not
 * bump `updatedAt`: a test is not a change. A pass sets `validatedAt`, which export gates compare with `updatedAt`.
 */
export function recordTestOutcome(store: Store, connectionId: string, test: LastTest): StoredConnection | undefined {
  return store.transaction(() => {
    const connection = store.connections.get(connectionId);
    if (!connection) return undefined;
    const updated: StoredConnection = { ...connection, lastTest: test, validatedAt: test.outcome === 'passed' ? test.at : connection.validatedAt };
    store.connections.put(updated);
    return updated;
  });
}

export { isValidationCurrent } from './view.js';
