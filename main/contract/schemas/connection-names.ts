/**
 * The fixed name lists of a connection, without zod: the CLI checks its flags against them at start-up, which must
 * not load the schemas (issue 14: `--help` and a bad flag never build the contract).
 */

/** Protocols and providers exactly as ClearML's "New Provider Connection" modal lists them (product.md). */
export const connectionProtocols = ['oidc', 'saml'] as const;
export type ConnectionProtocol = (typeof connectionProtocols)[number];
export const oidcProviders = ['auth0', 'cognito', 'google', 'keycloak', 'microsoft-ad', 'azure', 'okta', 'ping', 'custom'] as const;
export type OidcProvider = (typeof oidcProviders)[number];
export const samlProviders = ['duo', 'google', 'jumpcloud', 'microsoft-ad', 'custom'] as const;
export type SamlProvider = (typeof samlProviders)[number];
/** The platform whose login the connection is for; it decides the production callback/ACS URL. */
export const connectionPlatforms = ['clearml', 'arthur'] as const;
export type ConnectionPlatform = (typeof connectionPlatforms)[number];

/** How the client authenticates at the token endpoint; the last is a compatibility method (HTTP Basic, not form-encoded). */
export const tokenEndpointAuthMethods = ['client_secret_basic', 'client_secret_post', 'none', 'client_secret_basic_unencoded'] as const;
export type TokenEndpointAuthMethod = (typeof tokenEndpointAuthMethods)[number];
