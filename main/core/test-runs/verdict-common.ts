import type { Check, MappedUser, Report, Resolution } from '../../contract/index.js';
import type { CheckList } from './checks.js';
import { buildReport, type ReportInput } from './report.js';
import { noRolesResolver, type RoleResolver } from './resolution.js';
import type { StepTimeline } from './steps.js';

export interface MappingResult {
  checks: Check[];
  user: MappedUser;
  groups: string[];
}

/**
 * Records a mapping's checks and the role resolution of its groups (`resolution.roles`), shared by OIDC and SAML
 * verdicts. When the claims were not accepted (unverified token, failed SAML check), passing checks say so with
 * `notAcceptedPrefix`; the report then keeps the resolution only as a diagnosis candidate.
 */
export function recordMapping(
  checks: CheckList,
  result: MappingResult,
  notAcceptedPrefix: string | undefined,
  roles: RoleResolver = noRolesResolver(),
): { user: MappedUser; groups: string[]; resolution: Resolution } {
  for (const check of result.checks) {
    const message = notAcceptedPrefix && check.status === 'pass' ? `${notAcceptedPrefix}${check.message}` : check.message;
    checks.set(check.id, check.status, message, check.hint);
  }
  const resolved = roles(result.groups);
  const prefix = notAcceptedPrefix && resolved.check.status !== 'skip' ? notAcceptedPrefix : '';
  checks.set('resolution.roles', resolved.check.status, `${prefix}${resolved.check.message}`, resolved.check.hint);
  return { user: result.user, groups: result.groups, resolution: resolved.resolution };
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
