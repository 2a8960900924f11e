import { z } from 'zod';
import { certificateInfoSchema } from './connection-fields.js';

/** What OIDC discovery (`<issuer>/.well-known/openid-configuration`) tells us, plus what looked wrong. */
export const oidcDiscoverySchema = z.object({
  issuer: z.string(),
  authorizationEndpoint: z.string(),
  tokenEndpoint: z.string(),
  userinfoEndpoint: z.string().optional(),
  jwksUri: z.string().optional(),
  revocationEndpoint: z.string().optional(),
  endSessionEndpoint: z.string().optional(),
  codeChallengeMethodsSupported: z.array(z.string()),
  idTokenSigningAlgValuesSupported: z.array(z.string()),
  scopesSupported: z.array(z.string()),
  claimsSupported: z.array(z.string()),
  /** E.g. the issuer in the document differs from the one asked for (a trailing slash counts). */
  warnings: z.array(z.string()),
});
export type OidcDiscovery = z.infer<typeof oidcDiscoverySchema>;

/** What SAML IdP metadata tells us. */
export const idpMetadataSchema = z.object({
  entityId: z.string(),
  ssoUrl: z.string(),
  ssoBinding: z.enum(['HTTP-Redirect', 'HTTP-POST']),
  sloUrl: z.string().optional(),
  certificates: z.array(certificateInfoSchema),
  nameIdFormats: z.array(z.string()),
  wantAuthnRequestsSigned: z.boolean(),
  warnings: z.array(z.string()),
});
export type IdpMetadata = z.infer<typeof idpMetadataSchema>;
