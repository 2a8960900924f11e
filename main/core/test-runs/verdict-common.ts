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

/** What the platform needs from the mapping, beyond the user id every platform needs. */
export interface PlatformNeeds {
  platform: 'clearml' | 'arthur';
  groupSync: boolean;
  /** Where groups come from, for messages (`the "groups" claim`, `the attribute "memberOf"`). */
  groupsFrom: string;
}

/**
 * A mapping the platform needs that came back empty fails the run: a login the platform would not let in (or would
 * let in without its roles) must not read as passed. ClearML needs an email for every user; group sync, and Arthur
 * (which authorizes by groups), need the groups. The check keeps its own message and hint and says why it fails.
 */
export function requirePlatformFields(result: MappingResult, needs: PlatformNeeds): Check[] {
  return result.checks.map((check) => {
    if (check.status === 'fail' || check.status === 'pass') return check;
    if (check.id === 'mapping.email' && needs.platform === 'clearml' && result.user.email === null) {
      const why = check.status === 'skip' ? 'email is not mapped, but ClearML needs an email address for every user: the login would be refused.' : `${check.message} ClearML needs an email address for every user: the login would be refused.`;
      return { ...check, status: 'fail', message: why, hint: check.hint || 'Map email to the claim or attribute that carries the user’s email address.' };
    }
    if (check.id === 'mapping.groups' && (needs.groupSync || needs.platform === 'arthur') && result.groups.length === 0) {
      const why = needs.platform === 'arthur' ? 'Arthur authorizes by groups, so this login would be denied.' : 'With group sync on, that fails the run.';
      const message = check.status === 'skip' ? `No groups came from ${needs.groupsFrom}. ${why}` : `${check.message} ${why}`;
      return { ...check, status: 'fail', message, hint: check.hint || `Have the IdP send the user’s groups in ${needs.groupsFrom}, and turn on group sync.` };
    }
    return check;
  });
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
  needs?: PlatformNeeds,
): { user: MappedUser; groups: string[]; resolution: Resolution } {
  for (const check of needs ? requirePlatformFields(result, needs) : result.checks) {
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
