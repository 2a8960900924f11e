import type { Element } from '@xmldom/xmldom';
import type { CertificateInfo } from '../../contract/schemas/connection-fields.js';
import type { SamlSettings } from '../../contract/schemas/connection-saml.js';
import type { CheckList } from './check-list.js';
import type { SignatureFacts, SignatureReport } from './signatures.js';

const STRONG_SIGNATURES = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
]);
const STRONG_DIGESTS = new Set(['http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmlenc#sha512']);
const SHA1_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA1_DIGEST = 'http://www.w3.org/2000/09/xmldsig#sha1';

const short = (uri: string | undefined) => (uri ?? '(none)').replace(/^.*#/, '');
const certLabel = (c: Pick<CertificateInfo, 'subject' | 'fingerprintSha256'>) => `${c.subject} (SHA-256 ${c.fingerprintSha256})`;

/** The fingerprint comparison admins need after a certificate rollover: what the IdP used vs what we trust. */
export function wrongCertificateHint(reports: SignatureReport[], trusted: CertificateInfo[]): string {
  const presented = [...new Set(reports.flatMap((r) => r.presented.map(certLabel)))];
  return (
    `Expected a signature by one of the configured IdP certificates: ${trusted.map(certLabel).join('; ') || '(none configured)'}. ` +
    `The Response presents in KeyInfo: ${presented.join('; ') || '(no certificate)'}. ` +
    'If the IdP rolled over its signing certificate, re-import its metadata or add the new certificate (several may be kept); KeyInfo certificates are never trusted by themselves.'
  );
}

/**
 * `saml.signature.present`, `saml.signature.valid`, `saml.signature.algorithm` and `saml.assertion.signed` from the
 * signature facts (XML Signature over Response and/or Assertion, SAML 2.0 Core §5.4; Profiles §4.1.3.5 requires
 * the assertion to be signed unless the Response is). Returns the certificate that verified the Assertion (or else
 * the Response) for the report.
 */
export function recordSignatureChecks(facts: SignatureFacts, settings: SamlSettings, checks: CheckList): CertificateInfo | undefined {
  const reports = [facts.response, facts.assertion].filter((r): r is SignatureReport => !!r);
  const trusted = settings.idp.certificates;

  if (facts.assertionCount > 1) {
    // Which assertion "the" signed one is, is exactly what a wrapping attack plays with: judge none of them.
    checks.fail('saml.signature.valid', `The Response holds ${facts.assertionCount} assertions; signatures are not judged on an ambiguous structure.`, 'A genuine IdP sends one assertion per Response: this one was altered (signature wrapping).');
    return undefined;
  }
  if (reports.length === 0) {
    checks.fail(
      'saml.signature.present',
      'Neither the Response nor its Assertion carries a signature.',
      'Enable signing in the IdP app ("Sign assertion", or "Sign response and assertion"). An unsigned Response is never accepted.',
    );
  } else if (settings.requireSignedResponse && !facts.response) {
    checks.fail(
      'saml.signature.present',
      'The Response itself is not signed, but the connection requires a signed Response.',
      'Enable Response signing in the IdP app, or turn off "require signed response" if signed assertions are enough for this IdP.',
    );
  } else {
    checks.pass('saml.signature.present', `Signed: ${reports.map((r) => r.target).join(' and ')}.`);
  }

  if (settings.requireSignedAssertions && !facts.assertion) {
    checks.fail(
      'saml.assertion.signed',
      facts.response ? 'The Assertion is not signed (only the Response is), but the connection requires signed assertions.' : 'The Assertion is not signed.',
      'Enable assertion signing in the IdP app ("Sign assertion" / "Sign SAML response and assertion"), or turn off "require signed assertions" only if the whole Response is always signed.',
    );
  } else if (facts.assertion) {
    checks.pass('saml.assertion.signed', 'The Assertion carries its own signature.');
  } else {
    checks.pass('saml.assertion.signed', 'The Assertion is covered by the Response signature (signed assertions are not required).');
  }

  if (facts.extraSignatures > 0) {
    checks.fail('saml.signature.valid', 'An element carries more than one signature; this is refused (signature-wrapping pattern).', 'A genuine IdP signs each element once: check what modifies Responses between the IdP and this ACS.');
  }
  for (const report of reports) {
    const ownRef = report.targetId ? `#${report.targetId}` : undefined;
    if (report.referenceUri !== ownRef) {
      checks.fail(
        'saml.signature.valid',
        `The ${report.target} signature references ${report.referenceUri ?? '(nothing)'}, not its own element ${ownRef ?? '(no ID)'}: a signature-wrapping pattern.`,
        'An enveloped signature must reference the element that contains it (SAML 2.0 Core §5.4.2). This Response was altered after signing.',
      );
    } else if (report.problem) {
      checks.fail('saml.signature.valid', `The ${report.target} signature was refused: ${report.problem}.`, 'The signed structure was altered (signature wrapping). Do not trust this Response.');
    } else if (!report.verifiedBy) {
      checks.fail('saml.signature.valid', `The ${report.target} signature does not verify with any configured IdP certificate.`, wrongCertificateHint(reports, trusted));
    } else {
      checks.pass('saml.signature.valid', `${report.target} signature verified with ${certLabel(report.verifiedBy)}, valid until ${report.verifiedBy.notAfter}.`);
    }
  }

  const algorithms = reports.map((r) => ({ target: r.target, signature: r.signatureAlgorithm, digests: r.digestAlgorithms }));
  const described = algorithms.map((a) => `${a.target}: signature ${short(a.signature)}, digest ${a.digests.map(short).join('/')}`).join('; ');
  const unknown = algorithms.some(
    (a) => !(STRONG_SIGNATURES.has(a.signature ?? '') || a.signature === SHA1_SIGNATURE) || a.digests.some((d) => !STRONG_DIGESTS.has(d) && d !== SHA1_DIGEST),
  );
  const sha1 = algorithms.some((a) => a.signature === SHA1_SIGNATURE || a.digests.includes(SHA1_DIGEST));
  const sha1Hint =
    'Set BOTH the signature algorithm and the digest algorithm to SHA-256 in the IdP app (ADFS: relying party trust → Advanced → Secure hash algorithm SHA-256). Only if the IdP cannot, allow SHA-1 for this connection.';
  if (reports.length === 0) {
    // Nothing to judge; saml.signature.present already failed.
  } else if (unknown) {
    checks.fail('saml.signature.algorithm', `Unsupported or unexpected algorithm (${described}).`, 'Use RSA-SHA256 signatures with SHA-256 digests in the IdP app.');
  } else if (sha1 && !settings.allowSha1) {
    checks.fail('saml.signature.algorithm', `SHA-1 is refused (${described}); SHA-1 collisions are practical.`, sha1Hint);
  } else if (sha1) {
    checks.set('saml.signature.algorithm', 'warn', `SHA-1 accepted because this connection allows it (${described}).`, sha1Hint);
  } else {
    checks.pass('saml.signature.algorithm', described);
  }
  return facts.assertion?.verifiedBy ?? facts.response?.verifiedBy;
}

/** The viewer's marker for a signed part: which element, whether a configured certificate verified it. */
export function signatureMarker(facts: SignatureFacts, root: Element, assertion: Element | undefined): (el: Element) => string | undefined {
  const say = (r: SignatureReport) =>
    r.verifiedBy && !r.problem && r.referenceUri === `#${r.targetId}`
      ? `✔ SIGNED ${r.target} (ID ${r.targetId}), verified with ${certLabel(r.verifiedBy)}`
      : `✘ ${r.target} signature NOT verified${r.problem ? `: ${r.problem}` : ''}`;
  return (el) => {
    if (el === root && facts.response) return say(facts.response);
    if (el === root) return 'Response not signed';
    if (assertion && el === assertion) return facts.assertion ? say(facts.assertion) : 'Assertion not signed by itself';
    return undefined;
  };
}
