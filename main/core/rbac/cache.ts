import { randomUUID } from 'node:crypto';
import type { Store } from '../ports/index.js';
import { buildSnapshot, type RbacSnapshot } from './snapshot.js';

/**
 * The settings key holding the RBAC revision: a fresh value is written inside every transaction that changes
 * organizations or roles, so a snapshot cached by this process is rebuilt after a change made by another process
 * sharing the data directory (the CLI while the app runs). Not a user setting: `settings.get` never shows it.
 */
export const RBAC_REVISION_KEY = 'rbac.revision';

interface Cached {
  revision: unknown;
  snapshot: RbacSnapshot;
}

const cache = new WeakMap<Store, Cached>();

const revisionOf = (store: Store): unknown => store.settings.getAll()[RBAC_REVISION_KEY] ?? null;

/** The current snapshot: built once per revision (inheritance flattened once per change), then shared. */
export function getSnapshot(store: Store): RbacSnapshot {
  const revision = revisionOf(store);
  const cached = cache.get(store);
  if (cached && cached.revision === revision) return cached.snapshot;
  const snapshot = buildSnapshot(store.organizations.list(), store.roles.list());
  cache.set(store, { revision, snapshot });
  return snapshot;
}

/** Marks organizations/roles as changed (call inside the write's transaction); the next `getSnapshot` rebuilds. */
export function invalidateSnapshot(store: Store): void {
  store.settings.set(RBAC_REVISION_KEY, randomUUID());
  cache.delete(store);
}
