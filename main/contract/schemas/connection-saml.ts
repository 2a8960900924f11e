import * as z from 'zod';
import { certificateInfoSchema, endpointUrlProblem, endpointUrlSchema } from './connection-fields.js';
import { groupMappingsSchema, groupNameSchema } from './connection-extras.js';

/** The attribute-mapping value that means "the Subject's NameID" rather than an Attribute. */
export const NAMEID = '$nameid';

/** A SAML attribute name, used whole: names are often URIs (`http://schemas.xmlsoap.org/...`) or URNs. */
const attributeName = z.string().trim();

/** ClearML "Claims mappings" for SAML: platform field → Attribute Name (empty = not mapped; `$nameid` = NameID). */
export const samlAttributeMappingsSchema = z
  .object({
    userId: attributeName.min(1, 'User ID mapping is empty: use $nameid (the Subject NameID) or an attribute name.').default(NAMEID),
    email: attributeName.default('email'),
    name: attributeName.default('displayName'),
    givenName: attributeName.default('firstName'),
    familyName: attributeName.default('lastName'),
    picture: attributeName.default(''),
  })
  .strict();

/** Group sync for SAML; `groupNameFromDnCn` turns `CN=Admins,OU=Groups,DC=corp` into `Admins` as ClearML does for AD. */
export const samlGroupSyncSchema = z
  .object({
    enabled: z.boolean().default(false),
    attribute: attributeName.min(1, 'Groups attribute is empty: enter the Attribute Name that carries the groups, e.g. groups.').default('groups'),
    caseSensitive: z.boolean().default(true),
    adminGroups: z.array(groupNameSchema).default([]),
    groupNameFromDnCn: z.boolean().default(false),
    /** ClearML 3.24: one IdP group → several platform groups (instead of matching the IdP group by name). */
    mappings: groupMappingsSchema,
  })
  .strict();

/** Where the IdP metadata came from, so it can be refreshed (a certificate rollover) later. */
export const metadataSourceSchema = z
  .object({ kind: z.enum(['file', 'url']), value: z.string().trim().min(1, 'Metadata source is empty: give the file name or URL.') })
  .strict();

/** The IdP side of a SAML connection, usually filled from its metadata. */
export const samlIdpSchema = z
  .object({
    entityId: z.string().trim().min(1, 'IdP entity ID is empty: load the IdP metadata, or copy the entityID from the IdP app settings.'),
    ssoUrl: endpointUrlSchema,
    ssoBinding: z.enum(['HTTP-Redirect', 'HTTP-POST']).default('HTTP-Redirect'),
    /** Several certificates are kept for rollover: a signature by any of them is accepted. */
    certificates: z.array(certificateInfoSchema).default([]),
    metadataSource: metadataSourceSchema.optional(),
  })
  .strict();

/**
 * Every field of ClearML's SAML form plus the security knobs admins need when a login fails for a "signature"
 * or "clock" reason. The private key for request signing is never here: it lives only in the OS keychain.
 */
export const samlSettingsSchema = z
  .object({
    /** SP entity ID (ClearML "Entity ID"); default `http://127.0.0.1:<testPort>/saml/<id>`; set it to match the IdP app. */
    spEntityId: z.string().trim().min(1, 'SP entity ID is empty: leave it out to use the default, or enter the value the IdP app expects.').optional(),
    idp: samlIdpSchema,
    requireSignedAssertions: z.boolean().default(true),
    requireSignedResponse: z.boolean().default(false),
    /** Sign AuthnRequests; needs `signingCertificate` here and its private key in the keychain. */
    signRequests: z.boolean().default(false),
    signingCertificate: certificateInfoSchema.optional(),
    /**
     * Ask the IdP to encrypt assertions: an SP encryption key pair (certificate here, private key only in the
     * keychain, generated on first use) is published in the SP metadata with use="encryption".
     */
    encryptAssertions: z.boolean().default(false),
    encryptionCertificate: certificateInfoSchema.optional(),
    /** Accept SHA-1 signatures/digests (legacy ADFS); off by default. */
    allowSha1: z.boolean().default(false),
    clockSkewSeconds: z.number().int().min(0).max(600, 'Clock skew above 600 s hides broken clocks: use at most 600.').default(60),
    nameIdFormat: z.string().trim().min(1).optional(),
    attributeMappings: samlAttributeMappingsSchema.prefault({}),
    groupSync: samlGroupSyncSchema.prefault({}),
  })
  .strict();
export type SamlSettings = z.infer<typeof samlSettingsSchema>;

type Ctx = Pick<z.RefinementCtx, 'addIssue'>;

/** Cross-field SAML rules; `keyComing` is true when the input generates or supplies the signing key pair. */
export function refineSamlSettings(saml: Partial<SamlSettings> | undefined, ctx: Ctx, keyComing = false): void {
  if (!saml || typeof saml !== 'object') return;
  const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path: ['saml', ...path], message });
  const certificates = saml.idp?.certificates ?? [];
  if ((saml.requireSignedAssertions !== false || saml.requireSignedResponse === true) && certificates.length === 0) {
    issue(
      ['idp', 'certificates'],
      'Signed assertions or responses are required but no IdP signing certificate is set: load the IdP metadata (it carries the certificate) or paste the certificate from the IdP app.',
    );
  }
  if (saml.signRequests === true && !saml.signingCertificate && !keyComing) {
    issue(
      ['signingCertificate'],
      'Sign requests is on but there is no signing certificate: generate a key pair, paste a certificate and its private key, or turn off signRequests.',
    );
  }
  const source = saml.idp?.metadataSource;
  if (source?.kind === 'url') {
    const problem = endpointUrlProblem(source.value);
    if (problem) issue(['idp', 'metadataSource', 'value'], problem);
  }
}
