import type { Element } from '@xmldom/xmldom';
import type { Check } from '../../contract/schemas/report.js';
import type { SamlCheckId } from './check-list.js';
import { attr, childElements, firstChild, NS, path, text } from './xml-dom.js';

export type Record_ = (id: SamlCheckId, status: Check['status'], message: string, hint?: string) => void;

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
export const UNSPECIFIED_NAMEID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/** The parts of one Assertion the SP must check itself (SAML 2.0 Core §2.3.3, §2.4, §2.5; Profiles §4.1.4.2). */
export interface AssertionFacts {
  id?: string;
  issuer?: string;
  issueInstant?: string;
  notBefore?: string;
  notOnOrAfter?: string;
  /** One list per AudienceRestriction: each restriction must name us (Core §2.5.1.4). */
  audiences: string[][];
  bearer: { recipient?: string; notOnOrAfter?: string; inResponseTo?: string }[];
  nameId?: { value: string; format: string };
  /** The Subject's EncryptedID (Core §2.2.4), decrypted by the caller only from the verified assertion. */
  encryptedId?: Element;
  /** Set by the caller: the NameID came from decrypting the EncryptedID, or why it did not. */
  nameIdDecryption?: { decrypted: true } | { decrypted: false; why: string; hint: string };
}

export function readAssertion(assertion: Element): AssertionFacts {
  const conditions = firstChild(assertion, NS.saml, 'Conditions');
  const subject = firstChild(assertion, NS.saml, 'Subject');
  const nameIdEl = firstChild(subject, NS.saml, 'NameID');
  const nameIdValue = text(nameIdEl);
  return {
    id: attr(assertion, 'ID'),
    issuer: text(firstChild(assertion, NS.saml, 'Issuer')),
    issueInstant: attr(assertion, 'IssueInstant'),
    notBefore: attr(conditions, 'NotBefore'),
    notOnOrAfter: attr(conditions, 'NotOnOrAfter'),
    audiences: conditions
      ? childElements(conditions, NS.saml, 'AudienceRestriction').map((r) => childElements(r, NS.saml, 'Audience').map((a) => text(a) ?? ''))
      : [],
    bearer: (subject ? childElements(subject, NS.saml, 'SubjectConfirmation') : [])
      .filter((sc) => attr(sc, 'Method') === BEARER)
      .map((sc) => {
        const data = firstChild(sc, NS.saml, 'SubjectConfirmationData');
        return { recipient: attr(data, 'Recipient'), notOnOrAfter: attr(data, 'NotOnOrAfter'), inResponseTo: attr(data, 'InResponseTo') };
      }),
    nameId: nameIdValue ? { value: nameIdValue, format: attr(nameIdEl, 'Format') ?? UNSPECIFIED_NAMEID } : undefined,
    encryptedId: path(assertion, NS.saml, 'Subject', 'EncryptedID'),
  };
}

export interface AssertionCheckContext {
  spEntityId: string;
  acsUrl: string;
  idpEntityId: string;
  expectedRequestId?: string;
  now: Date;
  skewSeconds: number;
  /** Response@Issuer (optional, Core §3.2.2) and Response@InResponseTo. */
  responseIssuer?: string;
  responseInResponseTo?: string;
}

const seconds = (ms: number) => Math.round(Math.abs(ms) / 1000);

