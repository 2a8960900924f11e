import type { Element } from '@xmldom/xmldom';
import type { SamlSettings } from '../../contract/schemas/connection-saml.js';
import { NAMEID } from '../../contract/schemas/connection-saml.js';
import type { Check } from '../../contract/schemas/report.js';
import { parseXmlSafely } from '../idp/xml-safety.js';
import { checkAssertion, readAssertion, UNSPECIFIED_NAMEID, type AssertionFacts } from './assertion-checks.js';
import { CheckList, type SamlCheckId } from './check-list.js';
import { decryptForChecks } from './encrypted-assertion.js';
import { decryptNameId } from './encrypted-nameid.js';
import { normalizeSamlAttributes } from './map-attributes.js';
import { classifyNodeSamlError, runNodeSaml } from './node-saml-run.js';
import { prettyXml } from './pretty-xml.js';
import type { ReplayCache } from './replay-cache.js';
import { MAX_RESPONSE_BYTES, decodeSamlResponse } from './response-input.js';
import { recordSignatureChecks, signatureMarker, wrongCertificateHint } from './signature-checks.js';
import { readSignatureFacts, verifySignatures, vouchedByNodeSaml, type SignatureFacts } from './signatures.js';
import { attr, childElements, descendants, firstChild, hasInlineMarkup, NS, path, text } from './xml-dom.js';

export interface ValidateSamlResponseInput {
  /** The HTTP-POST `SAMLResponse` value (base64) or the decoded XML (offline inspect accepts both). */
  samlResponse: string;
  settings: SamlSettings;
  spEntityId: string;
  /** The exact ACS URL this SP announced; Destination and Recipient must equal it character for character. */
  acsUrl: string;
  /** The AuthnRequest ID of this live run; undefined for offline inspect (InResponseTo is then not checked). */
  expectedRequestId?: string;
  now: Date;
  replayCache: ReplayCache;
  /** The SP encryption key (from the keychain) when the connection asks for encrypted assertions; used, never kept. */
  decryptionKeyPem?: string | undefined;
}

export interface SamlValidationDetails {
  /** Pretty XML with `<!-- ✔ SIGNED … -->` markers; raw bytes for diagnosis, never a source of claims. */
  responseXml?: string;
  conditions: { notBefore?: string; notOnOrAfter?: string; audience: string[]; now: string; skewSeconds: number };
  certificateUsed?: { subject: string; fingerprintSha256: string; notAfter: string };
  statusCode?: string;
  subStatusCode?: string;
  statusMessage?: string;
  issuer?: string;
  destination?: string;
  recipient?: string;
  inResponseTo?: string;
  /** node-saml's refusal, verbatim, when it refused. */
  nodeSamlError?: string;
}

export interface SamlValidation {
  checks: Check[];
  /** Only from bytes node-saml verified, and only when no signature check failed. */
  nameId?: { value: string; format: string };
  attributes: Record<string, string[]>;
  /** Attribute names → 'saml_assertion'; `$nameid` → 'saml_nameid' when a NameID was verified. */
  claimOrigins: Record<string, 'saml_assertion' | 'saml_nameid'>;
  details: SamlValidationDetails;
  /** True only when node-saml accepted the Response and no check failed. */
  verified: boolean;
}

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
/** A failure of one of these means the bytes cannot be trusted, so no profile is built even from node-saml's output. */
const INTEGRITY: SamlCheckId[] = ['saml.signature.present', 'saml.signature.valid', 'saml.signature.algorithm', 'saml.assertion.signed', 'saml.response.xml'];

const NODE_SAML_HINTS: Partial<Record<SamlCheckId, string>> = {
  'saml.assertion.in_response_to':
    'The Response does not answer this run\'s AuthnRequest (stale tab, second login, or IdP-initiated). Start a new test run and log in once.',
  'saml.assertion.time_window': 'The clocks of the IdP and this machine differ: sync both with NTP, or raise clockSkewSeconds (max 600).',
  'saml.assertion.audience': 'Set the IdP app\'s Audience / SP Entity ID to exactly the connection\'s SP entity ID.',
  'saml.response.xml': 'node-saml could not read the (decrypted) assertion: check the IdP encrypts to the SP encryption certificate of the current SP metadata.',
  'saml.signature.present': 'Enable Response signing in the IdP app, or turn off "require signed response".',
  'saml.assertion.signed': 'Enable assertion signing in the IdP app ("Sign assertion").',
  'saml.response.status': 'See the IdP status: the IdP refused the login; its logs say why.',
};

