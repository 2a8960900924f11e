import type { Document, Element } from '@xmldom/xmldom';
import { getVerifiedXml, parseDomFromString, xpath } from '@node-saml/node-saml/lib/xml.js';
import type { CertificateInfo } from '../../contract/schemas/connection-fields.js';
import { describeCertificate } from '../idp/x509.js';
import { attr, childElements, firstChild, NS, path, text } from './xml-dom.js';

/** What one enveloped signature says about itself, and which configured certificate (if any) verifies it. */
export interface SignatureReport {
  target: 'Response' | 'Assertion';
  targetId?: string;
  referenceUri?: string;
  signatureAlgorithm?: string;
  digestAlgorithms: string[];
  /** Certificates the sender put in KeyInfo. Shown to compare fingerprints; never used to verify. */
  presented: { subject: string; fingerprintSha256: string }[];
  /** The configured IdP certificate that verified it (node-saml's own getVerifiedXml, one certificate at a time). */
  verifiedBy?: CertificateInfo;
  /** Why verification refused the signature's structure (wrapping, several references…), when it said so. */
  problem?: string;
}

export interface SignatureFacts {
  response?: SignatureReport;
  assertion?: SignatureReport;
  /** ds:Signature children per element; more than one on the same element is refused by node-saml. */
  extraSignatures: number;
  /** Direct Assertion children of the Response; signatures are judged only when there is exactly one. */
  assertionCount: number;
}

type NodeSamlElement = Parameters<typeof getVerifiedXml>[1];

/**
 * KeyInfo certificates seen recently → subject and fingerprint (neither depends on the clock). An IdP sends the same
 * certificate in every Response, so parsing it once per process instead of once per Response keeps X.509 parsing
 * off the ACS path. Bounded; the oldest entry goes first.
 */
const presentedCache = new Map<string, { subject: string; fingerprintSha256: string } | null>();
const PRESENTED_CACHE_SIZE = 32;

function describe(pemOrBody: string, now: Date): { subject: string; fingerprintSha256: string } | undefined {
  const key = pemOrBody.replace(/\s+/g, '');
  const cached = presentedCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let described: { subject: string; fingerprintSha256: string } | null;
  try {
    const info = describeCertificate(pemOrBody, now);
    described = { subject: info.subject, fingerprintSha256: info.fingerprintSha256 };
  } catch {
    described = null;
  }
  presentedCache.set(key, described);
  if (presentedCache.size > PRESENTED_CACHE_SIZE) presentedCache.delete(presentedCache.keys().next().value as string);
  return described ?? undefined;
}

function readSignature(target: SignatureReport['target'], element: Element, signature: Element, now: Date): SignatureReport {
  const signedInfo = firstChild(signature, NS.ds, 'SignedInfo');
  const references = signedInfo ? childElements(signedInfo, NS.ds, 'Reference') : [];
  const keyCerts = path(signature, NS.ds, 'KeyInfo', 'X509Data');
  const presented = (keyCerts ? childElements(keyCerts, NS.ds, 'X509Certificate') : [])
    .map((el) => describe(text(el) ?? '', now))
    .filter((c): c is NonNullable<typeof c> => !!c);
  return {
    target,
    targetId: attr(element, 'ID'),
    referenceUri: attr(references[0], 'URI'),
    signatureAlgorithm: attr(firstChild(signedInfo, NS.ds, 'SignatureMethod'), 'Algorithm'),
    digestAlgorithms: references.map((ref) => attr(firstChild(ref, NS.ds, 'DigestMethod'), 'Algorithm') ?? '(none)'),
    presented,
  };
}

/**
 * Finds the enveloped signatures on the Response and on its single Assertion (SAML 2.0 Core §5.4.1: a signature
 * sits inside the element it signs, referencing its ID) and reads what each says about itself. No cryptography:
 * `verifySignatures` adds which configured certificate verifies each.
 */
