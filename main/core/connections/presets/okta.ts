import type { Preset } from './types.js';
import { hostInput, oidcPresetDefaults, optionalInput, redirectNote } from './shared.js';

/**
 * Okta. Custom authorization servers (`default` unless you made another) live under `/oauth2/<id>`; the org
 * server (`org`) has its endpoints at `/oauth2/v1/*` and issuer = the bare domain. Okta sends `email_verified`.
 */
export const oktaPreset: Preset = {
  protocol: 'oidc',
  provider: 'okta',
  label: 'Okta',
  inputs: [
    { name: 'domain', label: 'Okta domain', required: true, placeholder: 'dev-123456.okta.com', help: 'Your Okta org or custom domain, without https://.' },
    { name: 'authorizationServerId', label: 'Authorization server ID', required: false, default: 'default', help: '"default", the ID of a custom server, or "org" for the org server.' },
  ],
  notes: [
    'Okta sends groups only when asked: add a "groups" claim (Security → API → Authorization Servers → <server> → Claims: value type Groups, filter Matches regex .*, include in ID token), or read them from userinfo.',
  ],
  apply(inputs) {
    const domain = hostInput(inputs, 'domain', 'Okta domain', 'dev-123456.okta.com');
    const server = optionalInput(inputs, 'authorizationServerId') ?? 'default';
    const issuer = server === 'org' ? `https://${domain}` : `https://${domain}/oauth2/${server}`;
    const base = server === 'org' ? `https://${domain}/oauth2/v1` : `${issuer}/v1`;
    return {
      oidc: {
        issuer,
        authorizationEndpoint: `${base}/authorize`,
        tokenEndpoint: `${base}/token`,
        userinfoEndpoint: `${base}/userinfo`,
        jwksUri: `${base}/keys`,
        revocationEndpoint: `${base}/revoke`,
        ...oidcPresetDefaults,
        groupSync: { enabled: true, claim: 'groups' },
      },
      notes: [
        ...this.notes,
        server === 'org'
          ? 'The org authorization server cannot add custom claims to access tokens; set the app\'s "Groups claim filter" to put groups in the ID token.'
          : `Issuer is ${issuer}; the "groups" claim must be defined on this authorization server.`,
        redirectNote,
      ],
    };
  },
};
