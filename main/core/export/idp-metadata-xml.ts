import type { SamlSettings } from '../../contract/index.js';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const bindings = {
  'HTTP-Redirect': 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  'HTTP-POST': 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;

/** The base64 body of a PEM certificate on one line: nothing for a YAML block scalar's indentation to corrupt. */
const certificateBody = (pem: string): string => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

/**
 * IdP metadata rebuilt from the validated settings (entity ID, SSO URL and binding, every signing certificate),
 * for platforms that take the metadata inline (Arthur `metadataXML`). Built from what was tested, not from the
 * file originally loaded, so the export says exactly what the workbench proved.
 */
export function idpMetadataXml(saml: SamlSettings): string {
  const keys = saml.idp.certificates.map((certificate) =>
    [
      '    <md:KeyDescriptor use="signing">',
      '      <ds:KeyInfo>',
      '        <ds:X509Data>',
      `          <ds:X509Certificate>${certificateBody(certificate.pem)}</ds:X509Certificate>`,
      '        </ds:X509Data>',
      '      </ds:KeyInfo>',
      '    </md:KeyDescriptor>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(saml.idp.entityId)}">`,
    '  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    ...keys,
    ...(saml.nameIdFormat ? [`    <md:NameIDFormat>${escapeXml(saml.nameIdFormat)}</md:NameIDFormat>`] : []),
    `    <md:SingleSignOnService Binding="${bindings[saml.idp.ssoBinding]}" Location="${escapeXml(saml.idp.ssoUrl)}"/>`,
    '  </md:IDPSSODescriptor>',
    '</md:EntityDescriptor>',
    '',
  ].join('\n');
}
