import * as z from 'zod';

/**
 * Arthur IdP YAML as it is read back (reference/arthur-platform.md §1.3, §2.3). Parsed with the YAML failsafe schema,
 * so every scalar arrives as a string (a client ID `0123` stays `0123`); booleans and indexes are converted here.
 * Every object is strict: an unknown key is refused with its path.
 */
const text = z.string();
const yamlBool = z.enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']).transform((value) => value.toLowerCase() === 'true');
const roleDefs = z.array(z.object({ name: text, permissions: z.record(text, z.array(text)) }).strict());

const endpointOverrides = z
  .object({
    issuer: text,
    authorization_endpoint: text,
    token_endpoint: text,
    jwks_uri: text,
    userinfo_endpoint: text,
    end_session_endpoint: text,
    device_authorization_endpoint: text,
    revocation_endpoint: text,
    introspection_endpoint: text,
    registration_endpoint: text,
  })
  .partial()
  .strict();

export const arthurOidcYamlSchema = z
  .object({
    version: z.literal('v2'),
    kind: z.literal('OIDC'),
    config: z
      .object({
        discoveryBaseURL: text.optional(),
        endpointOverrides: endpointOverrides.optional(),
        flowType: z.enum(['PKCE', 'implicit']),
        clientID: text.min(1),
        resourceID: text.optional(),
        authorizeScopes: z.array(text).optional(),
        globalRoleDefs: roleDefs.optional(),
        accessTokenValidation: z
          .object({
            type: z.literal('JWT'),
            claimMapping: z
              .object({ roles: text.min(1), userID: text, username: text, firstName: text, lastName: text, email: text })
              .partial({ userID: true, username: true, firstName: true, lastName: true, email: true })
              .strict(),
            audience: z.array(text).optional(),
            signatureAlgo: text.optional(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

const attribute = z
  .object({
    name: text,
    index: z
      .string()
      .regex(/^\d+$/, 'index must be a whole number.')
      .transform(Number)
      .optional(),
  })
  .strict();

export const arthurSamlYamlSchema = z
  .object({
    version: z.literal('v1'),
    kind: z.literal('SAML'),
    config: z
      .object({
        metadataURL: text.optional(),
        metadataXML: text.optional(),
        assertionAttributes: z
          .object({
            roleAttribute: z.object({ name: text.min(1), useAllAttributeValues: yamlBool.optional(), deliminator: text.optional() }).strict(),
            firstNameAttribute: attribute.optional(),
            lastNameAttribute: attribute.optional(),
            emailAttribute: attribute.optional(),
            userIdAttribute: attribute.optional(),
          })
          .strict(),
        globalRoleDefs: roleDefs.optional(),
      })
      .strict(),
  })
  .strict();

export type ArthurOidcYaml = z.output<typeof arthurOidcYamlSchema>;
export type ArthurSamlYaml = z.output<typeof arthurSamlYamlSchema>;
