import type { ConnectionPlatform, ConnectionProtocol } from './connection-fields.js';

/** Joins a base URL and a path with exactly one slash (ClearML 3.22 fixed a `//` in its own default). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * ClearML's callback key per OIDC provider, from its SSO guides (reference/clearml-platform.md §1.3, §3.1):
 * `/callback_okta`, `/callback_keycloak`, `/callback_azure_ad`, `/callback_ad_oauth` (Microsoft AD), `/callback_google`,
 * `/callback_cognito`, `/callback_ping`. Auth0 and Custom have no documented key: we assume the provider name.
 */
const clearmlOidcKeys: Record<string, string> = {
  okta: 'okta',
  keycloak: 'keycloak',
  azure: 'azure_ad',
  'microsoft-ad': 'ad_oauth',
  google: 'google',
  cognito: 'cognito',
  ping: 'ping',
  auth0: 'auth0',
  custom: 'custom',
};

/**
 * ClearML's SAML ACS path. ASSUMPTION: the path ClearML's UI-configured SAML connections use is not public. The
 * config-file guides (§3.2) document `/callback_microsoft_ad`, `/callback_google_saml`, `/callback_duo` and
 * `/callback_jumpcloudsaml`, so we use those; Custom gets `/callback_saml_custom`. Always compare with the
 * "Reply/ACS URL" field ClearML shows and prefer that.
 */
const clearmlSamlPaths: Record<string, string> = {
  'microsoft-ad': 'callback_microsoft_ad',
  google: 'callback_google_saml',
  duo: 'callback_duo',
  jumpcloud: 'callback_jumpcloudsaml',
  custom: 'callback_saml_custom',
};

export interface UrlSubject {
  protocol: ConnectionProtocol;
  provider: string;
  platform: ConnectionPlatform;
  webappUrl?: string | undefined;
}

/** Scheme and host of the platform (Arthur's fixed paths hang off the host, not the web app path). */
function hostBase(webappUrl: string): string {
  const url = new URL(webappUrl);
  return `${url.protocol}//${url.host}`;
}

/**
 * The URL to register at the IdP for the production login: ClearML `<webapp>/callback_<key>` (OIDC) or its ACS
 * (SAML); Arthur `https://<host>/login/callback` (OIDC) or `https://<host>/api/v3/saml/sso` (SAML, arthur §1.1/§2.1).
 * Null while no webapp URL is set.
 */
export function productionCallbackUrl(subject: UrlSubject): string | null {
  if (!subject.webappUrl) return null;
  if (subject.platform === 'arthur') {
    return joinUrl(hostBase(subject.webappUrl), subject.protocol === 'oidc' ? '/login/callback' : '/api/v3/saml/sso');
  }
  if (subject.protocol === 'oidc') {
    return joinUrl(subject.webappUrl, `callback_${clearmlOidcKeys[subject.provider] ?? subject.provider.replace(/-/g, '_')}`);
  }
  return joinUrl(subject.webappUrl, clearmlSamlPaths[subject.provider] ?? `callback_saml_${subject.provider.replace(/-/g, '_')}`);
}

/**
 * The SP entity ID the production platform presents: Arthur uses its ACS URL (§2.1); ClearML uses the "Entity ID"
 * configured for the connection (the override, else the one in effect).
 */
export function productionSpEntityId(subject: UrlSubject, spEntityIdInEffect: string): string | null {
  if (subject.platform === 'arthur') return subject.webappUrl ? joinUrl(hostBase(subject.webappUrl), '/api/v3/saml/sso') : null;
  return spEntityIdInEffect;
}

/** Loopback redirect URI of the workbench's own OIDC test run; the IdP app must allow it. */
export const testRedirectUri = (testPort: number, connectionId: string): string =>
  `http://127.0.0.1:${testPort}/oidc/${connectionId}/callback`;

/** Loopback ACS URL of the workbench's own SAML test run; the IdP app must allow it. */
export const testAcsUrl = (testPort: number, connectionId: string): string => `http://127.0.0.1:${testPort}/saml/${connectionId}/acs`;

/** Default SP entity ID for SAML tests (overridable by `saml.spEntityId`). */
export const defaultSpEntityId = (testPort: number, connectionId: string): string => `http://127.0.0.1:${testPort}/saml/${connectionId}`;
