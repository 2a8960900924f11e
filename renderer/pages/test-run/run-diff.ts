import type { Check, Report } from '../../../main/contract/index';
import { perLoginClaims } from './format';

export interface CheckChange {
  id: string;
  before: Check['status'] | undefined;
  after: Check['status'] | undefined;
  /** The newer run's message (the older one's when the check is gone). */
  message: string;
}

export interface ValueChange {
  name: string;
  before: unknown;
  after: unknown;
}

export interface RunDiff {
  outcome: { before: Report['outcome']; after: Report['outcome'] };
  checks: CheckChange[];
  claims: { added: ValueChange[]; removed: ValueChange[]; changed: ValueChange[]; perLogin: string[] };
  user: ValueChange[];
  groups: { added: string[]; removed: string[] };
  empty: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from `before` (the older run) to `after`: check statuses, claims added/removed/changed, the mapped user
 * and the groups. Claims that differ on every login (iat, exp, nonce, sid …) are listed apart so they do not hide the
 * changes that matter.
 */
export function diffRuns(before: Report, after: Report): RunDiff {
  const beforeChecks = new Map(before.checks.map((check) => [check.id, check]));
  const afterChecks = new Map(after.checks.map((check) => [check.id, check]));
  const checks: CheckChange[] = [];
  for (const id of new Set([...beforeChecks.keys(), ...afterChecks.keys()])) {
    const a = beforeChecks.get(id);
    const b = afterChecks.get(id);
    if (a?.status !== b?.status) checks.push({ id, before: a?.status, after: b?.status, message: (b ?? a)?.message ?? '' });
  }

  const claims: RunDiff['claims'] = { added: [], removed: [], changed: [], perLogin: [] };
  for (const name of new Set([...Object.keys(before.claims), ...Object.keys(after.claims)])) {
    const inBefore = Object.hasOwn(before.claims, name);
    const inAfter = Object.hasOwn(after.claims, name);
    const change = { name, before: before.claims[name], after: after.claims[name] };
    if (inBefore && inAfter && same(change.before, change.after)) continue;
    if (perLoginClaims.has(name) && inBefore && inAfter) claims.perLogin.push(name);
    else if (!inBefore) claims.added.push(change);
    else if (!inAfter) claims.removed.push(change);
    else claims.changed.push(change);
  }

  const user = (Object.keys(after.user) as (keyof Report['user'])[])
    .filter((field) => before.user[field] !== after.user[field])
    .map((field) => ({ name: field, before: before.user[field], after: after.user[field] }));
  const groups = { added: after.groups.filter((g) => !before.groups.includes(g)), removed: before.groups.filter((g) => !after.groups.includes(g)) };
  const empty =
    before.outcome === after.outcome &&
    checks.length === 0 &&
    claims.added.length + claims.removed.length + claims.changed.length === 0 &&
    user.length === 0 &&
    groups.added.length + groups.removed.length === 0;
  return { outcome: { before: before.outcome, after: after.outcome }, checks, claims, user, groups, empty };
}
