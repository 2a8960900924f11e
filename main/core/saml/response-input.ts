import type { Document } from '@xmldom/xmldom';
import { parseXmlSafely } from '../idp/xml-safety.js';
import type { CheckList } from './check-list.js';

/** A SAML Response with a few attributes and two signatures is 5–30 KiB; 256 KiB decoded is generous. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

export type DecodedResponse = { ok: true; xml: string; doc: Document; wasBase64: boolean } | { ok: false };

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/**
 * Turns what the ACS received (the HTTP-POST binding's base64 `SAMLResponse`, SAML Bindings §3.5.4) or what a user
 * pasted (base64 or the XML) into a parsed document, recording `saml.response.size`, `saml.response.doctype` and
 * `saml.response.xml`. The DOCTYPE test runs on the decoded text BEFORE any parser sees it: SAML never needs a DTD,
 * and DTDs are the door to XXE and entity expansion ("billion laughs").
 */
export function decodeSamlResponse(input: string, checks: CheckList): DecodedResponse {
  const trimmed = input.trim();
  const isXml = trimmed.startsWith('<');
  // Refuse before decoding: base64 is 4/3 the size, so anything longer cannot be within the limit.
  if (trimmed.length > Math.ceil((MAX_RESPONSE_BYTES * 4) / 3) + 4096 && !isXml) {
    checks.fail('saml.response.size', `The SAMLResponse is ${trimmed.length} base64 characters, over the ${MAX_RESPONSE_BYTES / 1024} KiB limit once decoded.`, SIZE_HINT);
    return { ok: false };
  }
  if (!isXml && !BASE64.test(trimmed)) {
    checks.fail('saml.response.xml', 'The input is neither XML nor base64 (the HTTP-POST SAMLResponse form).', 'Paste the SAMLResponse form value as posted (base64), or the decoded XML starting with "<".');
    return { ok: false };
  }
  const bytes = isXml ? Buffer.from(trimmed, 'utf8') : Buffer.from(trimmed.replace(/\s+/g, ''), 'base64');
  if (bytes.length > MAX_RESPONSE_BYTES) {
    checks.fail('saml.response.size', `The decoded Response is ${bytes.length} bytes, over the ${MAX_RESPONSE_BYTES}-byte limit; it is refused unparsed.`, SIZE_HINT);
    return { ok: false };
  }
  checks.pass('saml.response.size', `${bytes.length} bytes decoded (limit ${MAX_RESPONSE_BYTES}).`);
  const xml = bytes.toString('utf8');
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    checks.fail(
      'saml.response.doctype',
      'The Response carries a DOCTYPE/ENTITY declaration; it is refused before parsing (XXE and entity-expansion protection).',
      'SAML messages never contain a DTD (SAML 2.0 Core §1.3 uses plain XML Schema). Whoever sent this is attacking or misconfigured: check what sits between the IdP and this ACS.',
    );
    return { ok: false };
  }
  checks.pass('saml.response.doctype', 'No DOCTYPE or entity declaration.');
  if (xml.includes('\u0000') || xml.includes('\uFFFD')) {
    checks.fail('saml.response.xml', 'The Response is not UTF-8 text (NUL bytes or invalid sequences).', 'SAML messages are UTF-8 XML; re-copy the SAMLResponse value exactly as posted.');
    return { ok: false };
  }
  let doc: Document;
  try {
    doc = parseXmlSafely(xml, MAX_RESPONSE_BYTES);
  } catch (error) {
    checks.fail('saml.response.xml', (error as Error).message, 'Copy the whole SAMLResponse value; if the IdP produced it, report the malformed XML to the IdP vendor.');
    return { ok: false };
  }
  return { ok: true, xml, doc, wasBase64: !isXml };
}

const SIZE_HINT =
  'A real SAML Response is a few KiB. If the IdP sends huge attribute lists (e.g. every AD group), release only the groups the platform uses (a group filter in the IdP app).';
