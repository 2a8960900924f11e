import type { Preset } from './types.js';
import { baseUrlInput, hostInput, oidcPresetDefaults, optionalInput, redirectNote } from './shared.js';

/**
 * Auth0. Its issuer ends with a slash (`https://<domain>/`) and must be compared exactly. Custom claims must be
 * namespaced with a URL, so the groups claim is a quoted URL-named claim.
 */
export const auth0Preset: Preset = {
  protocol: 'oidc',
  provider: 'auth0',
  label: 'Auth0',
  inputs: [
    { name: 'domain', label: 'Auth0 domain', required: true, placeholder: 'example.us.auth0.com', help: 'Tenant domain or custom domain.' },
    { name: 'claimNamespace', label: 'Custom claim namespace', required: false, default: 'https://example.com', help: 'The URL prefix your Action uses for custom claims.' },
  ],
  notes: [
    'The issuer is https://<domain>/ with a trailing slash; tokens carry it exactly so.',
    'Auth0 sends no groups by default: add a Post-Login Action, e.g. api.idToken.setCustomClaim("https://example.com/groups", event.authorization?.roles ?? []).',
  ],
  apply(inputs) {
    const domain = hostInput(inputs, 'domain', 'Auth0 domain', 'example.us.auth0.com');
    const namespace = optionalInput(inputs, 'claimNamespace')
      ? baseUrlInput(inputs, 'claimNamespace', 'Custom claim namespace', 'https://example.com')
      : 'https://example.com';
    const base = `https://${domain}`;
    return {
      oidc: {
        issuer: `${base}/`,
        authorizationEndpoint: `${base}/authorize`,
        tokenEndpoint: `${base}/oauth/token`,
        userinfoEndpoint: `${base}/userinfo`,
        jwksUri: `${base}/.well-known/jwks.json`,
        revocationEndpoint: `${base}/oauth/revoke`,
        ...oidcPresetDefaults,
        groupSync: { enabled: true, claim: `"${namespace}/groups"` },
      },
      notes: [...this.notes, `Groups claim: "${namespace}/groups" (quoted because the claim name is a URL).`, redirectNote],
    };
  },
};
