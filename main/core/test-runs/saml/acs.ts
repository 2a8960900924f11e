import type { Check, Report } from '../../../contract/index.js';
import type { Clock } from '../../ports/index.js';
import { CheckList as SamlCheckList } from '../../saml/check-list.js';
import type { ReplayCache } from '../../saml/replay-cache.js';
import { decodeSamlResponse } from '../../saml/response-input.js';
import { validateSamlResponse } from '../../saml/validate-response.js';
import { attr, NS } from '../../saml/xml-dom.js';
import { CheckList } from '../checks.js';
import type { StepTimeline } from '../steps.js';
import { requestDetails, type SamlRunSecret } from './start.js';
import { samlVerdict } from './verdict.js';

export interface AcsDeps {
  clock: Clock;
  /** One per engine: an assertion accepted once is refused for as long as it is valid. */
  replayCache: ReplayCache;
  timeline: StepTimeline;
  /** The SP encryption key, read from the keychain for this POST only (encrypted assertions). */
  decryptionKeyPem?: string | undefined;
}

/**
 * Destination and InResponseTo of a Response, read BEFORE validation only to route it (which run, which ACS). Goes
 * through the same size and DOCTYPE gate as validation; nothing read here is trusted or reported as a fact.
 */
export function peekResponse(samlResponse: string): { destination?: string; inResponseTo?: string; isResponse: boolean } {
  const decoded = decodeSamlResponse(samlResponse, new SamlCheckList());
  if (!decoded.ok || !decoded.doc.documentElement) return { isResponse: false };
  const root = decoded.doc.documentElement;
  const isResponse = root.namespaceURI === NS.samlp && root.localName === 'Response';
  return { destination: attr(root, 'Destination'), inResponseTo: attr(root, 'InResponseTo'), isResponse };
}

/** How the POST found its run, as the `saml.acs.relay_state` check. */
export type RelayMatch = 'relay_state' | 'in_response_to' | 'idp_initiated';

export function relayStateCheck(match: RelayMatch, relayState: string | undefined): Check {
  const id = 'saml.acs.relay_state';
  if (match === 'relay_state') return { id, status: 'pass', message: 'RelayState matched this run and was consumed (single use).', hint: '' };
  if (match === 'in_response_to') {
    return {
      id,
      status: 'warn',
      message: `${relayState === undefined ? 'The IdP returned no RelayState' : 'The IdP returned a RelayState this run never sent'}; the Response was matched to this run by its InResponseTo.`,
      hint: 'SAML Bindings §3.4.3: an IdP must return the RelayState it received, unchanged. Check IdP rules or proxies that drop or rewrite it; the platform may rely on it.',
    };
  }
  return { id, status: 'skip', message: 'An IdP-initiated login has no RelayState of this run to match.', hint: '' };
}

/**
 * Handles the ACS POST of a claimed run (matched by its RelayState or its InResponseTo; a POST matching neither is
 * refused before it gets here): the receipt and RelayState checks, strict validation in live mode (this run's request
 * ID for InResponseTo, the engine's replay cache), then the verdict.
 */
export async function completeSamlRun(startedAt: Date, secret: SamlRunSecret, samlResponse: string, relay: Check, deps: AcsDeps): Promise<Report> {
  const { timeline } = deps;
  const s = secret.subject;
  const checks = new CheckList();
  checks.addAll(secret.preChecks);
  timeline.record('authorize', startedAt, performance.now() - secret.startedPerf, 'ok');
  const endCallback = timeline.begin('callback');
  checks.pass('saml.acs.received', `The IdP POSTed a SAMLResponse to ${s.acsUrl} (HTTP-POST binding).`);
  checks.set(relay.id, relay.status, relay.message, relay.hint);
  endCallback(relay.status === 'fail' ? 'failed' : 'ok');
  const validation = await timeline.run(
    'validate',
    () =>
      validateSamlResponse({
        samlResponse,
        settings: s.settings,
        spEntityId: s.spEntityId,
        acsUrl: s.acsUrl,
        expectedRequestId: secret.requestId,
        now: deps.clock.now(),
        replayCache: deps.replayCache,
        decryptionKeyPem: deps.decryptionKeyPem,
      }),
    (v) => (v.verified ? 'ok' : 'failed'),
  );
  return samlVerdict({
    subject: s,
    source: 'live',
    at: deps.clock.now(),
    checks,
    validation,
    details: requestDetails(secret),
    timeline,
    notReached: 'Not reached: the Response was not accepted.',
  });
}

/**
 * A second POST for a run that already ended (a reloaded tab, the browser's back button, or a captured Response sent
 * again): validated against the replay cache only to say why it is refused. It never changes the run's report.
 */
export async function replayedResponseCheck(secret: SamlRunSecret, samlResponse: string, deps: Omit<AcsDeps, 'timeline'>): Promise<Check> {
  const s = secret.subject;
  const validation = await validateSamlResponse({
    samlResponse,
    settings: s.settings,
    spEntityId: s.spEntityId,
    acsUrl: s.acsUrl,
    expectedRequestId: secret.requestId,
    now: deps.clock.now(),
    replayCache: deps.replayCache,
    decryptionKeyPem: deps.decryptionKeyPem,
  });
  const replay = validation.checks.find((c) => c.id === 'saml.assertion.replay');
  if (replay?.status === 'fail') return replay;
  return {
    id: 'saml.acs.relay_state',
    status: 'fail',
    message: 'This Response answers a test run that has already finished (its RelayState and request ID are single-use).',
    hint: 'Start a new test from SSO Workbench; do not reload or re-submit the IdP’s POST.',
  };
}
