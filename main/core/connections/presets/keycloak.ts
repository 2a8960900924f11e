import type { Preset } from './types.js';
import { baseUrlInput, oidcPresetDefaults, redirectNote, requireInput } from './shared.js';

/**
 * Keycloak. Realms live at `<base>/realms/<realm>` (Keycloak ≤ 16 also had `/auth` in front: include it in the
 * base URL). Groups need a "Group Membership" mapper; realm roles are in `realm_access.roles`.
 */
export const keycloakPreset: Preset = {
  protocol: 'oidc',
  provider: 'keycloak',
  label: 'Keycloak',
  inputs: [
    { name: 'baseUrl', label: 'Keycloak base URL', required: true, placeholder: 'https://sso.example.com', help: 'Add /auth for Keycloak 16 and older.' },
    { name: 'realm', label: 'Realm', required: true, placeholder: 'master' },
  ],
  notes: [
    'Groups: Client scopes → <client>-dedicated → Add mapper → Group Membership, token claim name "groups", "Full group path" off, add to ID token and userinfo.',
    'To use realm roles instead of groups, set the groups claim to realm_access.roles (and add the realm roles mapper to the ID token).',
  ],
  apply(inputs) {
    const base = baseUrlInput(inputs, 'baseUrl', 'Keycloak base URL', 'https://sso.example.com');
    const realm = requireInput(inputs, 'realm', 'Realm', 'master');
    const issuer = `${base}/realms/${encodeURIComponent(realm)}`;
    const oidc = `${issuer}/protocol/openid-connect`;
    return {
      oidc: {
        issuer,
        authorizationEndpoint: `${oidc}/auth`,
        tokenEndpoint: `${oidc}/token`,
        userinfoEndpoint: `${oidc}/userinfo`,
        jwksUri: `${oidc}/certs`,
        revocationEndpoint: `${oidc}/revoke`,
        ...oidcPresetDefaults,
        groupSync: { enabled: true, claim: 'groups' },
      },
      notes: [...this.notes, redirectNote],
    };
  },
};
