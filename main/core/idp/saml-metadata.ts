import type { Element } from '@xmldom/xmldom';
import type { Http } from '../ports/http.js';
import { assertFetchableUrl } from './url-policy.js';
import { describeCertificate, normalizePem, type CertificateInfo } from './x509.js';
import { DEFAULT_MAX_XML_BYTES, parseXmlSafely } from './xml-safety.js';

export const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
const SAML2_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const BINDINGS = {
  'HTTP-Redirect': 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  'HTTP-POST': 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;
const EXPIRY_WARNING_DAYS = 30;

/** What the workbench needs from an IdP's SAML metadata to build a connection, plus what a person should look at. */
export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  ssoBinding: 'HTTP-Redirect' | 'HTTP-POST';
  sloUrl?: string;
  /** Every signing certificate, in document order: several during a key rollover, and all must be trusted. */
  certificates: CertificateInfo[];
  nameIdFormats: string[];
  wantAuthnRequestsSigned: boolean;
  warnings: string[];
}

function children(parent: Element, localName: string, ns = MD_NS): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    const el = node as Element;
    if (node.nodeType === 1 && el.namespaceURI === ns && el.localName === localName) out.push(el);
  }
  return out;
}

function descendants(parent: Element, localName: string, ns = MD_NS): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, localName));
}

const isTrue = (value: string | null): boolean => value === 'true' || value === '1';

/** Every EntityDescriptor, whether the root is one or a (possibly nested) EntitiesDescriptor aggregate. */
function entityDescriptors(root: Element): Element[] {
  if (root.namespaceURI === MD_NS && root.localName === 'EntityDescriptor') return [root];
  if (root.namespaceURI === MD_NS && root.localName === 'EntitiesDescriptor') return descendants(root, 'EntityDescriptor');
  throw new Error(
    `This is not SAML metadata: the root element is <${root.tagName}> (namespace "${root.namespaceURI ?? 'none'}"), ` +
      `expected md:EntityDescriptor or md:EntitiesDescriptor in ${MD_NS}.`,
  );
}

function pickIdpDescriptor(entities: Element[]): { entity: Element; idp: Element } {
  const idps = entities.flatMap((entity) => children(entity, 'IDPSSODescriptor').map((idp) => ({ entity, idp })));
  const saml2 = idps.filter(({ idp }) => (idp.getAttribute('protocolSupportEnumeration') ?? '').split(/\s+/).includes(SAML2_PROTOCOL));
  const ids = (list: Element[]) => list.map((e) => e.getAttribute('entityID') ?? '(no entityID)').join(', ');
  if (saml2.length === 1 && saml2[0]) return saml2[0];
  if (saml2.length > 1) {
    throw new Error(`The metadata describes ${saml2.length} SAML 2.0 identity providers (${ids(saml2.map((x) => x.entity))}); ` + 'use the metadata of exactly one IdP.');
  }
  if (idps.length > 0) throw new Error('The identity provider in this metadata does not support SAML 2.0 (protocolSupportEnumeration).');
  if (entities.length === 0) throw new Error('The metadata contains no EntityDescriptor.');
  throw new Error(
    `The metadata has no identity provider (no IDPSSODescriptor); entities found: ${ids(entities)}. ` +
      'Is this the service provider metadata instead of the IdP one?',
  );
}

function endpoint(idp: Element, name: string): { url: string; binding: keyof typeof BINDINGS } | undefined {
  const services = children(idp, name);
  for (const binding of ['HTTP-Redirect', 'HTTP-POST'] as const) {
    const found = services.find((s) => s.getAttribute('Binding') === BINDINGS[binding] && s.getAttribute('Location'));
    if (found) return { url: (found.getAttribute('Location') ?? '').trim(), binding };
  }
  return undefined;
}

