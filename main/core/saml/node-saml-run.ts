import { SAML, SamlStatusError, ValidateInResponseTo, type CacheProvider, type Profile, type SamlConfig } from '@node-saml/node-saml';
import type { SamlSettings } from '../../contract/schemas/connection-saml.js';
import type { SamlCheckId } from './check-list.js';

export interface NodeSamlInput {
  settings: SamlSettings;
  spEntityId: string;
  acsUrl: string;
  /** The ID of the AuthnRequest this run sent; undefined for offline inspect (no request was sent). */
  expectedRequestId?: string | undefined;
  /** The SP encryption key: node-saml decrypts an EncryptedAssertion with it (`decryptionPvk`). */
  decryptionKeyPem?: string | undefined;
}

/**
 * Holds the one request ID this run sent, so node-saml's `validateInResponseTo: 'always'` accepts exactly it.
 * node-saml measures a request's age against its own wall clock (saml.js); the run framework bounds the age with its
 * timeout, so the entry always reads as "issued just now".
 */
export function requestIdCache(expectedRequestId: string | undefined): CacheProvider {
  return {
    saveAsync: async (_key, value) => ({ value, createdAt: Date.now() }),
    getAsync: async (key) => (expectedRequestId !== undefined && key === expectedRequestId ? new Date().toISOString() : null),
    removeAsync: async () => null,
  };
}

/**
 * The strict node-saml ≥ 5.1 configuration (the config snapshot test pins it). Each line overrides a lax default:
 * - `idpCert`: only the connection's certificates (several for rollover); KeyInfo is never trusted.
 * - `audience` = SP entity ID (Core §2.5.1.4); `issuer`/`callbackUrl` = the SP's own values.
 * - `wantAssertionsSigned` / `wantAuthnResponseSigned` per connection (Profiles §4.1.3.5 leaves the choice to the SP).
 * - `acceptedClockSkewMs` explicit (node-saml's default is 0), shown in the report.
 * - `validateInResponseTo`: 'always' for live runs (Profiles §4.1.4.2: the Response answers our request),
 *   'never' offline, where no request exists; the report says so.
 * - `maxAssertionAgeMs: 0`: NotOnOrAfter alone bounds the age, as the IdP decided.
 * - sha256 for anything node-saml signs (its default is sha1).
 */
export function nodeSamlValidationOptions(input: NodeSamlInput): SamlConfig {
  const { settings } = input;
  return {
    entryPoint: settings.idp.ssoUrl,
    issuer: input.spEntityId,
    callbackUrl: input.acsUrl,
    audience: input.spEntityId,
    idpIssuer: settings.idp.entityId,
    idpCert: settings.idp.certificates.map((c) => c.pem),
    wantAssertionsSigned: settings.requireSignedAssertions,
    wantAuthnResponseSigned: settings.requireSignedResponse,
    acceptedClockSkewMs: settings.clockSkewSeconds * 1000,
    maxAssertionAgeMs: 0,
    validateInResponseTo: input.expectedRequestId === undefined ? ValidateInResponseTo.never : ValidateInResponseTo.always,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    disableRequestedAuthnContext: true,
    identifierFormat: settings.nameIdFormat ?? null,
    ...(input.decryptionKeyPem ? { decryptionPvk: input.decryptionKeyPem } : {}),
  };
}

/** node-saml reads the wall clock for assertion time checks; this subclass makes it use the run's clock. */
class ClockedSaml extends SAML {
  private readonly clockMs: number;
  constructor(options: SamlConfig, now: Date) {
    super(options);
    this.clockMs = now.getTime();
  }
  protected override checkTimestampsValidityError(_nowMs: number, notBefore: string, notOnOrAfter: string, maxTimeLimitMs?: number): Error | null {
    return super.checkTimestampsValidityError(this.clockMs, notBefore, notOnOrAfter, maxTimeLimitMs);
  }
}

export type NodeSamlOutcome = { ok: true; profile: Profile } | { ok: false; error: Error };

/** Runs node-saml's validatePostResponseAsync on the decoded XML (re-encoded as the POST binding's base64). */
export async function runNodeSaml(input: NodeSamlInput, xml: string, now: Date): Promise<NodeSamlOutcome> {
  try {
    const saml = new ClockedSaml({ ...nodeSamlValidationOptions(input), cacheProvider: requestIdCache(input.expectedRequestId) }, now);
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
    if (!profile) return { ok: false, error: new Error('node-saml returned no profile (a logout or NoPassive response, not a login).') };
    return { ok: true, profile };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Which check a node-saml refusal belongs to. `facts` says which signatures exist, to tell "missing" from "bad". */
export function classifyNodeSamlError(error: Error, facts: { responseSigned: boolean; assertionSigned: boolean }): SamlCheckId {
  const message = error.message;
  if (error instanceof SamlStatusError) return 'saml.response.status';
  if (/InResponseTo/i.test(message)) return 'saml.assertion.in_response_to';
  if (/not yet valid|expired|subject confirmation|Error parsing (NotBefore|NotOnOrAfter|IssueInstant)/i.test(message)) return 'saml.assertion.time_window';
  if (/audience/i.test(message)) return 'saml.assertion.audience';
  if (/decrypt|EncryptedAssertion|Missing SAML assertion|Unknown SAML response|no profile/i.test(message)) return 'saml.response.xml';
  if (/Invalid document signature/i.test(message)) return facts.responseSigned ? 'saml.signature.valid' : 'saml.signature.present';
  if (/^Invalid signature$/i.test(message) && !facts.assertionSigned && !facts.responseSigned) return 'saml.signature.present';
  if (/^Invalid signature$/i.test(message) && !facts.assertionSigned) return 'saml.assertion.signed';
  return 'saml.signature.valid';
}