/** Conditions and bearer SubjectConfirmationData time bounds against `now` ± skew (Core §2.5.1.2, Profiles §4.1.4.2). */
function checkTimeWindow(facts: AssertionFacts, ctx: AssertionCheckContext, record: Record_): void {
  const now = ctx.now.getTime();
  const skewMs = ctx.skewSeconds * 1000;
  const skew = `allowed clock skew ${ctx.skewSeconds} s`;
  const issued = facts.issueInstant ? Date.parse(facts.issueInstant) : NaN;
  const drift = Number.isNaN(issued) ? 0 : issued - now;
  const driftNote =
    Math.abs(drift) > skewMs ? ` IssueInstant is ${seconds(drift)} s ${drift > 0 ? 'ahead of' : 'behind'} this machine's clock.` : '';
  const bounds: [string, string | undefined, 'before' | 'after'][] = [
    ['Conditions NotBefore', facts.notBefore, 'before'],
    ['Conditions NotOnOrAfter', facts.notOnOrAfter, 'after'],
    ...facts.bearer.map((b): [string, string | undefined, 'after'] => ['SubjectConfirmationData NotOnOrAfter', b.notOnOrAfter, 'after']),
  ];
  for (const [label, value, kind] of bounds) {
    if (value === undefined) continue;
    const at = Date.parse(value);
    if (Number.isNaN(at)) {
      record('saml.assertion.time_window', 'fail', `${label} "${value}" is not a valid xs:dateTime.`, 'The IdP sent a malformed time; report it to the IdP vendor.');
      return;
    }
    if (kind === 'before' && now + skewMs < at) {
      const off = seconds(at - now);
      record(
        'saml.assertion.time_window',
        'fail',
        `The assertion is not yet valid: ${label} ${value} is ${off} s after now (${ctx.now.toISOString()}), beyond the ${skew}.${driftNote}`,
        `The IdP clock is ahead of this machine's (or this one is behind) by about ${seconds(drift || at - now)} s: sync both clocks with NTP; as a stopgap raise clockSkewSeconds to at least ${off} (max 600).`,
      );
      return;
    }
    if (kind === 'after' && now - skewMs >= at) {
      const off = seconds(now - at);
      record(
        'saml.assertion.time_window',
        'fail',
        `The assertion has expired: ${label} ${value} was ${off} s before now (${ctx.now.toISOString()}), beyond the ${skew}.${driftNote}`,
        `Either the Response is old (a replayed or re-submitted POST: log in again) or the clocks differ by about ${off} s: sync both with NTP; as a stopgap raise clockSkewSeconds (max 600).`,
      );
      return;
    }
  }
  const window = `${facts.notBefore ?? '(no NotBefore)'} to ${facts.notOnOrAfter ?? '(no NotOnOrAfter)'}`;
  record('saml.assertion.time_window', 'pass', `Valid from ${window}; now ${ctx.now.toISOString()}; ${skew}.${driftNote}`);
}

function checkInResponseTo(facts: AssertionFacts, ctx: AssertionCheckContext, record: Record_): void {
  const id = 'saml.assertion.in_response_to';
  const said = ctx.responseInResponseTo;
  if (ctx.expectedRequestId === undefined) {
    record(id, 'skip', `Offline inspect: no AuthnRequest was sent, so InResponseTo is not checked (node-saml validateInResponseTo 'never'); the Response says ${said ?? '(none)'}.`);
    return;
  }
  const hint = 'The Response does not answer the AuthnRequest of this run: a stale tab, a second login, or an IdP-initiated login. Start a new test run from the workbench and log in once.';
  if (!said) {
    record(id, 'fail', `Response InResponseTo is missing; this run sent request ${ctx.expectedRequestId} (an unsolicited or IdP-initiated Response).`, hint);
    return;
  }
  const mismatched = [said, ...facts.bearer.map((b) => b.inResponseTo)].filter((v) => v !== undefined && v !== ctx.expectedRequestId);
  if (mismatched.length) {
    record(id, 'fail', `InResponseTo ${mismatched.join(', ')} does not match the request this run sent (${ctx.expectedRequestId}).`, hint);
    return;
  }
  record(id, 'pass', `InResponseTo matches the AuthnRequest ${ctx.expectedRequestId}.`);
}

/**
 * The assertion-level checks node-saml leaves to the SP (Profiles §4.1.4.2–§4.1.4.3): Issuer, Audience, bearer
 * Recipient = ACS URL, time window with seconds off, InResponseTo, NameID. `record` decides what a pass means:
 * a pass on bytes node-saml did not verify is reported as a skip by the caller.
 */
