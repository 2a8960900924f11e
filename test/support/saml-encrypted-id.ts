/**
 * Encrypts a NameID into a saml:EncryptedID (SAML Core §2.2.4) to an SP encryption certificate with xml-encryption
 * (the library node-saml decrypts with), and puts it in place of the Subject's NameID, as ADFS, Shibboleth and
 * SimpleSAMLphp's `nameid.encryption` do. Tests only: never import from main/.
 */
import { createPublicKey } from 'node:crypto';
import { promisify } from 'node:util';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { encrypt } from 'xml-encryption';
import { SAML } from './saml-forge.js';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
export const CIPHERS = {
  'aes256-gcm': 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  'aes128-cbc': `${XENC}aes128-cbc`,
} as const;

export interface EncryptIdOptions {
  nameId: string;
  format?: string;
  /** The SP encryption certificate (PEM) the IdP encrypts to. */
  certificatePem: string;
  cipher?: keyof typeof CIPHERS;
  /** Encrypt this XML instead of the NameID (an Assertion, for an EncryptedAssertion). */
  content?: string;
}

/** `<saml:EncryptedID>` holding the encrypted `<saml:NameID>` (RSA-OAEP key transport). */
export async function encryptedIdXml(o: EncryptIdOptions): Promise<string> {
  const format = o.format ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
  const nameId = o.content ?? `<saml:NameID xmlns:saml="${SAML}" Format="${format}">${o.nameId}</saml:NameID>`;
  const data = await promisify(encrypt)(nameId, {
    rsa_pub: createPublicKey(o.certificatePem).export({ type: 'spki', format: 'pem' }).toString(),
    pem: o.certificatePem,
    encryptionAlgorithm: CIPHERS[o.cipher ?? 'aes256-gcm'],
    keyEncryptionAlgorithm: `${XENC}rsa-oaep-mgf1p`,
  });
  return `<saml:EncryptedID xmlns:saml="${SAML}">${data}</saml:EncryptedID>`;
}

const child = (parent: Element, name: string): Element => {
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i) as Element | null;
    if (node && node.nodeType === 1 && node.namespaceURI === SAML && node.localName === name) return node;
  }
  throw new Error(`no ${name} under ${parent.tagName}`);
};

/** The Response with the Subject NameID of its `index`-th Assertion replaced by `encryptedId` (before signing). */
export function withEncryptedId(responseXml: string, encryptedId: string, index = 0): string {
  const doc = new DOMParser().parseFromString(responseXml, 'text/xml');
  const assertion = Array.from(doc.documentElement?.childNodes ?? []).filter((n) => (n as Element).localName === 'Assertion')[index] as Element;
  const subject = child(assertion, 'Subject');
  const replacement = new DOMParser().parseFromString(encryptedId, 'text/xml').documentElement as Element;
  subject.replaceChild(doc.importNode(replacement, true), child(subject, 'NameID'));
  return new XMLSerializer().serializeToString(doc);
}
