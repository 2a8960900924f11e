import * as z from 'zod';
import { defineOperation } from '../define.js';
import { certificateInfoSchema, connectionProtocols, endpointUrlSchema, keyAlgorithms } from '../schemas/connection-fields.js';
import { connectionCreateInputSchema, connectionViewSchema } from '../schemas/connection.js';
import { connectionUpdateInputSchema } from '../schemas/connection-patch.js';
import { idpMetadataSchema, oidcDiscoverySchema } from '../schemas/connection-idp.js';
import { exportInputSchema, exportOutputSchema } from '../schemas/connection-export.js';
import { connectionDraftSchema, draftFromIdpInputSchema } from '../schemas/connection-draft.js';
import { applyPresetInputSchema, presetDescriptorSchema, presetResultSchema } from '../schemas/connection-presets.js';

/** A connection named by its id or its display name (case-insensitive). */
const refInput = z.object({ ref: z.string().trim().min(1, 'ref is empty: give a connection id or name.') }).strict();

const metadataInput = z
  .object({
    xml: z.string().min(1, 'xml is empty: paste the IdP metadata XML.').optional(),
    url: endpointUrlSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (Boolean(value.xml) === Boolean(value.url)) {
      ctx.addIssue({ code: 'custom', path: ['xml'], message: 'Give exactly one of xml (the metadata document) or url (where the IdP publishes it).' });
    }
  });

export const connectionOperations = {
  'connections.list': defineOperation(
    z
      .object({
        /** Matches name, id or provider, ignoring case. */
        search: z.string().trim().optional(),
        protocol: z.enum(connectionProtocols).optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    z.array(connectionViewSchema),
    'Connections sorted by name.',
  ),
  'connections.get': defineOperation(refInput, connectionViewSchema, 'One connection by id or name.'),
  'connections.create': defineOperation(connectionCreateInputSchema, connectionViewSchema, 'Create a connection; secrets go to the OS keychain.'),
  'connections.update': defineOperation(
    connectionUpdateInputSchema,
    connectionViewSchema,
    'Change some fields of a connection; secrets: omitted = keep, null = delete.',
  ),
  'connections.remove': defineOperation(
    refInput,
    z.object({ id: z.string(), name: z.string(), removed: z.literal(true) }),
    'Delete a connection and its keychain items.',
  ),
  'connections.setActive': defineOperation(
    z.object({ ref: refInput.shape.ref, active: z.boolean() }).strict(),
    connectionViewSchema,
    'Enable or disable a connection.',
  ),
  'connections.discover': defineOperation(
    z.object({ issuer: endpointUrlSchema }).strict(),
    oidcDiscoverySchema,
    'Read an OIDC discovery document (nothing is saved).',
  ),
  'connections.parseMetadata': defineOperation(metadataInput, idpMetadataSchema, 'Parse SAML IdP metadata from XML or a URL (nothing is saved).'),
  'connections.describeCertificate': defineOperation(
    z.object({ pem: z.string().min(1, 'pem is empty: paste a PEM certificate.') }).strict(),
    certificateInfoSchema,
    'Subject, validity and fingerprint of a pasted PEM certificate.',
  ),
  'connections.generateKeyPair': defineOperation(
    z
      .object({
        algorithm: z.enum(keyAlgorithms).default('RSA-2048'),
        validityDays: z.number().int().min(1).max(3650, 'validityDays is at most 3650 (10 years).').default(730),
        commonName: z.string().trim().min(1, 'commonName is empty: use e.g. the SP entity ID or host name.').max(64, 'commonName is at most 64 characters.'),
      })
      .strict(),
    z.object({ certificate: certificateInfoSchema, pendingKeyId: z.string().uuid() }),
    'Make a SAML signing key pair; the key goes to the keychain, pass pendingKeyId to create/update.',
  ),
  'connections.spMetadata': defineOperation(
    z.object({ ref: refInput.shape.ref, for: z.enum(['test', 'production']).default('test') }).strict(),
    z.object({ xml: z.string(), entityId: z.string(), acsUrl: z.string() }),
    'SP metadata XML for the IdP to import (test: the loopback ACS; production: the platform ACS).',
  ),
  'connections.export': defineOperation(
    exportInputSchema,
    exportOutputSchema,
    'A connection in a platform format (arthur-yaml, clearml-env, clearml-api; refused unless validated or forced) or the native JSON backup; secrets only when asked.',
  ),
  'connections.import': defineOperation(
    z
      .object({
        content: z.string().min(1, 'content is empty: pass the text of an exported connection file.'),
        /** Secrets not in the file can be supplied here (write-only). */
        clientSecret: z.string().min(1).optional(),
        privateKeyPem: z.string().min(1).optional(),
        /** Overwrite the existing connection with the same id or name (otherwise a clash is refused). */
        replace: z.boolean().default(false),
        /** Display name for an Arthur YAML import (the YAML has none); default: from its header, else the IdP host. */
        name: z.string().trim().min(1).max(80).optional(),
      })
      .strict(),
    connectionViewSchema,
    'Create (or, with replace, overwrite) a connection from a native JSON file or an Arthur IdP YAML.',
  ),
  'connections.draftFromIdp': defineOperation(
    draftFromIdpInputSchema,
    connectionDraftSchema,
    'A connection draft from an OIDC discovery document or SAML IdP metadata (nothing is saved).',
  ),
  'connections.presets': defineOperation(z.object({}).strict(), z.array(presetDescriptorSchema), 'Vendor presets and what each needs.'),
  'connections.applyPreset': defineOperation(applyPresetInputSchema, presetResultSchema, 'Fill a connection draft from a vendor preset.'),
};
