/**
 * Builds and signs SAML 2.0 Responses with a test IdP key (xml-crypto), so attack and fault cases start from a
 * Response a real IdP could have sent (SimpleSAMLphp's shape and timings: NotBefore = now-30 s, NotOnOrAfter =
 * now+300 s) and then change exactly one thing. Tests only: never import from main/.
 */
import { randomBytes } from 'node:crypto';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import type { CertificateInfo } from '../../main/core/idp/x509.js';
import { samlSettingsSchema, type SamlSettings } from '../../main/contract/schemas/connection-saml.js';
import { createReplayCache, type ReplayCache } from '../../main/core/saml/replay-cache.js';
import { validateSamlResponse, type SamlValidation } from '../../main/core/saml/validate-response.js';

export const [SAMLP, SAML, DS] = ['urn:oasis:names:tc:SAML:2.0:protocol', 'urn:oasis:names:tc:SAML:2.0:assertion', 'http://www.w3.org/2000/09/xmldsig#'];

export type TestKey = { certificatePem: string; privateKeyPem: string; certificate: CertificateInfo };

export async function createTestKey(commonName: string, now = new Date()): Promise<TestKey> {
  const pair = await generateSigningKeyPair({ algorithm: 'RSA-2048', commonName, validityDays: 30, now: new Date(now.getTime() - 86_400_000) });
  return { certificatePem: pair.certificatePem, privateKeyPem: pair.privateKeyPem, certificate: pair.certificate };
}

export interface ResponseShape {
  now: Date;
  idpEntityId: string;
  spEntityId: string;
  acsUrl: string;
  /** undefined → attribute omitted (unsolicited Response). */
  inResponseTo?: string;
  /** Seconds the IdP clock runs ahead of `now` (negative: behind). */
  idpClockAheadSeconds?: number;
  destination?: string | null;
  recipient?: string;
  audience?: string;
  issuer?: string;
  nameId?: string | null;
  nameIdFormat?: string;
  attributes?: Record<string, string[]>;
  assertionId?: string;
  status?: { code: string; sub?: string; message?: string };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const newId = () => `_${randomBytes(16).toString('hex')}`;

/** An unsigned Response with one Assertion, shaped like SimpleSAMLphp 1.19's. */
export function buildResponseXml(o: ResponseShape): string {
  const idpNow = o.now.getTime() + (o.idpClockAheadSeconds ?? 0) * 1000;
  const issuer = esc(o.issuer ?? o.idpEntityId);
  const irt = o.inResponseTo !== undefined ? ` InResponseTo="${esc(o.inResponseTo)}"` : '';
  const dest = o.destination === null ? '' : ` Destination="${esc(o.destination ?? o.acsUrl)}"`;
  const status = o.status ?? { code: 'urn:oasis:names:tc:SAML:2.0:status:Success' };
  const statusXml =
    `<samlp:Status><samlp:StatusCode Value="${esc(status.code)}">${status.sub ? `<samlp:StatusCode Value="${esc(status.sub)}"/>` : ''}</samlp:StatusCode>` +
    `${status.message ? `<samlp:StatusMessage>${esc(status.message)}</samlp:StatusMessage>` : ''}</samlp:Status>`;
  const attributes = Object.entries(o.attributes ?? {})
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
        values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`).join('') +
        '</saml:Attribute>',
    )
    .join('');
  const nameId =
    o.nameId === null ? '' : `<saml:NameID Format="${esc(o.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified')}">${esc(o.nameId ?? 'alice')}</saml:NameID>`;
  const assertion =
    (status.code.endsWith(':Success')
      ? `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${o.assertionId ?? newId()}" Version="2.0" IssueInstant="${instant(idpNow)}">` +
        `<saml:Issuer>${issuer}</saml:Issuer>` +
        `<saml:Subject>${nameId}<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
        `<saml:SubjectConfirmationData NotOnOrAfter="${instant(idpNow + 300_000)}" Recipient="${esc(o.recipient ?? o.acsUrl)}"${irt}/></saml:SubjectConfirmation></saml:Subject>` +
        `<saml:Conditions NotBefore="${instant(idpNow - 30_000)}" NotOnOrAfter="${instant(idpNow + 300_000)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? o.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${instant(idpNow)}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
        '</saml:Assertion>'
      : '');
  return (
    `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${newId()}" Version="2.0" IssueInstant="${instant(idpNow)}"${dest}${irt}>` +
    `<saml:Issuer>${issuer}</saml:Issuer>${statusXml}${assertion}</samlp:Response>`
  );
}

