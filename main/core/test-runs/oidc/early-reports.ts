import type { Report } from '../../../contract/index.js';
import type { Clock } from '../../ports/index.js';
import { CheckList } from '../checks.js';
import type { AbandonReason } from '../registry.js';
import { reportRefusals, type RefusedCallbacks } from '../refused-callbacks.js';
import type { StepTimeline } from '../steps.js';
import { timeoutHint } from './hints.js';
import type { OidcRunSecret } from './start.js';
import { oidcVerdict } from './verdict.js';

export interface EarlyContext {
  secret: OidcRunSecret;
  timeline: StepTimeline;
  clock: Clock;
  startedAt: Date;
  timeoutSeconds: number;
  /** Callbacks with an unknown/used/missing state refused while this run waited (named at the timeout). */
  refused: RefusedCallbacks;
}

function finish(context: EarlyContext, checks: CheckList, authorizeStatus: 'ok' | 'failed'): Report {
  const { secret, timeline } = context;
  timeline.record('authorize', context.startedAt, performance.now() - secret.startedPerf, authorizeStatus);
  const details = { redirectUri: secret.redirectUris.test, productionRedirectUri: secret.redirectUris.production };
  return oidcVerdict({ subject: secret.subject, source: 'live', at: context.clock.now(), checks, sources: [], unverified: false, details, timeline, notReached: 'Not reached: no usable callback arrived.' });
}

/** The report of a run that got no callback in time (`expired`) or was cancelled: `oidc.callback.received` fails. */
export function abandonedReport(context: EarlyContext, reason: AbandonReason): Report {
  const checks = new CheckList();
  checks.addAll(context.secret.preChecks);
  if (reason === 'expired') {
    checks.fail('oidc.callback.received', `No callback arrived within ${context.timeoutSeconds} s; the run timed out.`, timeoutHint(context.timeoutSeconds, context.secret.redirectUris));
    reportRefusals(context.refused, 'oidc.callback.state', checks);
  } else {
    checks.fail('oidc.callback.received', 'The run was cancelled before the IdP redirected back.', 'Start a new test when ready.');
  }
  return finish(context, checks, 'failed');
}

/**
 * The report of a run whose callback arrived with a missing, foreign or already used `state` (RFC 6749 §10.12:
 * CSRF/replay defence). No code is exchanged.
 */
export function stateFailureReport(context: EarlyContext, message: string, hint: string): Report {
  const checks = new CheckList();
  checks.addAll(context.secret.preChecks);
  checks.pass('oidc.callback.received', 'A callback arrived on the test redirect URI.');
  checks.fail('oidc.callback.state', message, hint);
  return finish(context, checks, 'ok');
}