export function checkAssertion(facts: AssertionFacts, ctx: AssertionCheckContext, record: Record_): void {
  const issuerHint = `Set the connection's IdP entity ID to exactly the IdP's Issuer (re-import the IdP metadata); expected "${ctx.idpEntityId}".`;
  const issuers = [['Response Issuer', ctx.responseIssuer], ['Assertion Issuer', facts.issuer]] as const;
  const wrong = issuers.filter(([label, value]) => (label === 'Assertion Issuer' || value !== undefined) && value !== ctx.idpEntityId);
  if (wrong.length) {
    record('saml.response.issuer', 'fail', wrong.map(([label, value]) => `${label} is "${value ?? '(missing)'}", expected "${ctx.idpEntityId}".`).join(' '), issuerHint);
  } else {
    record('saml.response.issuer', 'pass', `Issuer is ${ctx.idpEntityId}.`);
  }

  const audienceHint = `In the IdP app, set the Audience / SP Entity ID / Identifier to exactly "${ctx.spEntityId}" (the connection's SP entity ID), or change spEntityId to what the IdP sends.`;
  const all = facts.audiences.flat();
  if (facts.audiences.length === 0) {
    record('saml.assertion.audience', 'fail', 'The assertion has no AudienceRestriction; a bearer assertion must name its audience (Profiles §4.1.4.2).', audienceHint);
  } else if (!facts.audiences.every((list) => list.includes(ctx.spEntityId))) {
    record('saml.assertion.audience', 'fail', `Audience is ${all.map((a) => `"${a}"`).join(', ')}, expected "${ctx.spEntityId}".`, audienceHint);
  } else {
    record('saml.assertion.audience', 'pass', `Audience is ${ctx.spEntityId}.`);
  }

  const recipients = facts.bearer.map((b) => b.recipient ?? '(none)');
  if (!facts.bearer.some((b) => b.recipient === ctx.acsUrl)) {
    record(
      'saml.assertion.recipient',
      'fail',
      facts.bearer.length
        ? `SubjectConfirmationData Recipient is ${recipients.join(', ')}, expected exactly ${ctx.acsUrl}.`
        : 'The assertion has no bearer SubjectConfirmation (Profiles §4.1.4.2 requires one with Recipient = ACS URL).',
      `Set the IdP app's ACS URL (Reply URL / Single sign-on URL) to exactly ${ctx.acsUrl}: scheme, host (127.0.0.1 is not localhost), port and path all count.`,
    );
  } else {
    record('saml.assertion.recipient', 'pass', `Recipient is ${ctx.acsUrl}.`);
  }

  checkTimeWindow(facts, ctx, record);
  checkInResponseTo(facts, ctx, record);

  const decryption = facts.nameIdDecryption;
  if (facts.nameId) {
    const decrypted = decryption?.decrypted ? ', decrypted from the EncryptedID with the SP encryption key' : '';
    record('saml.nameid.present', 'pass', `NameID ${facts.nameId.value} (${facts.nameId.format})${decrypted}.`);
  } else if (facts.encryptedId) {
    const refusal = decryption && !decryption.decrypted ? decryption : undefined;
    record(
      'saml.nameid.present',
      'fail',
      `The NameID is encrypted (EncryptedID) and was not decrypted: ${refusal?.why ?? 'only the EncryptedID of an assertion whose signatures verified is decrypted'}.`,
      refusal?.hint ?? 'Fix the refusal above first: the EncryptedID is decrypted once the signed assertion verifies.',
    );
  } else {
    record(
      'saml.nameid.present',
      'fail',
      'The assertion has no NameID in its Subject.',
      'Configure the IdP app to send a NameID (e.g. persistent, or emailAddress from the user\'s mail); the user ID mapping $nameid needs it.',
    );
  }
}
