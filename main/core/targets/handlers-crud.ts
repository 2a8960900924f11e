import { randomUUID } from 'node:crypto';
import type { StoredTarget } from '../../contract/index.js';
import { deleteSecretsAfterCommit } from '../connections/secrets.js';
import type { HandlerGroup } from '../handlers/types.js';
import { assertTargetNameFree, requireTarget, targetTokenAccount, toTargetView } from './target-store.js';

type Ops = 'targets.list' | 'targets.get' | 'targets.add' | 'targets.update' | 'targets.remove';

/**
 * Targets: list, read, add, update, remove. The token is written to the keychain before the row and rolled back if
 * the row fails; the row only records `hasToken`. Audit entries never carry the token.
 */
export const targetCrudHandlers: HandlerGroup<Ops> = ({ ports, audit }) => {
  const repo = ports.store.targets;
  const now = () => ports.clock.now().toISOString();

  const save = async (target: StoredTarget, token: string | undefined, action: string, detail: Record<string, unknown>) => {
    const account = targetTokenAccount(target.id);
    const previous = token === undefined ? null : await ports.secrets.get(account);
    if (token !== undefined) await ports.secrets.set(account, token);
    try {
      ports.store.transaction(() => {
        repo.put(target);
        audit.record(action, target.id, detail);
      });
    } catch (error) {
      if (token !== undefined) {
        if (previous === null) await ports.secrets.delete(account).catch(() => false);
        else await ports.secrets.set(account, previous).catch(() => undefined);
      }
      throw error;
    }
    return toTargetView(target);
  };

  return {
    'targets.list': () => repo.list().map(toTargetView),
    'targets.get': ({ ref }) => toTargetView(requireTarget(repo, ref)),
    'targets.add': async ({ name, url, kind, token, caBundle }) => {
      assertTargetNameFree(repo, name, null);
      const at = now();
      const target: StoredTarget = {
        id: randomUUID(),
        name,
        url,
        kind,
        hasToken: token !== undefined,
        caBundle: caBundle ?? null,
        rehearsal: false,
        createdAt: at,
        updatedAt: at,
        lastCheck: null,
      };
      return save(target, token, 'targets.add', { name, url, kind, hasToken: target.hasToken, caBundle: caBundle !== undefined });
    },
    'targets.update': async ({ ref, name, url, token, caBundle }) => {
      const existing = requireTarget(repo, ref);
      if (name !== undefined) assertTargetNameFree(repo, name, existing.id);
      const target: StoredTarget = {
        ...existing,
        name: name ?? existing.name,
        url: url ?? existing.url,
        hasToken: existing.hasToken || token !== undefined,
        caBundle: caBundle === undefined ? existing.caBundle : caBundle,
        updatedAt: now(),
        // A new address or token makes the last check stale.
        lastCheck: url !== undefined || token !== undefined || caBundle !== undefined ? null : existing.lastCheck,
      };
      const changed = [name !== undefined && 'name', url !== undefined && 'url', token !== undefined && 'token', caBundle !== undefined && 'caBundle'].filter(Boolean);
      return save(target, token, 'targets.update', { name: target.name, changed });
    },
    'targets.remove': async ({ ref }) => {
      const existing = requireTarget(repo, ref);
      // The keychain is reached first (if it refuses, the target stays and the error says how to fix it); the row goes
      // before its item (crash-safe order: at worst an orphan item, removed by the start-up reconcile).
      const account = targetTokenAccount(existing.id);
      if (existing.hasToken) await ports.secrets.get(account);
      ports.store.transaction(() => {
        repo.delete(existing.id);
        audit.record('targets.remove', existing.id, { name: existing.name, url: existing.url });
      });
      if (existing.hasToken) await deleteSecretsAfterCommit(ports.secrets, [account], ports.log);
      return { id: existing.id, name: existing.name, removed: true as const };
    },
  };
};
