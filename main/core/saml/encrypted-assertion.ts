import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { decryptXml } from '@node-saml/node-saml/lib/xml.js';
import { parseXmlSafely } from '../idp/xml-safety.js';
import type { CheckList } from './check-list.js';
import { MAX_RESPONSE_BYTES } from './response-input.js';
import { attr, childElements, descendants, firstChild, NS } from './xml-dom.js';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';

/** Key-transport and data-encryption algorithms that are broken or weak (XML Encryption 1.1 §5.4.1, §5.2.2; Jager et al. 2011/2012). */
const WEAK: Record<string, string> = {
  'http://www.w3.org/2001/04/xmlenc#rsa-1_5': 'RSA PKCS#1 v1.5 key transport (Bleichenbacher-style attacks)',
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc': 'AES-128-CBC (padding-oracle attacks on XML Encryption)',
  'http://www.w3.org/2001/04/xmlenc#aes192-cbc': 'AES-192-CBC (padding-oracle attacks on XML Encryption)',
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc': 'AES-256-CBC (padding-oracle attacks on XML Encryption)',
  'http://www.w3.org/2001/04/xmlenc#tripledes-cbc': '3DES-CBC (obsolete, and CBC padding oracles)',
};

export interface EncryptionAlgorithms {
  /** EncryptedData/EncryptionMethod (the assertion's cipher). */
  data?: string;
  /** EncryptedKey/EncryptionMethod (how the cipher key is wrapped for the SP). */
  keyTransport?: string;
}

/** The algorithms an EncryptedAssertion names (the EncryptedKey may sit in KeyInfo or beside EncryptedData). */
export function encryptionAlgorithms(encrypted: Element): EncryptionAlgorithms {
  const data = firstChild(encrypted, XENC, 'EncryptedData');
  const key = descendants(encrypted, XENC, 'EncryptedKey')[0];
  return {
    data: attr(firstChild(data, XENC, 'EncryptionMethod'), 'Algorithm'),
    keyTransport: attr(firstChild(key, XENC, 'EncryptionMethod'), 'Algorithm'),
  };
}

const short = (uri: string | undefined) => (uri ? uri.replace(/^.*#/, '') : '(not stated)');

/** The fix for weak algorithms, the same for an encrypted assertion and an encrypted NameID. */
export const STRONG_ALGORITHMS_HINT =
  'Have the IdP use RSA-OAEP key transport and AES-GCM (aes128-gcm/aes256-gcm) for this SP; the SP metadata lists them as EncryptionMethod.';

/** "data aes256-gcm, key transport rsa-oaep-mgf1p" and the weak ones among them, described for the report. */
export function describeEncryption(encrypted: Element): { named: string; weak: string[] } {
  const algorithms = encryptionAlgorithms(encrypted);
  const weak = [algorithms.data, algorithms.keyTransport].filter((a): a is string => a !== undefined && a in WEAK);
  return { named: `data ${short(algorithms.data)}, key transport ${short(algorithms.keyTransport)}`, weak: weak.map((a) => WEAK[a] ?? a) };
}

/** Decrypts one EncryptedAssertion or EncryptedID element with node-saml's own routine (xml-encryption). */
export async function decryptElement(encrypted: Element, keyPem: string): Promise<string> {
  return String(await decryptXml(new XMLSerializer().serializeToString(encrypted), keyPem));
}

/**
 * Decrypts the single EncryptedAssertion of a Response with the SP encryption key through node-saml's own decryption
 * (its `decryptXml`, the xml-encryption routine validatePostResponseAsync uses with `decryptionPvk`), and records
 * `saml.assertion.encryption`: the algorithms, weak ones flagged. Returns the Response with the Assertion in place of
 * the EncryptedAssertion — for the SP-side checks and the report only; node-saml validates the original bytes.
 */
export async function decryptForChecks(
  doc: Document,
  encrypted: Element,
  keyPem: string | undefined,
  checks: CheckList,
): Promise<{ xml: string; doc: Document } | null> {
  const { named, weak } = describeEncryption(encrypted);
  if (!keyPem) {
    checks.fail(
      'saml.assertion.encryption',
      `The assertion is encrypted (${named}) but the connection has no SP encryption key.`,
      'Turn on "Encrypt assertions" for the connection (CLI --encrypt-assertions) and give the IdP the new SP metadata, or turn off assertion encryption for this SP at the IdP.',
    );
    return null;
  }
  let assertionXml: string;
  try {
    assertionXml = await decryptElement(encrypted, keyPem);
  } catch (error) {
    checks.fail(
      'saml.assertion.encryption',
      `The encrypted assertion (${named}) could not be decrypted with the SP encryption key: ${(error as Error).message}.`,
      'The IdP encrypted to another certificate: give it the current SP metadata (ssowb connections sp-metadata), which carries the encryption certificate.',
    );
    return null;
  }
  if (weak.length) {
    checks.set(
      'saml.assertion.encryption',
      'warn',
      `The assertion was encrypted to the SP key and decrypted, with weak algorithm(s): ${weak.join('; ')} (${named}).`,
      STRONG_ALGORITHMS_HINT,
    );
  } else {
    checks.pass('saml.assertion.encryption', `The assertion was encrypted to the SP key and decrypted (${named}).`);
  }
  const clone = new DOMParser().parseFromString(new XMLSerializer().serializeToString(doc), 'text/xml');
  const root = clone.documentElement;
  const target = root ? childElements(root, NS.saml, 'EncryptedAssertion')[0] : undefined;
  // The decrypted bytes come from the IdP: the same size and DOCTYPE gate as a Response.
  const assertion = parseXmlSafely(assertionXml, MAX_RESPONSE_BYTES).documentElement;
  if (!root || !target || !assertion) return null;
  root.replaceChild(clone.importNode(assertion, true), target);
  const xml = new XMLSerializer().serializeToString(clone);
  return { xml, doc: clone };
}
