import * as z from 'zod';
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
  /** `token_endpoint_auth_methods_supported` (RFC 8414 §2); empty when not advertised (then client_secret_basic). */
  tokenEndpointAuthMethodsSupported: z.array(z.string()).default([]),
  /** E.g. the issuer in the document differs from the one asked for (a trailing slash counts). */
  warnings: z.array(z.string()),
});
export type OidcDiscovery = z.infer<typeof oidcDiscoverySchema>;

/**
 * The client authentication a new connection starts with, from the discovery document: client_secret_basic when
 * advertised or nothing is (RFC 8414 §2: the default), else client_secret_post when advertised.
 */
export function defaultTokenEndpointAuthMethod(supported: readonly string[]): 'client_secret_basic' | 'client_secret_post' {
  if (supported.length === 0 || supported.includes('client_secret_basic')) return 'client_secret_basic';
  return supported.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic';
}

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