function signingCertificates(idp: Element, now: Date, warnings: string[]): CertificateInfo[] {
  const found = new Map<string, CertificateInfo>();
  for (const key of children(idp, 'KeyDescriptor')) {
    const use = key.getAttribute('use');
    if (use && use !== 'signing') continue; // encryption-only keys do not sign responses
    for (const x509 of descendants(key, 'X509Certificate', DS_NS)) {
      try {
        const info = describeCertificate(normalizePem(x509.textContent ?? ''), now);
        if (!found.has(info.fingerprintSha256)) found.set(info.fingerprintSha256, info);
      } catch (error) {
        warnings.push(`A signing certificate in the metadata could not be read and is ignored: ${(error as Error).message}`);
      }
    }
  }
  return [...found.values()];
}

/**
 * Reads an IdP's SAML 2.0 metadata. `now` comes from the caller's clock so expiry warnings are testable.
 * Namespace-aware on purpose: prefixes vary between IdPs (md:, saml:, none), namespaces do not.
 */
export function parseIdpMetadata(xml: string, now: Date): IdpMetadata {
  const document = parseXmlSafely(xml);
  const root = document.documentElement;
  if (!root) throw new Error('The metadata has no root element.');
  const { entity, idp } = pickIdpDescriptor(entityDescriptors(root));
  const warnings: string[] = [];

  const entityId = (entity.getAttribute('entityID') ?? '').trim();
  if (!entityId) throw new Error('The IdP EntityDescriptor has no entityID attribute.');
  const sso = endpoint(idp, 'SingleSignOnService');
  if (!sso) {
    throw new Error('The IdP metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding (SOAP/Artifact only are not supported).');
  }
  const slo = endpoint(idp, 'SingleLogoutService');

  const certificates = signingCertificates(idp, now, warnings);
  if (certificates.length === 0) {
    warnings.push('The metadata has no signing certificate: responses from this IdP cannot be verified until you add its certificate.');
  }
  for (const cert of certificates) {
    if (cert.expired) {
      warnings.push(`The signing certificate ${cert.subject} (SHA-256 ${cert.fingerprintSha256}) expired on ${cert.notAfter}.`);
    } else if (cert.expiresInDays < EXPIRY_WARNING_DAYS) {
      warnings.push(`The signing certificate ${cert.subject} (SHA-256 ${cert.fingerprintSha256}) expires in ${cert.expiresInDays} day(s), on ${cert.notAfter}.`);
    }
  }
  const validUntil = entity.getAttribute('validUntil') ?? root.getAttribute('validUntil');
  if (validUntil && !Number.isNaN(Date.parse(validUntil)) && Date.parse(validUntil) < now.getTime()) {
    warnings.push(`The metadata itself expired (validUntil ${validUntil}); ask the IdP for a current copy.`);
  }

  return {
    entityId,
    ssoUrl: sso.url,
    ssoBinding: sso.binding,
    ...(slo ? { sloUrl: slo.url } : {}),
    certificates,
    nameIdFormats: children(idp, 'NameIDFormat').map((n) => (n.textContent ?? '').trim()).filter(Boolean),
    wantAuthnRequestsSigned: isTrue(idp.getAttribute('WantAuthnRequestsSigned')),
    warnings,
  };
}

/** Downloads IdP metadata as text (https, or http to loopback; 10 s; 1 MiB). Parse it with parseIdpMetadata. */
export async function fetchIdpMetadata(http: Http, url: string): Promise<string> {
  assertFetchableUrl(url, 'metadata URL');
  const response = await http.request({
    url,
    method: 'GET',
    headers: { accept: 'application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1' },
    timeoutMs: 10_000,
    maxBytes: DEFAULT_MAX_XML_BYTES,
  });
  if (response.status < 200 || response.status > 299) {
    throw new Error(`The metadata URL ${url} answered HTTP ${response.status}, not the metadata.`);
  }
  if (!response.body.trimStart().startsWith('<')) {
    throw new Error(`The metadata URL ${url} did not return XML (it starts with "${response.body.trimStart().slice(0, 40)}").`);
  }
  return response.body;
}
