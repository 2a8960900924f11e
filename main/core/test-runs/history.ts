import type { Report, TestRunSummary } from '../../contract/index.js';
import { recordTestOutcome } from '../connections/test-outcome.js';
import { readSettings } from '../handlers/settings-handlers.js';
import type { Store } from '../ports/index.js';
import { MAX_CLAIM_DEPTH, tooDeepMarker } from './claim-depth.js';

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

/**
 * Deep copy of `details` with anything shaped like a compact JWS replaced: History never keeps a raw token. Iterative
 * (an explicit stack, not recursion) so no input can overflow it; anything nested past MAX_CLAIM_DEPTH is replaced by
 * a marker rather than copied (claims are bounded on arrival, this is the second line).
 */
export function scrub(root: unknown): unknown {
  const copy = (value: unknown, depth: number, set: (v: unknown) => void) => {
    if (typeof value === 'string') return set(value.replace(JWT, '[token removed]'));
    if (!value || typeof value !== 'object') return set(value);
    if (depth >= MAX_CLAIM_DEPTH) return set(tooDeepMarker);
    const target: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
    set(target);
    for (const [key, child] of Object.entries(value)) pending.push({ value: child, depth: depth + 1, set: (v) => ((target as Record<string, unknown>)[key] = v) });
  };
  let result: unknown;
  const pending: Array<{ value: unknown; depth: number; set: (v: unknown) => void }> = [{ value: root, depth: 0, set: (v) => (result = v) }];
  while (pending.length > 0) {
    const next = pending.pop() as (typeof pending)[number];
    copy(next.value, next.depth, next.set);
  }
  return result;
}

export function summaryOf(runId: string, report: Report): TestRunSummary {
  return {
    runId,
    connectionId: report.connection.id,
    connectionName: report.connection.name,
    protocol: report.connection.protocol,
    source: report.source,
    outcome: report.outcome,
    at: report.at,
    failedChecks: report.checks.filter((c) => c.status === 'fail').map((c) => c.id),
    cancelled: report.cancelled === true,
  };
}

/**
 * Records a finished run: the report goes to History (claims and checks — the report never holds tokens, codes or
 * secrets, and `details` is scrubbed once more; with the `keepHistory` setting off, checks and outcome only), and the connection's
 * `lastTest` (and `validatedAt` for a pass) is updated either way (not for a cancelled run), in one transaction.
 */
export function recordRun(store: Store, runId: string, report: Report, options: { connectionOutcome?: boolean } = {}): void {
  const { keepHistory } = readSettings(store);
  store.transaction(() => {
    // With "Keep test history" off the run is still listed (outcome and checks), without its claims or protocol data.
    const kept = keepHistory ? { ...report, details: scrub(report.details) as Report['details'] } : { ...report, claims: {}, claimOrigins: {}, details: { claimsNotKept: true } };
    store.testRuns.add({ ...summaryOf(runId, report), report: kept });
    // A cancelled run says nothing about the connection: it is listed, and the last test stays what it was.
    if (report.cancelled || options.connectionOutcome === false) return;
    recordTestOutcome(
      store,
      report.connection.id,
      { at: report.at, outcome: report.outcome, source: report.source },
      { runId, checksPassed: report.checks.filter((c) => c.status === 'pass').length, checksWarned: report.checks.filter((c) => c.status === 'warn').length },
    );
  });
}
