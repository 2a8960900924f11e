import type { ArthurRoleDef, Plan, PlanChange, PushProgress, RoleResult } from '../../contract/index.js';
import { ArthurApiError, type ArthurClient } from './arthur-client.js';
import { sameRole } from './plan.js';

export interface ApplyOptions {
  client: ArthurClient;
  plan: Plan;
  batchSize?: number;
  /** Attempts per batch, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Longest Retry-After honoured; a longer one fails the batch rather than hang the push. */
  maxRetryAfterMs?: number;
  sleep: (ms: number) => Promise<void>;
  progress: (update: Omit<PushProgress, 'pushId' | 'targetId' | 'done' | 'total'>) => void;
}

type Key = string;
const keyOf = (org: string, role: string): Key => `${org}\u0000${role.toLowerCase()}`;

/** Roles that inherit other roles of the same POST go after them (parents first), so every batch can be validated. */
function parentsFirst(defs: ArthurRoleDef[]): ArthurRoleDef[] {
  const byName = new Map(defs.map((d) => [d.role_name.toLowerCase(), d]));
  const depth = new Map<string, number>();
  const depthOf = (name: string, seen: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) return 0;
    seen.add(name);
    const parents = (byName.get(name)?.inherited_role_names ?? []).map((p) => p.toLowerCase()).filter((p) => byName.has(p));
    const value = parents.length ? 1 + Math.max(...parents.map((p) => depthOf(p, seen))) : 0;
    depth.set(name, value);
    return value;
  };
  // Each depth is computed once, before sorting (a comparator that recomputes it costs two Sets per comparison).
  const ranked = defs.map((def) => ({ def, depth: depthOf(def.role_name.toLowerCase(), new Set()) }));
  return ranked.sort((a, b) => a.depth - b.depth).map((r) => r.def);
}

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Applies a plan: per organization, DELETE (deletes and the first half of replaces) then POST (creates and the second
 * half of replaces) in batches. Network errors, 429 (Retry-After honoured) and 5xx are retried a bounded number of
 * times with exponential backoff; before any retry the remote state is re-read and only what is still missing is sent
 * again, so a lost answer never creates a role twice or loses one. 401/403 stop the push: nothing more is sent.
 */
