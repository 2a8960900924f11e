import type { Element } from '@xmldom/xmldom';
import { parseXmlSafely } from '../idp/xml-safety.js';
import type { CheckList } from './check-list.js';
import { decryptElement, describeEncryption, STRONG_ALGORITHMS_HINT } from './encrypted-assertion.js';
import { MAX_RESPONSE_BYTES } from './response-input.js';
import { attr, hasInlineMarkup, NS, text } from './xml-dom.js';

const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/** How to fix an encrypted NameID the connection cannot decrypt (worded as the encrypted-assertion refusal). */
export const NAMEID_NO_KEY_HINT =
  'Turn on "Encrypt assertions" for the connection (CLI: ssowb connections update <connection> --encrypt-assertions; it generates the SP encryption key pair) and re-import the new SP metadata at the IdP (it carries the encryption certificate), or turn off NameID encryption for this SP at the IdP.';

export type NameIdDecryption = { ok: true; nameId: { value: string; format: string } } | { ok: false; why: string; hint: string };

/**
 * The EncryptedID (SAML Core §2.2.4) of the Subject of the assertion whose signature verified, decrypted with the SP
 * encryption key through the same routine as an EncryptedAssertion. Records `saml.assertion.encryption`: the
 * algorithms, weak ones flagged, added to what that check already says about the assertion itself. The caller passes
 * only an EncryptedID from the verified assertion, or no key (to report the fix without decrypting anything).
 */
export async function decryptNameId(encryptedId: Element, keyPem: string | undefined, checks: CheckList): Promise<NameIdDecryption> {
  const { named, weak } = describeEncryption(encryptedId);
  if (!keyPem) {
    checks.fail('saml.assertion.encryption', `The NameID is encrypted (EncryptedID: ${named}) but the connection has no SP encryption key.`, NAMEID_NO_KEY_HINT);
    return { ok: false, why: 'the connection has no SP encryption key', hint: NAMEID_NO_KEY_HINT };
  }
  let xml: string;
  try {
    xml = await decryptElement(encryptedId, keyPem);
  } catch (error) {
    const hint = 'The IdP encrypted the NameID to another certificate: re-import the current SP metadata at the IdP (ssowb connections sp-metadata), which carries the encryption certificate.';
    checks.fail('saml.assertion.encryption', `The encrypted NameID (${named}) could not be decrypted with the SP encryption key: ${(error as Error).message}.`, hint);
    return { ok: false, why: 'it could not be decrypted with the SP encryption key', hint };
  }
  const refused = (why: string): NameIdDecryption => ({ ok: false, why, hint: 'The IdP encrypts something other than a plain NameID: report it to the IdP vendor, or turn off NameID encryption for this SP.' });
  let nameIdEl: Element | undefined;
  try {
    // The decrypted bytes come from the IdP: the same size and DOCTYPE gate as a Response.
    nameIdEl = parseXmlSafely(xml, MAX_RESPONSE_BYTES).documentElement ?? undefined;
  } catch (error) {
    return refused(`the decrypted EncryptedID is not well-formed XML (${(error as Error).message})`);
  }
  if (!nameIdEl || nameIdEl.namespaceURI !== NS.saml || nameIdEl.localName !== 'NameID') return refused(`the EncryptedID decrypted to ${nameIdEl?.tagName ?? 'nothing'}, not a saml:NameID`);
  if (hasInlineMarkup(nameIdEl)) return refused('the decrypted NameID contains an XML comment or processing instruction');
  const value = text(nameIdEl);
  if (!value) return refused('the decrypted NameID is empty');
  if (weak.length) {
    checks.add('saml.assertion.encryption', 'warn', `The NameID was encrypted to the SP key (EncryptedID) and decrypted, with weak algorithm(s): ${weak.join('; ')} (${named}).`, STRONG_ALGORITHMS_HINT);
  } else {
    checks.add('saml.assertion.encryption', 'pass', `The NameID was encrypted to the SP key (EncryptedID) and decrypted (${named}).`);
  }
  return { ok: true, nameId: { value, format: attr(nameIdEl, 'Format') ?? UNSPECIFIED } };
}
