import type { CertificateInfo, ConnectionSettings, ConnectionWarning } from '../../contract/index.js';

const DAY_MS = 86_400_000;

/** Days until a certificate's notAfter (negative once expired), from the stored date rather than a stale count. */
function daysLeft(certificate: WatchedCertificate['certificate'], now: Date): number {
  const end = Date.parse(certificate.notAfter);
  if (Number.isNaN(end)) return certificate.expired ? -1 : certificate.expiresInDays;
  return Math.floor((end - now.getTime()) / DAY_MS);
}

/** A certificate whose expiry warns: the field it is in, what it is, and its dates (the list keeps these in columns). */
export interface WatchedCertificate {
  field: string;
  what: string;
  certificate: Pick<CertificateInfo, 'subject' | 'notAfter' | 'expired' | 'expiresInDays'>;
}

/** The certificates of a connection whose expiry the warnings follow (SAML: the signing and the IdP certificates). */
export function watchedCertificates(conn: ConnectionSettings): WatchedCertificate[] {
  if (conn.protocol !== 'saml') return [];
  const pick = ({ subject, notAfter, expired, expiresInDays }: CertificateInfo) => ({ subject, notAfter, expired, expiresInDays });
  const s = conn.saml;
  return [
    ...(s.signingCertificate ? [{ field: 'saml.signingCertificate', what: 'The request-signing certificate', certificate: pick(s.signingCertificate) }] : []),
    ...s.idp.certificates.map((certificate, index) => ({ field: `saml.idp.certificates.${index}`, what: 'The IdP signing certificate', certificate: pick(certificate) })),
  ];
}

/** The warning a certificate deserves at `now` (expired, or expiring within 30 days), else null. */
export function certificateWarning({ field, what, certificate }: WatchedCertificate, now: Date): ConnectionWarning | null {
  const days = daysLeft(certificate, now);
  if (days < 0) return { field, message: `${what} (${certificate.subject}) expired on ${certificate.notAfter}: replace it, or logins will fail.` };
  if (days <= 30) return { field, message: `${what} (${certificate.subject}) expires in ${days} day(s), on ${certificate.notAfter}: plan the rollover now.` };
  return null;
}

/**
 * Non-blocking advice: things that work but are weak or likely to break later. Blocking problems are validation
 * errors instead. `hasClientSecret` lets callers that know the keychain state warn about a missing secret.
 */
export function connectionWarnings(conn: ConnectionSettings, options: { now?: Date; hasClientSecret?: boolean } = {}): ConnectionWarning[] {
  const now = options.now ?? new Date();
  const expiring = watchedCertificates(conn).map((watched) => certificateWarning(watched, now));
  return [...settingsWarnings(conn, options), ...expiring.filter((w): w is ConnectionWarning => w !== null)];
}

/** The warnings that depend on the settings alone (not on the date): what the Connections list keeps in a column. */
export function settingsWarnings(conn: ConnectionSettings, options: { hasClientSecret?: boolean } = {}): ConnectionWarning[] {
  const warnings: ConnectionWarning[] = [];
  const add = (field: string, message: string) => warnings.push({ field, message });
  if (conn.protocol === 'oidc') {
    const o = conn.oidc;
    if (o.codeChallengeMethod !== 'S256') {
      add('oidc.codeChallengeMethod', `PKCE is "${o.codeChallengeMethod}": a stolen authorization code can be redeemed. Use S256 if the IdP supports it (almost all do).`);
    }
    if (!o.verifyTokenSignature) add('oidc.verifyTokenSignature', 'Token signatures are not verified: anyone can forge a token. Set the JWKS URI and turn verification on.');
    if (o.tokenEndpointAuthMethod === 'none' && o.codeChallengeMethod !== 'S256') {
      add('oidc.tokenEndpointAuthMethod', 'A public client (no client secret) without S256 PKCE is not protected at all: use S256.');
    }
    if (o.tokenEndpointAuthMethod !== 'none' && options.hasClientSecret === false) {
      add('clientSecret', `No client secret is stored but the client authenticates with ${o.tokenEndpointAuthMethod}: add the secret, or use "none" for a public client.`);
    }
    if (o.createUsersOnFirstLogin && !o.emailVerification) {
      add('oidc.emailVerification', 'New users are created on first login without checking email_verified: anyone who can set an unverified email at the IdP gets an account. Turn on email verification.');
    }
    if (o.groupSync.enabled && conn.provider === 'azure') {
      add(
        'oidc.groupSync.claim',
        'Microsoft Entra ID sends at most 200 groups in a token (6 in implicit flows); beyond that it sends an overage marker (_claim_names/_claim_sources) instead of groups. Assign only the needed groups to the app ("Groups assigned to the application").',
      );
    }
    if (o.groupSync.enabled && conn.provider === 'google') {
      add('oidc.groupSync.enabled', 'Google sign-in sends no groups claim: group sync will find no groups. Use Google SAML with a group attribute, or manage groups in the platform.');
    }
    if (o.clockToleranceSeconds > 120) add('oidc.clockToleranceSeconds', `Clock tolerance is ${o.clockToleranceSeconds} s: fix the clocks (NTP) instead of widening the window.`);
    if (o.allowedSigningAlgs.some((alg) => alg.startsWith('HS'))) {
      add('oidc.allowedSigningAlgs', 'HS* algorithms use the client secret as the signing key: anyone who knows the secret can mint tokens. Prefer RS256/ES256.');
    }
  } else {
    const s = conn.saml;
    if (!s.requireSignedAssertions && !s.requireSignedResponse) {
      add('saml.requireSignedAssertions', 'Neither assertions nor responses must be signed: anyone can post a forged assertion. Turn on requireSignedAssertions.');
    } else if (!s.requireSignedAssertions) {
      add('saml.requireSignedAssertions', 'Only the Response signature protects the assertion; signed assertions are safer against wrapping attacks.');
    }
    if (s.allowSha1) add('saml.allowSha1', 'SHA-1 signatures are accepted: SHA-1 is broken for collisions. Switch the IdP to SHA-256 and turn this off.');
    if (s.groupSync.enabled && conn.provider === 'google') {
      add('saml.groupSync.attribute', 'Google Workspace sends no group attribute unless you add "Group membership" to the app\'s attribute mapping.');
    }
    if (s.clockSkewSeconds > 180) add('saml.clockSkewSeconds', `Clock skew is ${s.clockSkewSeconds} s: fix the clocks (NTP) instead of widening the window.`);
  }
  return warnings;
}
