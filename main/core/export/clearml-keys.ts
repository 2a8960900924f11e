import type { StoredConnection } from '../../contract/index.js';
import { productionCallbackUrl } from '../../contract/schemas/connection-urls.js';

/**
 * ClearML's provider key (`oauth_client.<key>` / `saml_client.<key>`, reference/clearml-platform.md §3.1–§3.2): the
 * name in its callback path (`/callback_okta` → `okta`). Derived from the one callback table so they cannot drift.
 */
export function clearmlProviderKey(connection: StoredConnection): string {
  const url = productionCallbackUrl({ protocol: connection.protocol, provider: connection.provider, platform: 'clearml', webappUrl: 'https://clearml.invalid' });
  return (url ?? '').replace(/^.*\/callback_/, '');
}

/** Provider keys the ClearML guides document; others (auth0, custom) follow the same pattern but are assumed. */
export const documentedClearmlKeys = ['okta', 'keycloak', 'azure_ad', 'ad_oauth', 'google', 'cognito', 'ping', 'microsoft_ad', 'google_saml', 'duo', 'jumpcloudsaml'];

/** File name slug from the display name: lower-case, dashes, never empty. */
export function slugOf(connection: StoredConnection): string {
  return connection.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || connection.id;
}

/** Where the env export tells ClearML to find the IdP metadata inside the apiserver container (§3.2 example path). */
export const metadataPathInContainer = (connection: StoredConnection): string => `/opt/clearml/config/default/${slugOf(connection)}-idp-metadata.xml`;