/**
 * Validates a SAML 2.0 Response for the Web Browser SSO profile (SAML 2.0 Profiles §4.1.4.3, §4.1.4.5) the strict
 * way: size and DOCTYPE before parsing, then node-saml ≥ 5.1 (signatures against the configured certificates only,
 * audience, time, InResponseTo), then what node-saml leaves to the SP: Destination and Recipient equal to the exact
 * ACS URL, Issuer equal to the IdP entity ID, one-time use of the assertion ID, SHA-1 refusal, IdP status, and
 * comment injection in identity values. Every finding is one check with a stable id and a hint.
 */
export async function validateSamlResponse(input: ValidateSamlResponseInput): Promise<SamlValidation> {
  const { settings, now } = input;
  const checks = new CheckList();
  const details: SamlValidationDetails = { conditions: { audience: [], now: now.toISOString(), skewSeconds: settings.clockSkewSeconds } };
  const result = (why: string, extra: Partial<SamlValidation> = {}): SamlValidation => ({
    checks: checks.list(why),
    attributes: {},
    claimOrigins: {},
    details,
    verified: false,
    ...extra,
  });

  const decoded = decodeSamlResponse(input.samlResponse, checks);
  if (!decoded.ok) return result('the Response was refused before parsing.');
  const root = decoded.doc.documentElement;
  if (!root || root.namespaceURI !== NS.samlp || root.localName !== 'Response') {
    checks.fail('saml.response.xml', `The root element is ${root?.tagName ?? '(none)'}, not a samlp:Response.`, 'Give the SAMLResponse posted to the ACS (a Response), not an AuthnRequest, metadata or an assertion alone.');
    return result('this is not a SAML Response.');
  }
  // An encrypted assertion (Core §2.3.4) is decrypted with the SP key for the SP-side checks and the report; the
  // Response's own signature is judged on the bytes as received, and node-saml validates those bytes itself.
  let work: Element = root;
  let workXml = decoded.xml;
  let workDoc = decoded.doc;
  let responseSignature: SignatureFacts['response'];
  const encryptedOnly = childElements(root, NS.saml, 'EncryptedAssertion');
  const isEncrypted = encryptedOnly.length === 1 && childElements(root, NS.saml, 'Assertion').length === 0;
  if (isEncrypted && encryptedOnly[0]) {
    responseSignature = (await verifySignatures(decoded.xml, readSignatureFacts(decoded.doc, now), settings.idp.certificates)).response;
    const decrypted = await decryptForChecks(decoded.doc, encryptedOnly[0], input.decryptionKeyPem, checks);
    if (!decrypted?.doc.documentElement) return result('the assertion is encrypted and was not decrypted.');
    [work, workXml, workDoc] = [decrypted.doc.documentElement, decrypted.xml, decrypted.doc];
  }
  if (!isEncrypted && childElements(root, NS.saml, 'Assertion').length > 0) {
    if (settings.encryptAssertions) {
      checks.set(
        'saml.assertion.encryption',
        'warn',
        'The connection asks for encrypted assertions, but the IdP sent the assertion in the clear.',
        'Turn on assertion encryption for this SP at the IdP (it uses the encryption certificate of the SP metadata: ssowb connections sp-metadata).',
      );
    } else {
      checks.pass('saml.assertion.encryption', 'Not encrypted: the connection does not ask for encrypted assertions.');
    }
  }
  const assertions = childElements(work, NS.saml, 'Assertion');
  const facts = readSignatureFacts(workDoc, now);
  if (isEncrypted) facts.response = responseSignature;
  const showXml = () => (details.responseXml = prettyXml(work, signatureMarker(facts, work, assertions.length === 1 ? assertions[0] : undefined)));

  // IdP status (Core §3.2.2.2): anything but Success is the verdict; there is no assertion to check.
  const statusCode = path(root, NS.samlp, 'Status', 'StatusCode');
  details.statusCode = attr(statusCode, 'Value');
  details.subStatusCode = attr(firstChild(statusCode, NS.samlp, 'StatusCode'), 'Value');
  details.statusMessage = text(path(root, NS.samlp, 'Status', 'StatusMessage'));
  details.issuer = text(firstChild(root, NS.saml, 'Issuer'));
  details.destination = attr(root, 'Destination');
  details.inResponseTo = attr(root, 'InResponseTo');
  if (details.statusCode !== SUCCESS) {
    await verifySignatures(workXml, isEncrypted ? { ...facts, response: undefined } : facts, settings.idp.certificates);
    showXml();
    const sub = details.subStatusCode ? ` / ${details.subStatusCode.replace(/^.*:/, '')}` : '';
    checks.fail(
      'saml.response.status',
      `The IdP answered ${details.statusCode?.replace(/^.*:/, '') ?? '(no StatusCode)'}${sub}${details.statusMessage ? `: ${details.statusMessage}` : ''}.`,
      'The IdP refused the login (e.g. RequestDenied: user not assigned to the app; InvalidNameIDPolicy: NameID format not available; NoPassive/AuthnFailed). Check the IdP\'s logs and the app assignment.',
    );
    return result('the IdP returned an error status, so there is no assertion.');
  }
  checks.pass('saml.response.status', 'Success.');
  const encrypted = childElements(work, NS.saml, 'EncryptedAssertion').length;
  if (encrypted) {
    checks.fail('saml.response.xml', `The Response holds ${encrypted} EncryptedAssertion element(s)${assertions.length ? ' beside a plain assertion' : ''}; exactly one assertion is accepted.`, 'A genuine IdP sends one (encrypted or plain) assertion per Response.');
  } else if (assertions.length !== 1) {
    checks.fail('saml.response.xml', `The Response holds ${assertions.length} assertions; exactly one is accepted.`, 'Several assertions in one Response are a signature-wrapping pattern; a genuine IdP sends one.');
  } else {
    checks.pass('saml.response.xml', 'A samlp:Response with one assertion.');
  }

  const nodeSaml = settings.idp.certificates.length
    ? await runNodeSaml({ settings, spEntityId: input.spEntityId, acsUrl: input.acsUrl, expectedRequestId: input.expectedRequestId, decryptionKeyPem: input.decryptionKeyPem }, decoded.xml, now)
    : ({ ok: false, error: new Error('no IdP signing certificate is configured') } as const);
  // The signatures node-saml verified on acceptance are not verified twice (plain Responses only: for an encrypted
  // one, the Response signature was judged above, and the assertion is the one we decrypted, so it is verified here).
  if (isEncrypted) await verifySignatures(workXml, { ...facts, response: undefined }, settings.idp.certificates);
  else await verifySignatures(workXml, facts, settings.idp.certificates, nodeSaml.ok ? vouchedByNodeSaml(facts, settings) : undefined);
  showXml();
  const certificateUsed = recordSignatureChecks(facts, settings, checks);
  if (certificateUsed) details.certificateUsed = { subject: certificateUsed.subject, fingerprintSha256: certificateUsed.fingerprintSha256, notAfter: certificateUsed.notAfter };
  // Destination (Profiles §4.1.4.5; Bindings §3.5.5.2): must be the exact ACS URL; required when the Response is signed.
  const destinationHint = `Set the IdP app's ACS URL (Reply URL / Single sign-on URL) to exactly ${input.acsUrl}: scheme, host (127.0.0.1 is not localhost), port and path all count.`;
  if (details.destination === input.acsUrl) checks.pass('saml.response.destination', `Destination is ${input.acsUrl}.`);
  else if (details.destination !== undefined) checks.fail('saml.response.destination', `Destination is ${details.destination}, expected exactly ${input.acsUrl}.`, destinationHint);
  else if (facts.response) checks.fail('saml.response.destination', 'The signed Response has no Destination (required for signed Responses, Bindings §3.5.5.2).', destinationHint);
  else checks.set('saml.response.destination', 'warn', 'The Response has no Destination; the assertion\'s Recipient binds it to this ACS instead.', destinationHint);

  // Assertion-level checks: on the assertion node-saml verified, or (to explain a refusal) on the raw one with
  // passes downgraded to skips, since nothing unverified may be reported as fine.
  let assertion: AssertionFacts | undefined;
  const verifiedXml = nodeSaml.ok ? nodeSaml.profile.getAssertionXml?.() : undefined;
  if (verifiedXml) assertion = readVerified(verifiedXml, checks);
  else if (assertions.length === 1 && assertions[0]) assertion = readAssertion(assertions[0]);
  // An encrypted NameID (Core §2.2.4) is decrypted once, from the assertion node-saml verified and only when no
  // signature check failed; an EncryptedID anywhere else is never read. Without a key the report says how to add one.
  if (assertion?.encryptedId && !assertion.nameId) {
    const trusted = !!verifiedXml && !INTEGRITY.some((id) => checks.failed(id));
    if (!input.decryptionKeyPem || trusted) {
      const outcome = await decryptNameId(assertion.encryptedId, input.decryptionKeyPem, checks);
      if (outcome.ok) assertion.nameId = outcome.nameId;
      assertion.nameIdDecryption = outcome.ok ? { decrypted: true } : { decrypted: false, why: outcome.why, hint: outcome.hint };
    }
  }
  if (assertion) {
    const unverified = !verifiedXml;
    checkAssertion(
      assertion,
      { spEntityId: input.spEntityId, acsUrl: input.acsUrl, idpEntityId: settings.idp.entityId, expectedRequestId: input.expectedRequestId, now, skewSeconds: settings.clockSkewSeconds, responseIssuer: details.issuer, responseInResponseTo: details.inResponseTo },
      (id, status, message, hint) =>
        unverified && status === 'pass' ? checks.set(id, 'skip', `Looks right but is not verified (node-saml refused the Response): ${message}`) : checks.set(id, status, message, hint),
    );
    details.conditions = { ...details.conditions, notBefore: assertion.notBefore, notOnOrAfter: assertion.notOnOrAfter, audience: assertion.audiences.flat() };
    details.recipient = assertion.bearer.map((b) => b.recipient).find((r) => r !== undefined);
    if (!details.issuer) details.issuer = assertion.issuer;
  }

  // Comment injection: c14n drops comments, so `a<!---->b` verifies as "ab" while naive readers see "a".
  let tampered = false;
  for (const el of [...descendants(work, NS.saml, 'NameID'), ...descendants(work, NS.saml, 'AttributeValue')]) {
    if (!hasInlineMarkup(el)) continue;
    tampered = true;
    const id = el.localName === 'NameID' ? 'saml.nameid.present' : 'saml.response.xml';
    const signedValue = el.textContent ?? '';
    const firstPart = el.firstChild?.nodeType === 3 ? (el.firstChild.nodeValue ?? '') : '';
    checks.fail(
      id,
      `The ${el.localName} contains an XML comment or processing instruction: its signed value is "${signedValue}", but a reader taking the first text node sees "${firstPart}". Refused as tampered.`,
      'IdPs never put comments inside identity values: this Response was altered after signing (comment-injection attack).',
    );
  }

  if (!nodeSaml.ok) {
    details.nodeSamlError = nodeSaml.error.message;
    const id = classifyNodeSamlError(nodeSaml.error, { responseSigned: !!facts.response, assertionSigned: !!facts.assertion });
    const hint = id === 'saml.signature.valid' ? wrongCertificateHint([facts.response, facts.assertion].filter((r) => !!r), settings.idp.certificates) : NODE_SAML_HINTS[id] ?? '';
    checks.fail(id, `node-saml refused the Response: ${nodeSaml.error.message}.`, hint); // after our own finding, which says more
  }

  // One-time use (Profiles §4.1.4.5), keyed on the verified assertion ID, kept until NotOnOrAfter + skew.
  const skewMs = settings.clockSkewSeconds * 1000;
  const assertionId = verifiedXml ? assertion?.id : undefined;
  if (assertionId && input.replayCache.seen(assertionId, now)) {
    checks.fail('saml.assertion.replay', `Assertion ${assertionId} was already used; a replayed Response is refused.`, 'Each login must produce a new Response: do not re-submit the POST (browser back/reload). If this was not you, someone replayed a captured Response.');
  } else if (assertionId) {
    checks.pass('saml.assertion.replay', `Assertion ${assertionId} is used for the first time.`);
  }

  const verified = nodeSaml.ok && !checks.anyFailed();
  if (verified && assertionId && assertion) {
    const ends = [assertion.notOnOrAfter, ...assertion.bearer.map((b) => b.notOnOrAfter)].map((v) => (v ? Date.parse(v) : NaN)).filter((v) => !Number.isNaN(v));
    input.replayCache.remember(assertionId, new Date((ends.length ? Math.max(...ends) : NaN) + skewMs), now);
  }
  if (!nodeSaml.ok || tampered || INTEGRITY.some((id) => checks.failed(id))) {
    return result(nodeSaml.ok ? 'the Response failed an integrity check.' : 'node-saml refused the Response.');
  }
  const profile = nodeSaml.profile;
  const decryptedNameId = assertion?.nameIdDecryption?.decrypted ? assertion.nameId : undefined;
  const nameId = profile.nameID ? { value: profile.nameID, format: profile.nameIDFormat || UNSPECIFIED_NAMEID } : decryptedNameId;
  const attributes = normalizeSamlAttributes(profile.attributes as Record<string, unknown> | undefined);
  const claimOrigins: SamlValidation['claimOrigins'] = Object.fromEntries(Object.keys(attributes).map((name) => [name, 'saml_assertion' as const]));
  if (nameId) claimOrigins[NAMEID] = 'saml_nameid';
  return { ...result(verified ? 'not applicable.' : 'an earlier check failed.'), nameId, attributes, claimOrigins, verified };
}

/** The assertion node-saml verified (its own serialisation of the signed bytes), parsed for the SP-side checks. */
function readVerified(xml: string, checks: CheckList): AssertionFacts | undefined {
  try {
    return readAssertion(parseXmlSafely(xml, MAX_RESPONSE_BYTES).documentElement as Element);
  } catch (error) {
    checks.fail('saml.response.xml', `The verified assertion could not be re-read: ${(error as Error).message}`, 'Report this Response to the SSO Workbench maintainers.');
    return undefined;
  }
}
