import type { Check, Report } from '../../../contract/index.js';
import { validateSamlResponse } from '../../saml/validate-response.js';
import { CheckList } from '../checks.js';
import type { AcsDeps } from './acs.js';
import { samlVerdict, type SamlSubject } from './verdict.js';

/**
 * Whether the platform accepts IdP-initiated (unsolicited) logins, from its documentation
 * (/work/shared/reference): Arthur's SAML guide says to test access "via IdP or Arthur homepage" and its ACS
 * exchanges a bare `SAMLResponse` POST for a token (arthur-platform §2.4); ClearML's docs describe only logins
 * started from its own login page and "Test Provider" (clearml-platform §1.5) and say nothing either way.
 */
export function platformAcceptsCheck(platform: 'clearml' | 'arthur'): Check {
  const id = 'saml.acs.idp_initiated';
  if (platform === 'arthur') {
    return {
      id,
      status: 'pass',
      message: 'IdP-initiated login: Arthur accepts it (its SAML guide tests access by signing in "via IdP or Arthur homepage", and its ACS takes an unsolicited SAMLResponse POST).',
      hint: '',
    };
  }
  return {
    id,
    status: 'warn',
    message: 'IdP-initiated login: ClearML\'s documentation is silent on it (it describes logins started from the ClearML login page and "Test Provider" only), so this run proves the Response, not that ClearML takes it unsolicited.',
    hint: 'Also test from the ClearML login page (SP-initiated). If users must start from the IdP\'s app tile, confirm with ClearML that IdP-initiated SAML is supported for your version.',
  };
}

const NOT_APPLICABLE =
  'Not applicable: an IdP-initiated (unsolicited) Response answers no AuthnRequest (SAML Profiles §4.1.5), so there is no request ID to match. Replay, time window, audience, recipient, destination and signatures are still enforced.';

/**
 * A Response POSTed to a listening ACS that answers no request of this engine (no InResponseTo, no known RelayState):
 * the IdP's own "Test" button (Okta, Entra "Test single sign-on", SimpleSAMLphp's `SSOService.php?spentityid=`).
 * Validated as a run of its own with every check of a live run except InResponseTo, with the engine's replay cache.
 */
export async function completeIdpInitiatedRun(subject: SamlSubject, samlResponse: string, relayState: string | undefined, deps: AcsDeps): Promise<Report> {
  const checks = new CheckList();
  checks.skip('saml.request.signature', 'No AuthnRequest: the login was started at the IdP (IdP-initiated).');
  checks.pass('saml.acs.received', `The IdP POSTed an unsolicited SAMLResponse to ${subject.acsUrl} (HTTP-POST binding, IdP-initiated).`);
  checks.skip('saml.acs.relay_state', relayState === undefined ? 'No RelayState: none is expected with an IdP-initiated login.' : 'The RelayState of an IdP-initiated login is the IdP\'s own (a target URL); there is no run to match it to.');
  const accepts = platformAcceptsCheck(subject.platform);
  checks.set(accepts.id, accepts.status, accepts.message, accepts.hint);
  const endCallback = deps.timeline.begin('callback');
  endCallback('ok');
  const validation = await deps.timeline.run(
    'validate',
    () =>
      validateSamlResponse({
        samlResponse,
        settings: subject.settings,
        spEntityId: subject.spEntityId,
        acsUrl: subject.acsUrl,
        now: deps.clock.now(),
        replayCache: deps.replayCache,
        decryptionKeyPem: deps.decryptionKeyPem,
      }),
    (v) => (v.verified ? 'ok' : 'failed'),
  );
  validation.checks = validation.checks.map((check) =>
    check.id === 'saml.assertion.in_response_to' && check.status !== 'fail' ? { ...check, status: 'skip', message: NOT_APPLICABLE, hint: '' } : check,
  );
  return samlVerdict({
    subject,
    source: 'live',
    at: deps.clock.now(),
    checks,
    validation,
    details: { acsUrl: subject.acsUrl, spEntityId: subject.spEntityId, productionAcsUrl: subject.production?.acsUrl ?? null, idpInitiated: true, authnRequest: null },
    timeline: deps.timeline,
    notReached: 'Not reached: the Response was not accepted.',
  });
}
