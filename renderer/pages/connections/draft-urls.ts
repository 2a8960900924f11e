import { webappUrlSchema, type ConnectionPlatform, type ConnectionProtocol } from '../../../main/contract/index';

/**
 * Live previews of the URLs the engine derives (main/core/connections/urls.ts) while a draft is typed, before any
 * save: the renderer may not import the engine, and there is no contract operation for a URL of an unsaved draft.
 * Once saved, the connection view's own `productionCallbackUrl` / `testRedirectUri` / `testAcsUrl` are shown instead.
 * Keep the callback keys in step with urls.ts.
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
const clearmlSamlPaths: Record<string, string> = {
  'microsoft-ad': 'callback_microsoft_ad',
  google: 'callback_google_saml',
  duo: 'callback_duo',
  jumpcloud: 'callback_jumpcloudsaml',
  custom: 'callback_saml_custom',
};

const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

export interface UrlSubject {
  protocol: ConnectionProtocol;
  provider: string;
  platform: ConnectionPlatform;
  webappUrl?: string | undefined;
}

/** The production callback/ACS URL for the typed webapp URL; null while it is empty or not valid yet. */
export function draftProductionUrl(subject: UrlSubject): string | null {
  const parsed = webappUrlSchema.safeParse(subject.webappUrl ?? '');
  if (!subject.webappUrl?.trim() || !parsed.success) return null;
  const webapp = parsed.data;
  if (subject.platform === 'arthur') {
    const url = new URL(webapp);
    return joinUrl(`${url.protocol}//${url.host}`, subject.protocol === 'oidc' ? '/login/callback' : '/api/v3/saml/sso');
  }
  if (subject.protocol === 'oidc') return joinUrl(webapp, `callback_${clearmlOidcKeys[subject.provider] ?? subject.provider.replace(/-/g, '_')}`);
  return joinUrl(webapp, clearmlSamlPaths[subject.provider] ?? `callback_saml_${subject.provider.replace(/-/g, '_')}`);
}

/** The loopback test URL pattern for a draft: the port is known, the id is assigned on save. */
export function draftTestUrl(protocol: ConnectionProtocol, testPort: number | undefined): string {
  const port = testPort ?? '<test port>';
  return protocol === 'oidc' ? `http://127.0.0.1:${port}/oidc/<id>/callback` : `http://127.0.0.1:${port}/saml/<id>/acs`;
}

/** The default SP entity ID pattern of a SAML draft. */
export function draftSpEntityId(testPort: number | undefined): string {
  return `http://127.0.0.1:${testPort ?? '<test port>'}/saml/<id>`;
}
