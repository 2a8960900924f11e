import type { Check, MappedUser, Report } from '../../contract/index.js';
import type { CheckList } from './checks.js';
import { buildReport, type ReportInput } from './report.js';
import { resolutionCheck } from './resolution.js';
import type { StepTimeline } from './steps.js';

export interface MappingResult {
  checks: Check[];
  user: MappedUser;
  groups: string[];
}

/**
 * Records a mapping's checks and the resolution placeholder, shared by OIDC and SAML verdicts. When the claims were not
 * accepted (unverified token, failed SAML check), passing mapping checks say so with `notAcceptedPrefix`.
 */
export function recordMapping(
  checks: CheckList,
  result: MappingResult,
  notAcceptedPrefix: string | undefined,
): { user: MappedUser; groups: string[] } {
  for (const check of result.checks) {
    const message = notAcceptedPrefix && check.status === 'pass' ? `${notAcceptedPrefix}${check.message}` : check.message;
    checks.set(check.id, check.status, message, check.hint);
  }
  checks.set('resolution.roles', 'skip', resolutionCheck(result.groups).message);
  return { user: result.user, groups: result.groups };
}

/** Orders the checks (never-reached ones as skips), closes the verdict step and builds the report. */
export function closeVerdict(
  input: { checks: CheckList; timeline: StepTimeline; notReached: string },
  order: readonly string[],
  end: (status: 'ok' | 'failed') => void,
  report: Omit<ReportInput, 'checks' | 'steps'>,
): Report {
  const list = input.checks.list(order, input.notReached);
  end(list.some((c) => c.status === 'fail') ? 'failed' : 'ok');
  return buildReport({ ...report, checks: list, steps: input.timeline.steps });
}
