import { certificateBody } from './x509.js';

export interface SpMetadataOptions {
  entityId: string;
  /** Where the IdP POSTs the SAML Response (HTTP-POST binding). */
  acsUrl: string;
  /** Published so the IdP can check signed AuthnRequests; PEM or bare base64. */
  signingCertificatePem?: string;
  /** Published with use="encryption" so the IdP encrypts assertions to it (the private key stays in the keychain). */
  encryptionCertificatePem?: string;
  authnRequestsSigned: boolean;
  wantAssertionsSigned: boolean;
  /** e.g. urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress; omitted means "IdP decides". */
  nameIdFormat?: string;
}

const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
const HTTP_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** Escapes text and attribute values; entity IDs and URLs are user input and may contain & or quotes. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function requireAbsoluteUrl(value: string, what: string): string {
  try {
    new URL(value);
    return value;
  } catch {
    throw new Error(`The ${what} "${value}" is not an absolute URL.`);
  }
}

function keyDescriptor(use: 'signing' | 'encryption', pem: string, methods: string[] = []): string[] {
  return [
    `    <md:KeyDescriptor use="${use}">`,
    '      <ds:KeyInfo>',
    '        <ds:X509Data>',
    `          <ds:X509Certificate>${certificateBody(pem)}</ds:X509Certificate>`,
    '        </ds:X509Data>',
    '      </ds:KeyInfo>',
    ...methods.map((algorithm) => `      <md:EncryptionMethod Algorithm="${algorithm}"/>`),
    '    </md:KeyDescriptor>',
  ];
}

/**
 * Builds the SP metadata a person hands to the IdP administrator (or uploads to the IdP console), so the IdP side is
 * configured from the same values the workbench tests with. Elements follow the schema order of SPSSODescriptor
 * (KeyDescriptor, NameIDFormat, AssertionConsumerService), which strict IdPs validate.
 */
export function buildSpMetadata(options: SpMetadataOptions): string {
  const entityId = options.entityId.trim();
  if (!entityId) throw new Error('The SP entity ID is empty.');
  const acsUrl = requireAbsoluteUrl(options.acsUrl.trim(), 'ACS URL');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="${MD_NS}" xmlns:ds="${DS_NS}" entityID="${escapeXml(entityId)}">`,
    `  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" ` +
      `AuthnRequestsSigned="${options.authnRequestsSigned}" WantAssertionsSigned="${options.wantAssertionsSigned}">`,
  ];
  if (options.signingCertificatePem) lines.push(...keyDescriptor('signing', options.signingCertificatePem));
  if (options.encryptionCertificatePem) {
    // The algorithms the SP prefers (SAML Metadata §2.4.1.1 EncryptionMethod): AES-GCM and RSA-OAEP, not the weak
    // AES-CBC / RSA 1.5 some IdPs default to. IdPs that read it (Shibboleth, SimpleSAMLphp 2, ADFS) pick from it.
    lines.push(...keyDescriptor('encryption', options.encryptionCertificatePem, [
      'http://www.w3.org/2009/xmlenc11#aes256-gcm',
      'http://www.w3.org/2009/xmlenc11#aes128-gcm',
      'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
    ]));
  }
  if (options.nameIdFormat?.trim()) lines.push(`    <md:NameIDFormat>${escapeXml(options.nameIdFormat.trim())}</md:NameIDFormat>`);
  lines.push(
    `    <md:AssertionConsumerService Binding="${HTTP_POST}" Location="${escapeXml(acsUrl)}" index="0" isDefault="true"/>`,
    '  </md:SPSSODescriptor>',
    '</md:EntityDescriptor>',
    '',
  );
  return lines.join('\n');
}
