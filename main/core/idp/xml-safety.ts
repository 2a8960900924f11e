import { DOMParser, type Document } from '@xmldom/xmldom';

/** SAML metadata and messages are small; 1 MiB leaves room for large federations' single-entity documents. */
export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

export const DOCTYPE_REFUSED = 'XML with a DOCTYPE is refused (XXE/entity expansion protection)';

/**
 * Parses untrusted XML (IdP metadata, SAML messages) into an xmldom Document.
 *
 * Why so strict: SAML never needs a DTD, and a DOCTYPE is the door to XXE and entity-expansion ("billion laughs")
 * attacks, so any `<!DOCTYPE` or `<!ENTITY` is refused before the parser sees it. Size is checked first so a huge
 * paste cannot pin the CPU. Every parser warning and error becomes an Error carrying the parser's message: a
 * half-parsed document silently missing an element is how signature-wrapping bugs start.
 */
export function parseXmlSafely(xml: string, maxBytes: number = DEFAULT_MAX_XML_BYTES): Document {
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > maxBytes) {
    throw new Error(`The XML is ${size} bytes, over the ${maxBytes}-byte limit; it is refused.`);
  }
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw new Error(DOCTYPE_REFUSED);
  if (xml.trim() === '') throw new Error('The XML is empty.');

  const problems: string[] = [];
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        problems.push(`${level === 'warning' ? 'warning' : 'error'}: ${message.trim()}`);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`The XML could not be parsed: ${problems.length ? problems.join('; ') : message.split('\n')[0]}`);
  }
  if (problems.length) throw new Error(`The XML could not be parsed: ${problems.join('; ')}`);
  if (!document.documentElement) throw new Error('The XML could not be parsed: it has no root element.');
  return document;
}
