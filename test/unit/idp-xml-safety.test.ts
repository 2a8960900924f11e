import { describe, expect, it } from 'vitest';
import { DOCTYPE_REFUSED, parseXmlSafely } from '../../main/core/idp/xml-safety.js';

describe('parseXmlSafely', () => {
  it('parses namespaced XML', () => {
    const doc = parseXmlSafely('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>');
    expect(doc.documentElement?.localName).toBe('EntityDescriptor');
    expect(doc.documentElement?.namespaceURI).toBe('urn:oasis:names:tc:SAML:2.0:metadata');
  });

  it('refuses any DOCTYPE, in any case, before parsing', () => {
    expect(() => parseXmlSafely('<!DOCTYPE a><a/>')).toThrow(DOCTYPE_REFUSED);
    expect(() => parseXmlSafely('<?xml version="1.0"?>\n<!doctype a SYSTEM "http://evil/x.dtd"><a/>')).toThrow(DOCTYPE_REFUSED);
  });

  it('refuses XXE and billion-laughs payloads', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    expect(() => parseXmlSafely(xxe)).toThrow(DOCTYPE_REFUSED);
    expect(() => parseXmlSafely(lol)).toThrow(DOCTYPE_REFUSED);
    // An ENTITY declaration smuggled without a DOCTYPE keyword is refused too.
    expect(() => parseXmlSafely('<a><!ENTITY x "y"></a>')).toThrow(DOCTYPE_REFUSED);
  });

  it('refuses oversize input without parsing it', () => {
    const big = `<a>${'x'.repeat(2048)}</a>`;
    expect(() => parseXmlSafely(big, 1024)).toThrow(/over the 1024-byte limit/);
    expect(() => parseXmlSafely(`<a>${'é'.repeat(600)}</a>`, 1024)).toThrow(/over the 1024-byte limit/); // bytes, not characters
    expect(parseXmlSafely(big, 4096).documentElement?.textContent).toHaveLength(2048);
  });

  it("turns parser errors and warnings into an Error with the parser's message", () => {
    expect(() => parseXmlSafely('<a><b></a>')).toThrow(/The XML could not be parsed: .*b/);
    expect(() => parseXmlSafely('not xml at all')).toThrow(/The XML could not be parsed/);
    expect(() => parseXmlSafely('<a x="1" x="2"/>')).toThrow(/The XML could not be parsed/);
    expect(() => parseXmlSafely('')).toThrow(/empty/);
    expect(() => parseXmlSafely('<p:a/>')).toThrow(/The XML could not be parsed/); // unbound prefix
  });
});
