import * as z from 'zod';
import {
  connectionPlatforms,
  connectionWarningSchema,
  displayNameSchema,
  generateKeyPairOptionsSchema,
  lastPassSchema,
  lastTestSchema,
  oidcProviders,
  samlProviders,
  webappUrlSchema,
} from './connection-fields.js';
import { oidcSettingsSchema, refineOidcSettings } from './connection-oidc.js';
import { refineSamlSettings, samlSettingsSchema } from './connection-saml.js';

/**
 * THE connection schema. One set of field definitions serves forms, IPC/HTTP, the CLI and import; the variants below
 * differ only in what surrounds the settings: write-only secrets on input, bookkeeping in the stored document,
 * derived URLs and warnings in the view. Secret values appear in none of the stored/viewed shapes.
 */
const commonFields = {
  displayName: displayNameSchema,
  active: z.boolean().default(true),
  /** ClearML WebApp URL / Arthur host URL; optional until a production callback URL is wanted. */
  webappUrl: webappUrlSchema.optional(),
  platform: z.enum(connectionPlatforms).default('clearml'),
};

const providerError = (list: readonly string[], protocol: string) => ({
  error: `Unknown ${protocol} provider: use one of ${list.join(', ')}.`,
});

export const oidcConnectionSettingsSchema = z
  .object({
    protocol: z.literal('oidc'),
    provider: z.enum(oidcProviders, providerError(oidcProviders, 'OIDC')),
    ...commonFields,
    oidc: oidcSettingsSchema,
  })
  .strict();

export const samlConnectionSettingsSchema = z
  .object({
    protocol: z.literal('saml'),
    provider: z.enum(samlProviders, providerError(samlProviders, 'SAML')),
    ...commonFields,
    saml: samlSettingsSchema,
  })
  .strict();

type SettingsLike = { protocol?: string; oidc?: unknown; saml?: unknown };
type Ctx = Pick<z.RefinementCtx, 'addIssue'>;

/** Runs the protocol's cross-field rules; shared by every variant so they cannot drift. */
export function refineConnectionSettings(value: SettingsLike, ctx: Ctx, keyComing = false): void {
  if (value.protocol === 'oidc') refineOidcSettings(value.oidc as never, ctx);
  if (value.protocol === 'saml') refineSamlSettings(value.saml as never, ctx, keyComing);
}

/**
 * The settings alone (no id, no secrets): what an update is merged into and re-validated as. `keyComing` relaxes
 * the signing-certificate rule when the same request generates or supplies the key pair.
 */
export const connectionSettingsSchemaFor = (options: { keyComing: boolean }) =>
  z
    .discriminatedUnion('protocol', [oidcConnectionSettingsSchema, samlConnectionSettingsSchema])
    .superRefine((value, ctx) => refineConnectionSettings(value, ctx, options.keyComing));
export const connectionSettingsSchema = connectionSettingsSchemaFor({ keyComing: false });
export type ConnectionSettings = z.output<typeof connectionSettingsSchema>;
export type OidcConnectionSettings = z.output<typeof oidcConnectionSettingsSchema>;
export type SamlConnectionSettings = z.output<typeof samlConnectionSettingsSchema>;

const secretText = (what: string) => z.string().min(1, `${what} is empty: paste the value, or leave the field out.`);

/** Write-only secrets on create. They go to the OS keychain and never come back. */
export const oidcSecretInputFields = { clientSecret: secretText('Client secret').optional() };
export const samlSecretInputFields = {
  /** PEM private key for request signing. */
  privateKeyPem: secretText('Private key').optional(),
  /** Generate a key pair now (the certificate is stored, the key goes to the keychain). */
  generateKeyPair: generateKeyPairOptionsSchema.optional(),
  /** A key made earlier by `connections.generateKeyPair`; pass its certificate as `saml.signingCertificate`. */
  pendingKeyId: z.string().uuid('pendingKeyId is not an id returned by connections.generateKeyPair.').optional(),
};

/**
 * The id a new connection will have, chosen when its draft starts (the wizard), so the test redirect URI / ACS URL
 * and SP entity ID the IdP must know are final before the first save. Omitted: the engine assigns one.
 */
const draftIdField = { id: z.string().uuid('id must be a UUID (the draft id the wizard shows in its test URLs).').optional() };

/** `connections.create` input: settings + write-only secrets. */
export const connectionCreateInputSchema = z
  .discriminatedUnion('protocol', [
    oidcConnectionSettingsSchema.extend(oidcSecretInputFields).extend(draftIdField),
    samlConnectionSettingsSchema.extend(samlSecretInputFields).extend(draftIdField),
  ])
  .superRefine((value, ctx) => {
    const keyComing = value.protocol === 'saml' && Boolean(value.generateKeyPair || value.pendingKeyId);
    refineConnectionSettings(value, ctx, keyComing);
    if (value.protocol === 'saml' && value.saml?.signRequests && !value.privateKeyPem && !value.generateKeyPair && !value.pendingKeyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['privateKeyPem'],
        message: 'Sign requests is on but no private key is given: paste privateKeyPem, set generateKeyPair, or turn off signRequests.',
      });
    }
  });
export type ConnectionCreateInput = z.output<typeof connectionCreateInputSchema>;

/** Bookkeeping every stored connection carries. */
const documentFields = {
  id: z.string().uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastTest: lastTestSchema.nullable().default(null),
  /** Time of the last passing test or inspect; export gates compare it with `updatedAt`. */
  validatedAt: z.string().nullable().default(null),
  /** The run behind `validatedAt` (id and check counts), cited by export stamps; null before the first pass. */
  lastPass: lastPassSchema.nullable().default(null),
};

const oidcDocumentObject = oidcConnectionSettingsSchema.extend({ ...documentFields, hasClientSecret: z.boolean().default(false) });
const samlDocumentObject = samlConnectionSettingsSchema.extend({ ...documentFields, hasPrivateKey: z.boolean().default(false) });

/** The stored document (no secret values, only whether they exist). The store keeps it as JSON keyed by id and lower(name). */
export const connectionDocumentSchema = z
  .discriminatedUnion('protocol', [oidcDocumentObject, samlDocumentObject])
  .superRefine((value, ctx) => refineConnectionSettings(value, ctx));
export type StoredConnection = z.output<typeof connectionDocumentSchema>;

/** Derived, read-only facts added to every connection an operation returns. */
const viewFields = {
  /** = displayName; the name the CLI and product.md use. */
  name: z.string(),
  /** The URL to register at the IdP for the production platform login; null until webappUrl is set. */
  productionCallbackUrl: z.string().nullable(),
  /** True when the last passing test is newer than the last change (export gates rely on it). */
  validationCurrent: z.boolean(),
  warnings: z.array(connectionWarningSchema),
};

/** What every operation returns for a connection. Strict: a field that is not declared (a secret) cannot leave. */
export const connectionViewSchema = z.discriminatedUnion('protocol', [
  oidcDocumentObject.extend({ ...viewFields, testRedirectUri: z.string() }).strict(),
  samlDocumentObject
    .extend({
      ...viewFields,
      testAcsUrl: z.string(),
      /** SP entity ID in effect (the override, else the loopback default). */
      spEntityId: z.string(),
      /** SP entity ID for the production platform (Arthur: its ACS URL; ClearML: the one in effect). */
      productionSpEntityId: z.string().nullable(),
    })
    .strict(),
]);
export type ConnectionView = z.output<typeof connectionViewSchema>;