export function readSignatureFacts(doc: Document, now: Date): SignatureFacts {
  const facts: SignatureFacts = { extraSignatures: 0, assertionCount: 0 };
  const root = doc.documentElement;
  if (!root) return facts;
  const assertions = childElements(root, NS.saml, 'Assertion');
  facts.assertionCount = assertions.length;
  const targets: [SignatureReport['target'], Element | undefined][] = [
    ['Response', root],
    ['Assertion', assertions.length === 1 ? assertions[0] : undefined],
  ];
  for (const [target, element] of targets) {
    if (!element) continue;
    const signatures = childElements(element, NS.ds, 'Signature');
    if (signatures.length > 1) facts.extraSignatures += signatures.length - 1;
    const first = signatures[0];
    if (!first) continue;
    const report = readSignature(target, element, first, now);
    if (target === 'Response') facts.response = report;
    else facts.assertion = report;
  }
  return facts;
}

/**
 * Learns which configured certificate verifies each signature in `facts`, with node-saml's getVerifiedXml — the
 * same routine, with the same anti-wrapping rules, that validatePostResponseAsync uses — once per certificate, so
 * the report can name the certificate that worked.
 *
 * `vouched` names the signatures node-saml has ALREADY verified with this very routine over these very bytes and
 * the configured certificates (see `vouchedByNodeSaml`). When exactly one certificate is configured, that one is the
 * certificate that verified them, so they are not verified a second time. Everything else is verified here.
 * These facts only explain; the verdict and every value shown to the user come from node-saml's validation.
 */
export async function verifySignatures(xml: string, facts: SignatureFacts, certificates: CertificateInfo[], vouched: ReadonlySet<SignatureReport['target']> = new Set()): Promise<SignatureFacts> {
  const pending: SignatureReport[] = [];
  for (const report of [facts.response, facts.assertion]) {
    if (!report) continue;
    if (vouched.has(report.target) && certificates.length === 1) report.verifiedBy = certificates[0];
    else pending.push(report);
  }
  if (pending.length === 0) return facts;

  let dom: Awaited<ReturnType<typeof parseDomFromString>>;
  try {
    dom = await parseDomFromString(xml);
  } catch {
    return facts;
  }
  const nodes: Record<SignatureReport['target'], NodeSamlElement | undefined> = {
    Response: xpath.selectElements(dom, "/*[local-name()='Response']")[0],
    Assertion: (() => {
      const found = xpath.selectElements(dom, "/*[local-name()='Response']/*[local-name()='Assertion']");
      return found.length === 1 ? found[0] : undefined;
    })(),
  };
  for (const report of pending) {
    const node = nodes[report.target];
    if (!node) continue;
    for (const certificate of certificates) {
      try {
        if (getVerifiedXml(xml, node, [certificate.pem])) {
          report.verifiedBy = certificate;
          break;
        }
      } catch (error) {
        report.problem = (error as Error).message;
        break;
      }
    }
  }
  return facts;
}

/**
 * Which signatures node-saml ≥ 5.1's validatePostResponseAsync has verified when it ACCEPTED a plain (unencrypted)
 * Response, read off its fixed order (saml.js): it always runs getVerifiedXml on the Response element (a signature
 * there that throws refuses the whole Response); it fails unless that verified when `wantAuthnResponseSigned`; and it
 * verifies the single Assertion when `wantAssertionsSigned` (or when the Response did not verify). Only what that
 * order proves is vouched for: a Response signature node-saml was free to ignore is verified again by
 * `verifySignatures` (test/unit/saml-attacks.test.ts has the Responses that tell the difference).
 */
export function vouchedByNodeSaml(facts: SignatureFacts, options: { requireSignedResponse: boolean; requireSignedAssertions: boolean }): Set<SignatureReport['target']> {
  const vouched = new Set<SignatureReport['target']>();
  if (facts.extraSignatures > 0 || facts.assertionCount > 1) return vouched;
  if (facts.response && options.requireSignedResponse) vouched.add('Response');
  if (facts.assertion && facts.assertionCount === 1 && options.requireSignedAssertions) vouched.add('Assertion');
  return vouched;
}
