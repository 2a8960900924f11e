/**
 * Protocols, providers and platforms exactly as ClearML's "New Provider Connection" modal lists them (product.md),
 * apart from the schemas so the CLI can list them in its flags and help without loading zod (issue 14).
 */
export const connectionProtocols = ['oidc', 'saml'] as const;
export type ConnectionProtocol = (typeof connectionProtocols)[number];
export const oidcProviders = ['auth0', 'cognito', 'google', 'keycloak', 'microsoft-ad', 'azure', 'okta', 'ping', 'custom'] as const;
export type OidcProvider = (typeof oidcProviders)[number];
export const samlProviders = ['duo', 'google', 'jumpcloud', 'microsoft-ad', 'custom'] as const;
export type SamlProvider = (typeof samlProviders)[number];
/** The platform whose login the connection is for; it decides the production callback/ACS URL. */
export const connectionPlatforms = ['clearml', 'arthur'] as const;
export type ConnectionPlatform = (typeof connectionPlatforms)[number];
