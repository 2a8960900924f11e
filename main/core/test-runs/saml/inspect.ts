import type { Report } from '../../../contract/index.js';
import type { Clock } from '../../ports/index.js';
import { createReplayCache } from '../../saml/replay-cache.js';
import { validateSamlResponse } from '../../saml/validate-response.js';
import { CheckList } from '../checks.js';
import type { StepTimeline } from '../steps.js';
import { peekResponse } from './acs.js';
import { samlVerdict, type SamlSubject } from './verdict.js';

export interface SamlInspectInput {
  subject: SamlSubject;
  /** The base64 `SAMLResponse` form value or the decoded XML (whitespace tolerated). */
  samlResponse: string;
  clock: Clock;
  timeline: StepTimeline;
  /** The SP encryption key when the connection asks for encrypted assertions. */
  decryptionKeyPem?: string | undefined;
}

const OFFLINE = 'Offline inspect: no login took place.';

/**
 * Which ACS the Response was meant for: the loopback test ACS (a Response captured from a test run), or the
 * platform's production ACS when its Destination says so and webappUrl is set (a Response captured from a real
 * login). Destination/Recipient/Audience are then checked against that pair, exactly.
 */
function targetOf(subject: SamlSubject, samlResponse: string): { acsUrl: string; spEntityId: string; acs: 'test' | 'production' } {
  const { destination } = peekResponse(samlResponse);
  if (subject.production && destination === subject.production.acsUrl) return { ...subject.production, acs: 'production' };
  return { acsUrl: subject.acsUrl, spEntityId: subject.spEntityId, acs: 'test' };
}

/**
 * `ssowb inspect --saml-response`: the validation, mapping and resolution of a live run on a pasted Response, with
 * no login. InResponseTo is skipped (no AuthnRequest exists; validation says so); the time window is still checked.
 * The assertion is validated with a private replay cache and NOT recorded: inspecting a Response must neither
 * consume it nor be refused because a live run accepted it, so the replay check is reported as skipped.
 */
export async function inspectSamlResponse(input: SamlInspectInput): Promise<Report> {
  const { subject } = input;
  const checks = new CheckList();
  checks.skip('saml.request.signature', `${OFFLINE} No AuthnRequest was sent.`);
  checks.skip('saml.acs.received', `${OFFLINE} The Response was pasted, not POSTed to the ACS.`);
  checks.skip('saml.acs.relay_state', `${OFFLINE} There is no RelayState to match.`);
  const target = targetOf(subject, input.samlResponse);
  const validation = await input.timeline.run(
    'validate',
    () =>
      validateSamlResponse({
        samlResponse: input.samlResponse,
        settings: subject.settings,
        spEntityId: target.spEntityId,
        acsUrl: target.acsUrl,
        now: input.clock.now(),
        replayCache: createReplayCache(),
        decryptionKeyPem: input.decryptionKeyPem,
      }),
    (v) => (v.verified ? 'ok' : 'failed'),
  );
  validation.checks = validation.checks.map((check) =>
    check.id === 'saml.assertion.replay' && check.status === 'pass'
      ? { ...check, status: 'skip', message: `${OFFLINE} One-time use is enforced by the ACS of a live run; ${check.message.replace(/ is used for the first time\.$/, ' was not recorded as used.')}` }
      : check,
  );
  return samlVerdict({
    subject: { ...subject, acsUrl: target.acsUrl, spEntityId: target.spEntityId },
    source: 'inspect',
    at: input.clock.now(),
    checks,
    validation,
    details: { acsUrl: target.acsUrl, spEntityId: target.spEntityId, checkedAgainst: target.acs === 'test' ? 'the loopback test ACS' : 'the platform’s production ACS', productionAcsUrl: subject.production?.acsUrl ?? null },
    timeline: input.timeline,
    notReached: 'Not reached: the Response was not accepted.',
  });
}
