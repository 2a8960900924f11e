import * as z from 'zod';
import { certificateInfoSchema, endpointUrlSchema } from './connection-fields.js';
import { idpMetadataSchema, oidcDiscoverySchema } from './connection-idp.js';
import { metadataSourceSchema } from './connection-saml.js';
import { oidcSettingsSchema } from './connection-oidc.js';

/**
 * `connections.draftFromIdp` input: an OIDC issuer (its discovery document is read) or SAML IdP metadata (the XML, or
 * the URL where the IdP publishes it). `fileName` names a metadata file so the draft can record where it came from.
 */
export const draftFromIdpInputSchema = z.discriminatedUnion('protocol', [
  z.object({ protocol: z.literal('oidc'), issuer: endpointUrlSchema }).strict(),
  z
    .object({
      protocol: z.literal('saml'),
      xml: z.string().min(1, 'xml is empty: paste the IdP metadata XML.').optional(),
      url: endpointUrlSchema.optional(),
      fileName: z.string().trim().min(1).max(255).optional(),
    })
    .strict()
    .superRefine((value, ctx) => {
      if (Boolean(value.xml) === Boolean(value.url)) {
        ctx.addIssue({ code: 'custom', path: ['xml'], message: 'Give exactly one of xml (the metadata document) or url (where the IdP publishes it).' });
      }
    }),
]);
export type DraftFromIdpInput = z.input<typeof draftFromIdpInputSchema>;

/**
 * A connection draft: the settings the IdP's own document decides (endpoints, issuer, signing algorithm, PKCE; the
 * SAML IdP entity, SSO URL and binding, certificates), as a patch to merge into a form or a create, what the document
 * said, and advice (`warnings`) worded for a person.
 */
export const connectionDraftSchema = z.discriminatedUnion('protocol', [
  z
    .object({
      protocol: z.literal('oidc'),
      // Plain strings: the document's values are reported as found; the save validates them like any typed value.
      oidc: z
        .object({
          issuer: z.string(),
          authorizationEndpoint: z.string(),
          tokenEndpoint: z.string(),
          jwksUri: z.string().optional(),
          userinfoEndpoint: z.string().optional(),
          revocationEndpoint: z.string().optional(),
          allowedSigningAlgs: z.array(z.string()).optional(),
          codeChallengeMethod: z.enum(['none', 'plain', 'S256']).optional(),
          /** From `token_endpoint_auth_methods_supported` (client_secret_basic when not advertised). */
          tokenEndpointAuthMethod: oidcSettingsSchema.shape.tokenEndpointAuthMethod.unwrap().optional(),
        })
        .strict(),
      discovery: oidcDiscoverySchema,
      warnings: z.array(z.string()),
    })
    .strict(),
  z
    .object({
      protocol: z.literal('saml'),
      saml: z
        .object({
          idp: z
            .object({
              entityId: z.string(),
              ssoUrl: z.string(),
              ssoBinding: z.enum(['HTTP-Redirect', 'HTTP-POST']),
              certificates: z.array(certificateInfoSchema),
              metadataSource: metadataSourceSchema.optional(),
            })
            .strict(),
        })
        .strict(),
      metadata: idpMetadataSchema,
      warnings: z.array(z.string()),
    })
    .strict(),
]);
export type ConnectionDraft = z.output<typeof connectionDraftSchema>;
