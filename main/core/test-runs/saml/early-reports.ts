import type { Report } from '../../../contract/index.js';
import type { Clock } from '../../ports/index.js';
import { CheckList } from '../checks.js';
import { reportRefusals, type RefusedCallbacks } from '../refused-callbacks.js';
import type { AbandonReason } from '../registry.js';
import type { StepTimeline } from '../steps.js';
import { requestDetails, type SamlRunSecret } from './start.js';
import { samlVerdict } from './verdict.js';

/** A waiting SAML run in the registry (`Run.secret`): dropped when the run ends. */
export interface SamlRunContext {
  protocol: 'saml';
  secret: SamlRunSecret;
  timeline: StepTimeline;
  clock: Clock;
  startedAt: Date;
  timeoutSeconds: number;
  /** POSTs to the ACS that answered no request of this run, refused while it waited (named at the timeout). */
  refused: RefusedCallbacks;
}

const REFUSED_WORDING = {
  what: 'SAML Response(s) POSTed to the ACS',
  hint: 'A refused Response matched neither this run\'s RelayState nor its AuthnRequest ID (InResponseTo): a tab from an earlier test, a Response meant for another SP, or another program on this machine posting to the ACS. Start the login from SSO Workbench and complete it in the tab it opens.',
};

function timeoutHint(seconds: number, secret: SamlRunSecret): string {
  const s = secret.subject;
  return (
    `If the IdP showed an error page, the usual causes are an SP it does not know or an ACS URL it does not allow: register the SP entity ID "${s.spEntityId}" ` +
    `with the ACS URL ${s.acsUrl} (exactly: 127.0.0.1 is not localhost; port and path count)${secret.signed ? ', and the SP signing certificate (ssowb connections sp-metadata)' : ''}. ` +
    `Otherwise complete the login within ${seconds} s, or start the test with a longer timeout.`
  );
}

/**
 * The report of a run that got no Response in time (`expired`), was cancelled, or whose Response could not be
 * processed at all (`internal`, an engine bug): `saml.acs.received` fails, nothing else is reached.
 */
export function abandonedSamlReport(context: SamlRunContext, reason: AbandonReason | 'internal'): Report {
  const { secret, timeline } = context;
  const checks = new CheckList();
  checks.addAll(secret.preChecks);
  if (reason === 'expired') {
    checks.fail('saml.acs.received', `No SAML Response arrived at ${secret.subject.acsUrl} within ${context.timeoutSeconds} s; the run timed out.`, timeoutHint(context.timeoutSeconds, secret));
    reportRefusals(context.refused, 'saml.acs.relay_state', checks, REFUSED_WORDING);
  } else if (reason === 'cancelled') {
    checks.fail('saml.acs.received', 'The run was cancelled before the IdP POSTed a Response.', 'Start a new test when ready.');
  } else {
    checks.fail('saml.acs.received', 'The SAML Response arrived but could not be processed (internal error; details are in the log).', 'Run the test again; if it repeats, report the log line.');
  }
  if (!timeline.steps.some((step) => step.name === 'authorize')) {
    timeline.record('authorize', context.startedAt, performance.now() - secret.startedPerf, reason === 'internal' ? 'ok' : 'failed');
  }
  return samlVerdict({
    subject: secret.subject,
    source: 'live',
    at: context.clock.now(),
    checks,
    validation: null,
    details: requestDetails(secret),
    timeline,
    notReached: 'Not reached: no SAML Response arrived.',
  });
}
