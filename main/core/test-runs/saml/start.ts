import { randomBytes } from 'node:crypto';
import type { Check, StoredConnection } from '../../../contract/index.js';
import { AppError } from '../../app-error.js';
import { productionCallbackUrl, productionSpEntityId, testAcsUrl } from '../../connections/urls.js';
import { spEntityIdOf } from '../../connections/view.js';
import { buildAuthnRequest } from '../../saml/authn-request.js';
import type { SamlSubject } from './verdict.js';
import type { RoleResolver } from '../resolution.js';

export type SamlConnection = StoredConnection & { protocol: 'saml' };

/** What a waiting SAML run keeps in memory until its ACS POST (never persisted; no key material). */
export interface SamlRunSecret {
  subject: SamlSubject;
  /** The AuthnRequest ID: the Response's InResponseTo must equal it (node-saml `validateInResponseTo: 'always'`). */
  requestId: string;
  /** Echoed by the IdP with the Response (Bindings §3.4.3); the run's single-use correlation key. */
  relayState: string;
  issuedAt: string;
  signed: boolean;
  /** How the AuthnRequest travels: HTTP-Redirect, or HTTP-POST when the IdP's metadata offers only POST. */
  binding: 'HTTP-Redirect' | 'HTTP-POST';
  /**
   * HTTP-POST: the form the loopback listener serves once at `/saml/<id>/post?run=<postToken>` (the authorize URL),
   * auto-submitting to the IdP. Dropped once served.
   */
  postForm?: { token: string; action: string; fields: Record<string, string> };
  /** Checks decided before the login (request signature). */
  preChecks: Check[];
  /** Monotonic start time, for the authorize step's duration. */
  startedPerf: number;
}

/** The connection as a report subject, with the URLs of the configured test port (a snapshot for the whole run). */
export function samlSubjectOf(connection: SamlConnection, testPort: number, roles?: RoleResolver): SamlSubject {
  const spEntityId = spEntityIdOf(connection, testPort);
  const productionAcs = productionCallbackUrl(connection);
  const productionSp = productionSpEntityId(connection, spEntityId);
  return {
    id: connection.id,
    name: connection.displayName,
    provider: connection.provider,
    platform: connection.platform,
    settings: structuredClone(connection.saml),
    spEntityId,
    acsUrl: testAcsUrl(testPort, connection.id),
    production: productionAcs && productionSp ? { acsUrl: productionAcs, spEntityId: productionSp } : null,
    roles,
  };
}

/** `saml.request.signature`: whether the AuthnRequest was signed, and with which certificate (what the IdP must hold). */
export function requestSignatureCheck(subject: SamlSubject, now: Date): Check {
  const id = 'saml.request.signature';
  const certificate = subject.settings.signingCertificate;
  const how = subject.settings.idp.ssoBinding === 'HTTP-POST' ? 'HTTP-POST, enveloped XML signature RSA-SHA256' : 'HTTP-Redirect, RSA-SHA256';
  if (!subject.settings.signRequests || !certificate) {
    return { id, status: 'skip', message: 'Not signed: "sign requests" is off, so the AuthnRequest goes unsigned (most IdPs accept that unless told to require signatures).', hint: '' };
  }
  const which = `${certificate.subject}, SHA-256 fingerprint ${certificate.fingerprintSha256}`;
  if (Date.parse(certificate.notAfter) <= now.getTime()) {
    return {
      id,
      status: 'warn',
      message: `The AuthnRequest is signed (${how}) with a certificate that expired ${certificate.notAfter} (${which}).`,
      hint: 'IdPs that check request signatures may refuse an expired SP certificate: generate a new key pair and give the IdP the new SP metadata.',
    };
  }
  return { id, status: 'pass', message: `The AuthnRequest is signed (${how}) with ${which}.`, hint: '' };
}

/** `saml.request.binding`: how the AuthnRequest reaches the IdP (shown in the run, so a binding mismatch is visible). */
export function requestBindingCheck(binding: 'HTTP-Redirect' | 'HTTP-POST'): Check {
  const message =
    binding === 'HTTP-POST'
      ? 'The AuthnRequest is sent with the HTTP-POST binding (the IdP metadata offers only POST): the loopback listener serves an auto-submitting form (script allowed by hash, form-action locked to the IdP).'
      : 'The AuthnRequest is sent with the HTTP-Redirect binding (deflated in the query string).';
  return { id: 'saml.request.binding', status: 'pass', message, hint: '' };
}

/** Where the loopback listener serves a run's HTTP-POST form: beside the connection's ACS. */
export const postFormUrl = (acsUrl: string, token: string): string => `${acsUrl.replace(/\/acs$/, '/post')}?run=${token}`;

/**
 * Builds the SP-initiated AuthnRequest of one run (HTTP-Redirect, signed when the connection says so) and the
 * in-memory run secret. The private key is used here and dropped: nothing after this point holds it.
 */
export async function prepareSamlRun(subject: SamlSubject, privateKeyPem: string | undefined, now: Date, forceAuthn = false): Promise<{ authorizeUrl: string; secret: SamlRunSecret }> {
  let built;
  try {
    built = await buildAuthnRequest({ settings: subject.settings, spEntityId: subject.spEntityId, acsUrl: subject.acsUrl, privateKeyPem, now, forceAuthn });
  } catch (error) {
    // node-saml's words (bad PEM, unsupported key) are what the admin needs; the key itself is never in them.
    throw new AppError('invalid_input', `privateKeyPem: the AuthnRequest of "${subject.name}" could not be built: ${(error as Error).message}`, {
      field: 'privateKeyPem',
      hint: 'Generate a new signing key pair for the connection (and give the IdP the new SP metadata), or turn off signRequests.',
    });
  }
  const signed = subject.settings.signRequests && privateKeyPem !== undefined;
  const postForm = built.postFields ? { token: randomBytes(18).toString('base64url'), action: built.url, fields: built.postFields } : undefined;
  return {
    authorizeUrl: postForm ? postFormUrl(subject.acsUrl, postForm.token) : built.url,
    secret: {
      subject,
      requestId: built.requestId,
      relayState: built.relayState,
      issuedAt: built.issuedAt,
      signed,
      binding: built.binding,
      ...(postForm ? { postForm } : {}),
      preChecks: [...(built.binding === 'HTTP-POST' ? [requestBindingCheck(built.binding)] : []), requestSignatureCheck(subject, now)],
      startedPerf: performance.now(),
    },
  };
}

/** The AuthnRequest as the report shows it (no RelayState: it is the run's correlation value). */
export function requestDetails(secret: SamlRunSecret): Record<string, unknown> {
  const s = secret.subject;
  return {
    acsUrl: s.acsUrl,
    spEntityId: s.spEntityId,
    productionAcsUrl: s.production?.acsUrl ?? null,
    authnRequest: { id: secret.requestId, issuedAt: secret.issuedAt, destination: s.settings.idp.ssoUrl, binding: secret.binding, signed: secret.signed, signatureAlgorithm: secret.signed ? 'rsa-sha256' : null },
  };
}