/** `keyInfo` (default true) puts the signer's certificate in KeyInfo, as IdPs do; verification must never trust it. */
export type SignOptions = { key: TestKey; algorithm?: 'sha256' | 'sha1'; keyInfo?: boolean };

const ALGORITHMS = {
  sha256: { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' },
  sha1: { signature: `${DS}rsa-sha1`, digest: `${DS}sha1` },
};

/** Enveloped signature (exc-c14n, SAML Core §5.4) placed right after the element's Issuer, as the schema orders it. */
function sign(xml: string, target: 'Response' | 'Assertion', options: SignOptions): string {
  const algorithm = ALGORITHMS[options.algorithm ?? 'sha256'];
  const element = target === 'Response' ? "/*[local-name()='Response']" : "/*[local-name()='Response']/*[local-name()='Assertion']";
  const sig = new SignedXml({
    privateKey: options.key.privateKeyPem,
    publicCert: options.keyInfo === false ? undefined : options.key.certificatePem,
    signatureAlgorithm: algorithm.signature,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({ xpath: element, transforms: [`${DS}enveloped-signature`, 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: algorithm.digest });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${element}/*[local-name()='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

export const signAssertion = (xml: string, options: SignOptions) => sign(xml, 'Assertion', options);
export const signResponse = (xml: string, options: SignOptions) => sign(xml, 'Response', options);

/** A Response signed the way the options say (default: Assertion signed, Response not). */
export function forgeResponse(shape: ResponseShape, signing: SignOptions & { assertion?: boolean; response?: boolean }): string {
  let xml = buildResponseXml(shape);
  if (signing.assertion !== false && !shape.status) xml = signAssertion(xml, signing);
  if (signing.response) xml = signResponse(xml, signing);
  return xml;
}

export const toBase64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const serialize = (node: Element) => new XMLSerializer().serializeToString(node);
const child = (parent: Element, ns: string, name: string): Element => {
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i) as Element | null;
    if (node && node.nodeType === 1 && node.namespaceURI === ns && node.localName === name) return node;
  }
  throw new Error(`no ${name} under ${parent.tagName}`);
};
const without = (el: Element, ns: string, name: string): Element => {
  const copy = el.cloneNode(true) as Element;
  copy.removeChild(child(copy, ns, name));
  return copy;
};

/** Removes every ds:Signature. */
export function stripSignatures(xml: string): string {
  const doc = parse(xml);
  for (const s of Array.from(doc.getElementsByTagNameNS(DS, 'Signature'))) s.parentNode?.removeChild(s);
  return serialize(doc.documentElement as Element);
}

/** Changes the NameID directly under the given Assertion (or the Response's Assertion). */
export function tamperNameId(el: Element, value: string): void {
  const assertion = el.localName === 'Assertion' ? el : child(el, SAML, 'Assertion');
  child(child(assertion, SAML, 'Subject'), SAML, 'NameID').textContent = value;
}

/**
 * XML Signature Wrapping, the eight variants of SAML Raider (after Somorovsky et al., "On Breaking SAML: Be Whoever
 * You Want to Be", USENIX Security 2012). XSW1–2 wrap a signed Response, XSW3–8 a signed Assertion. In each, the
 * genuine signed element survives somewhere the verifier may find it, and an evil copy carries `evilNameId`.
 */
export function applyXsw(xml: string, variant: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8, evilNameId: string): string {
  const doc = parse(xml);
  const response = doc.documentElement as Element;
  if (variant <= 2) {
    const signature = child(response, DS, 'Signature');
    const original = without(response, DS, 'Signature');
    if (variant === 1) signature.appendChild(original);
    else response.insertBefore(original, signature);
    response.setAttribute('ID', '_evil_response');
    tamperNameId(response, evilNameId);
    return serialize(response);
  }
  const assertion = child(response, SAML, 'Assertion');
  const unsignedCopy = without(assertion, DS, 'Signature');
  const evil = (withSignature: boolean) => {
    const copy = (withSignature ? assertion.cloneNode(true) : without(assertion, DS, 'Signature')) as Element;
    copy.setAttribute('ID', '_evil_assertion');
    tamperNameId(copy, evilNameId);
    return copy;
  };
  switch (variant) {
    case 3:
      response.insertBefore(evil(false), assertion);
      break;
    case 4: {
      const outer = evil(false);
      response.replaceChild(outer, assertion);
      outer.appendChild(assertion);
      break;
    }
    case 5:
      response.replaceChild(evil(true), assertion);
      response.appendChild(unsignedCopy);
      break;
    case 6: {
      const outer = evil(true);
      child(outer, DS, 'Signature').appendChild(unsignedCopy);
      response.replaceChild(outer, assertion);
      break;
    }
    case 7: {
      const extensions = doc.createElementNS(SAMLP, 'samlp:Extensions');
      response.insertBefore(extensions, assertion);
      const outer = without(assertion, DS, 'Signature');
      tamperNameId(outer, evilNameId);
      response.insertBefore(outer, assertion);
      extensions.appendChild(assertion);
      break;
    }
    case 8: {
      const outer = evil(true);
      const object = doc.createElementNS(DS, 'ds:Object');
      object.appendChild(unsignedCopy);
      child(outer, DS, 'Signature').appendChild(object);
      response.replaceChild(outer, assertion);
      break;
    }
  }
  return serialize(response);
}

/** Fixed names for unit tests: the loopback ACS and SP entity ID a connection would show, and the IdP's entity ID. */
export const FIXTURE = {
  idpEntityId: 'https://idp.example.test/saml2/idp/metadata.php',
  spEntityId: 'http://127.0.0.1:8719/saml/conn-1',
  acsUrl: 'http://127.0.0.1:8719/saml/acs',
} as const;

/** Connection settings that trust `trusted` (default mappings; groups from memberOf). */
export function samlTestSettings(trusted: TestKey[], overrides: Record<string, unknown> = {}): SamlSettings {
  return samlSettingsSchema.parse({
    idp: { entityId: FIXTURE.idpEntityId, ssoUrl: 'http://127.0.0.1:9/sso', certificates: trusted.map((k) => k.certificate) },
    attributeMappings: { userId: '$nameid', email: 'mail', name: 'displayName', givenName: 'givenName', familyName: 'sn' },
    groupSync: { enabled: true, attribute: 'memberOf' },
    ...overrides,
  });
}

export const REQUEST_ID = '_request0123456789abcdef';

/** Validates as a live run that sent REQUEST_ID, unless `expectedRequestId` says otherwise. */
export function validateForged(
  xml: string,
  settings: SamlSettings,
  options: { now?: Date; expectedRequestId?: string | null; replayCache?: ReplayCache; base64?: boolean; decryptionKeyPem?: string } = {},
): Promise<SamlValidation> {
  return validateSamlResponse({
    samlResponse: options.base64 === false ? xml : toBase64(xml),
    settings,
    spEntityId: FIXTURE.spEntityId,
    acsUrl: FIXTURE.acsUrl,
    expectedRequestId: options.expectedRequestId === null ? undefined : (options.expectedRequestId ?? REQUEST_ID),
    now: options.now ?? new Date(),
    replayCache: options.replayCache ?? createReplayCache(),
    decryptionKeyPem: options.decryptionKeyPem,
  });
}
