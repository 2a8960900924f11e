import type { Report, TestRunSummary } from '../../contract/index.js';
import { recordTestOutcome } from '../connections/test-outcome.js';
import { readSettings } from '../handlers/settings-handlers.js';
import type { Store } from '../ports/index.js';

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

/** Deep copy of `details` with anything shaped like a compact JWS replaced: History never keeps a raw token. */
function scrub(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[token removed]');
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  return value;
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
  };
}

/**
 * Records a finished run: the report goes to History unless the `keepHistory` setting is off (claims and checks
 * only — the report never holds tokens, codes or secrets, and `details` is scrubbed once more), and the connection's
 * `lastTest` (and `validatedAt` for a pass) is updated either way, in one transaction.
 */
export function recordRun(store: Store, runId: string, report: Report): void {
  const { keepHistory } = readSettings(store);
  store.transaction(() => {
    if (keepHistory) store.testRuns.add({ ...summaryOf(runId, report), report: { ...report, details: scrub(report.details) as Report['details'] } });
    recordTestOutcome(
      store,
      report.connection.id,
      { at: report.at, outcome: report.outcome, source: report.source },
      { runId, checksPassed: report.checks.filter((c) => c.status === 'pass').length, checksWarned: report.checks.filter((c) => c.status === 'warn').length },
    );
  });
}
