import { randomUUID } from 'node:crypto';
import type { ParsedInput, PushRecord, RoleResult, StoredTarget } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import type { HandlerContext } from '../handlers/types.js';
import { arthurClient } from './arthur-client.js';
import { applyPlan } from './apply.js';
import { buildPlan } from './plan.js';
import { readTargetToken, requireTarget } from './target-store.js';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function clientFor(context: HandlerContext, target: StoredTarget) {
  const token = await readTargetToken(context.ports, target);
  return arthurClient(context.ports.http, { url: target.url, token, ca: target.caBundle }, () => context.ports.clock.now());
}

export async function planFor(context: HandlerContext, input: ParsedInput<'targets.plan'>) {
  const target = requireTarget(context.ports.store.targets, input.ref);
  const client = await clientFor(context, target);
  const plan = await buildPlan({ store: context.ports.store, client, target, organization: input.organization, deleteUnknown: input.deleteUnknown, now: context.ports.clock.now() });
  return { target, client, plan };
}

const running = new Set<string>();

/**
 * `targets.push`: plans again (the remote may have moved since the admin looked), refuses when a confirmed plan's
 * digest no longer matches, applies, and records the push with its plan and per-role results in History and in the
 * audit log (never the token).
 */
export async function pushToTarget(context: HandlerContext, input: ParsedInput<'targets.push'>): Promise<PushRecord> {
  const { ports, events, audit } = context;
  const { target, client, plan } = await planFor(context, input);
  if (input.digest !== undefined && input.digest !== plan.digest) {
    throw new AppError('conflict', `The roles on ${target.name} or in the workbench changed since this plan was made; nothing was sent.`, { hint: 'Plan again, review the new diff, then push.' });
  }
  if (running.has(target.id)) throw new AppError('conflict', `A push to ${target.name} is already running.`, { hint: 'Wait for it to finish; its progress is on the Targets page.' });
  running.add(target.id);
  const id = randomUUID();
  const at = ports.clock.now().toISOString();
  const total = plan.changes.filter((c) => c.action !== 'keep').length;
  let done = 0;
  let results: RoleResult[];
  try {
    results = await applyPlan({
      client,
      plan,
      sleep: ports.sleep ?? realSleep,
      progress: (update) => {
        if (update.state === 'done' || update.state === 'failed' || update.state === 'skipped') done++;
        const payload = { pushId: id, targetId: target.id, done: Math.min(done, total), total, org: update.org, role: update.role, action: update.action, state: update.state, message: update.message };
        events.emit({ name: 'onPushProgress', payload });
      },
    });
  } finally {
    running.delete(target.id);
  }
  const counts = {
    done: results.filter((r) => r.state === 'done').length,
    failed: results.filter((r) => r.state === 'failed').length,
    skipped: results.filter((r) => r.state === 'skipped').length,
  };
  const record: PushRecord = {
    id,
    at,
    finishedAt: ports.clock.now().toISOString(),
    targetId: target.id,
    targetName: target.name,
    url: target.url,
    outcome: total === 0 ? 'nothing_to_do' : counts.failed + counts.skipped > 0 ? 'failed' : 'succeeded',
    counts,
    plan,
    results,
  };
  ports.store.transaction(() => {
    ports.store.pushes.add(record);
    audit.record('targets.push', target.id, {
      pushId: id,
      target: target.name,
      url: target.url,
      outcome: record.outcome,
      plan: { counts: plan.counts, digest: plan.digest, changes: plan.changes.map((c) => ({ org: c.org, role: c.role, action: c.action })) },
      results: results.map((r) => ({ org: r.org, role: r.role, action: r.action, state: r.state, message: r.message })),
    });
  });
  return record;
}
