import { randomBytes } from 'node:crypto';
import { SAML, ValidateInResponseTo, type CacheProvider, type SamlConfig } from '@node-saml/node-saml';
import type { SamlSettings } from '../../contract/schemas/connection-saml.js';

export interface BuildAuthnRequestInput {
  settings: SamlSettings;
  spEntityId: string;
  /** The exact loopback ACS URL; sent as AssertionConsumerServiceURL and later required as Destination/Recipient. */
  acsUrl: string;
  /** PKCS#8 PEM from the keychain; required when settings.signRequests is on. */
  privateKeyPem?: string;
  /** The engine clock. node-saml stamps IssueInstant with the wall clock itself; `now` is reported back only. */
  now: Date;
  /** ForceAuthn="true" (SAML Core §3.4.1): the IdP authenticates again even with a session, to test another user. */
  forceAuthn?: boolean;
}

export interface BuiltAuthnRequest {
  /** HTTP-Redirect, or HTTP-POST when the IdP's metadata offers only POST (`settings.idp.ssoBinding`). */
  binding: 'HTTP-Redirect' | 'HTTP-POST';
  /** HTTP-Redirect: the IdP SSO URL with SAMLRequest, RelayState (and SigAlg/Signature when signed). HTTP-POST: the SSO URL. */
  url: string;
  /** HTTP-POST: the form fields (SAMLRequest base64, not deflated, §3.5.4; RelayState) to POST to `url`. */
  postFields?: Record<string, string>;
  /** The AuthnRequest ID: the Response's InResponseTo must equal it (validateSamlResponse `expectedRequestId`). */
  requestId: string;
  /** Opaque, unguessable; the ACS must get it back unchanged (SAML Bindings §3.4.3 / §3.5.3). */
  relayState: string;
  issuedAt: string;
}

/**
 * SAML 2.0 Core §1.3.4: an ID must be unique with a chance of collision ≤ 2^-128; it is an xs:ID (NCName), so it
 * must not start with a digit: a leading underscore plus 160 random bits.
 */
export function newSamlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** node-saml saves request IDs in its cache while building; the caller keeps `requestId` itself, so nothing is kept. */
const noRequestCache: CacheProvider = {
  saveAsync: async (_key, value) => ({ value, createdAt: Date.now() }),
  getAsync: async () => null,
  removeAsync: async () => null,
};

/**
 * The node-saml options for building the AuthnRequest. Exported so a test can pin them.
 * - HTTP-Redirect binding (SAML Bindings §3.4): the request is deflated into the query string; when signed, the
 *   signature covers `SAMLRequest&RelayState&SigAlg` (§3.4.4.1), made with RSA-SHA256. HTTP-POST (§3.5) when the
 *   IdP offers only that: the XML itself is signed (enveloped, RSA-SHA256/SHA-256) and sent by an auto-submitting form.
 * - `disableRequestedAuthnContext`: many IdPs (and SimpleSAMLphp) refuse a PasswordProtectedTransport requirement.
 * - `identifierFormat` only when the connection asks for one: absent NameIDPolicy@Format means "unspecified"
 *   (Core §3.4.1.1) and lets the IdP use its configured format, instead of node-saml's emailAddress default.
 */
export function authnRequestOptions(input: BuildAuthnRequestInput, requestId: string): SamlConfig {
  const { settings } = input;
  if (settings.signRequests && !input.privateKeyPem) {
    throw new Error('Sign requests is on but no private key was given: generate or import the signing key pair, or turn off signRequests.');
  }
  return {
    entryPoint: settings.idp.ssoUrl,
    issuer: input.spEntityId,
    callbackUrl: input.acsUrl,
    // Not used to build a request, but node-saml requires it; validation uses only the configured certificates.
    idpCert: settings.idp.certificates.length ? settings.idp.certificates.map((c) => c.pem) : 'unused-for-requests',
    authnRequestBinding: settings.idp.ssoBinding,
    // HTTP-POST carries the XML base64-encoded, never deflated (Bindings §3.5.4); its signature is an enveloped XML one.
    skipRequestCompression: settings.idp.ssoBinding === 'HTTP-POST',
    disableRequestedAuthnContext: true,
    ...(input.forceAuthn ? { forceAuthn: true } : {}),
    identifierFormat: settings.nameIdFormat ?? null,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    ...(settings.signRequests && input.privateKeyPem ? { privateKey: input.privateKeyPem } : {}),
    ...(settings.signRequests && settings.signingCertificate ? { publicCert: settings.signingCertificate.pem } : {}),
    generateUniqueId: () => requestId,
    validateInResponseTo: ValidateInResponseTo.never,
    cacheProvider: noRequestCache,
  };
}

/**
 * Builds the SP-initiated AuthnRequest (SAML 2.0 Core §3.4.1; Profiles §4.1.4.1) for a test run, as the URL to
 * open. The caller keeps `requestId` (for InResponseTo) and `relayState` (to match the ACS POST to this run).
 */
export async function buildAuthnRequest(input: BuildAuthnRequestInput): Promise<BuiltAuthnRequest> {
  const requestId = newSamlId();
  const relayState = randomBytes(24).toString('base64url');
  const saml = new SAML(authnRequestOptions(input, requestId));
  const issuedAt = input.now.toISOString();
  if (input.settings.idp.ssoBinding === 'HTTP-POST') {
    const message = await saml.getAuthorizeMessageAsync(relayState, undefined, {});
    const postFields = Object.fromEntries(Object.entries(message).map(([name, value]) => [name, String(value)]));
    return { binding: 'HTTP-POST', url: input.settings.idp.ssoUrl, postFields, requestId, relayState, issuedAt };
  }
  const url = await saml.getAuthorizeUrlAsync(relayState, undefined, {});
  return { binding: 'HTTP-Redirect', url, requestId, relayState, issuedAt };
}