export async function applyPlan(options: ApplyOptions): Promise<RoleResult[]> {
  const { client, plan } = options;
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelay = options.baseDelayMs ?? 250;
  const maxRetryAfter = options.maxRetryAfterMs ?? 30_000;
  const results = new Map<Key, RoleResult>();
  const changes = plan.changes.filter((c) => c.action !== 'keep');
  for (const c of changes) results.set(keyOf(c.org, c.role), { org: c.org, role: c.role, action: c.action, state: 'skipped', message: 'Not sent.', attempts: 0 });
  let stopped: string | null = null;

  const settle = (change: PlanChange, state: RoleResult['state'], message: string, attempts: number) => {
    const result = results.get(keyOf(change.org, change.role));
    if (!result || (result.state === 'failed' && state !== 'failed')) return;
    Object.assign(result, { state, message, attempts });
    options.progress({ org: change.org, role: change.role, action: change.action, state, message });
  };

  /** Sends one batch until it lands, re-reading the remote before each retry; settles each role of it. */
  const runBatch = async (org: string, kind: 'DELETE' | 'POST', batch: PlanChange[], phaseDone: (c: PlanChange, attempts: number) => void) => {
    let pending = batch;
    let lastError = '';
    let wait = baseDelay;
    let attempt = 1;
    const stop = (error: ArthurApiError, attempts: number) => {
      stopped = `${error.message} ${error.options.hint ?? ''}`.trim();
      for (const c of pending) settle(c, 'failed', stopped, attempts);
    };
    /** What is still missing after the last answer, read back (never assumed); every role of the batch is settled. */
    const finish = async (why: string) => {
      const left = await stillPending(org, kind, pending).catch(() => pending);
      for (const c of pending.filter((p) => !left.includes(p))) phaseDone(c, attempt);
      for (const c of left) settle(c, 'failed', `${lastError}${why}`, attempt);
    };
    for (; attempt <= maxAttempts && !stopped; attempt++) {
      if (attempt > 1) {
        await options.sleep(wait);
        wait = baseDelay * 2 ** (attempt - 1);
        // Never a blind re-send: what the lost or failed answer did is read back first.
        try {
          const left = await stillPending(org, kind, pending);
          for (const c of pending.filter((p) => !left.includes(p))) phaseDone(c, attempt - 1);
          pending = left;
          if (!pending.length) return;
        } catch (error) {
          const failure = error instanceof ArthurApiError ? error : new ArthurApiError('retryable', String(error));
          if (failure.failure === 'auth') return stop(failure, attempt);
          lastError = `${failure.message} (while re-reading the roles to retry safely)`;
          continue;
        }
      }
      for (const c of pending) options.progress({ org, role: c.role, action: c.action, state: attempt === 1 ? 'running' : 'retrying', message: attempt === 1 ? `${kind} sent.` : `${kind} again, only what is still missing (attempt ${attempt} of ${maxAttempts}).` });
      try {
        if (kind === 'DELETE') await client.deleteRoles(org, pending.map((c) => c.remote?.role_name ?? c.role));
        else await client.createRoles(org, pending.map((c) => c.local as ArthurRoleDef));
        for (const c of pending) phaseDone(c, attempt);
        return;
      } catch (error) {
        const failure = error instanceof ArthurApiError ? error : new ArthurApiError('retryable', String(error));
        if (failure.failure === 'auth') return stop(failure, attempt);
        lastError = failure.message;
        if (failure.failure !== 'retryable') return finish('');
        if (failure.options.retryAfterMs !== undefined) wait = failure.options.retryAfterMs;
        if (wait > maxRetryAfter) return finish(` The platform asked to wait ${Math.round(wait / 1000)} s; push again later.`);
      }
    }
    if (!stopped) {
      attempt = maxAttempts;
      await finish(` Gave up after ${maxAttempts} attempts.`);
    }
  };

  /** From the remote state: which roles of the batch still need the request (absent for POST, present for DELETE). */
  const stillPending = async (org: string, kind: 'DELETE' | 'POST', pending: PlanChange[]): Promise<PlanChange[]> => {
    const remote = new Map((await client.listRoles(org)).map((d) => [d.role_name.toLowerCase(), d]));
    return pending.filter((c) => {
      const there = remote.get(c.role.toLowerCase());
      if (kind === 'DELETE') return there !== undefined;
      return there === undefined || !sameRole(there, c.local as ArthurRoleDef);
    });
  };

  const orgs = [...new Set(changes.map((c) => c.org))];
  for (const org of orgs) {
    const inOrg = changes.filter((c) => c.org === org);
    for (const c of inOrg) options.progress({ org, role: c.role, action: c.action, state: 'pending', message: 'Waiting.' });
    const deleteFirst = inOrg.filter((c) => c.action === 'delete' || c.action === 'replace');
    const deleted = new Set<PlanChange>();
    for (const batch of chunks(deleteFirst, batchSize)) {
      if (stopped) break;
      await runBatch(org, 'DELETE', batch, (c, attempts) => {
        deleted.add(c);
        if (c.action === 'delete') settle(c, 'done', 'Deleted.', attempts);
      });
    }
    const posts = inOrg.filter((c) => c.action === 'create' || (c.action === 'replace' && deleted.has(c)));
    for (const c of inOrg.filter((x) => x.action === 'replace' && !deleted.has(x))) settle(c, 'failed', results.get(keyOf(c.org, c.role))?.message ?? 'The DELETE half of the replace failed; the POST was not sent.', 0);
    const postByName = new Map<string, PlanChange>();
    for (const c of posts) if (!postByName.has(c.role.toLowerCase())) postByName.set(c.role.toLowerCase(), c);
    const ordered = parentsFirst(posts.map((c) => c.local as ArthurRoleDef)).map((d) => postByName.get(d.role_name.toLowerCase()) as PlanChange);
    for (const batch of chunks(ordered, batchSize)) {
      if (stopped) break;
      await runBatch(org, 'POST', batch, (c, attempts) => settle(c, 'done', c.action === 'replace' ? 'Replaced (deleted, then created).' : 'Created.', attempts));
    }
  }
  if (stopped) {
    for (const result of results.values()) {
      if (result.state === 'skipped') {
        result.message = `Not sent: the push stopped. ${stopped}`;
        options.progress({ org: result.org, role: result.role, action: result.action, state: 'skipped', message: result.message });
      }
    }
  }
  return [...results.values()];
}
