import { AppError } from '../../app-error.js';
import type { Preset } from './types.js';
import { oidcPresetDefaults, optionalInput, redirectNote, requireInput } from './shared.js';

/** PingOne regions by top-level domain of `auth.pingone.<tld>`. */
const regions = ['com', 'eu', 'ca', 'asia', 'com.au', 'sg'];

/**
 * PingOne (Ping Identity's cloud). Every endpoint hangs off `https://auth.pingone.<tld>/<environment id>/as`.
 * ClearML's Ping guide turns PKCE S256 on. PingFederate (self-hosted) uses the Custom preset with discovery.
 */
export const pingPreset: Preset = {
  protocol: 'oidc',
  provider: 'ping',
  label: 'Ping (PingOne)',
  inputs: [
    { name: 'environmentId', label: 'Environment ID', required: true, placeholder: '8a7b6c5d-1234-4e5f-9abc-0123456789ab' },
    { name: 'region', label: 'Region domain', required: false, default: 'com', help: `auth.pingone.<region>: one of ${regions.join(', ')}.` },
  ],
  notes: [
    'Groups: in the application\'s Attribute Mappings add "groups" mapped to "Group Names" (memberOfGroupNames), and enable the openid profile email scopes.',
    'For PingFederate (self-hosted), use the Custom preset and discover from its issuer.',
  ],
  apply(inputs) {
    const environmentId = requireInput(inputs, 'environmentId', 'Environment ID', '8a7b6c5d-1234-4e5f-9abc-0123456789ab');
    if (!/^[0-9a-f-]{36}$/i.test(environmentId)) {
      throw new AppError('invalid_input', `inputs.environmentId: "${environmentId}" is not a PingOne environment ID (a UUID from Settings → Environment).`, {
        field: 'inputs.environmentId',
      });
    }
    const region = (optionalInput(inputs, 'region') ?? 'com').replace(/^\./, '').toLowerCase();
    if (!regions.includes(region)) {
      throw new AppError('invalid_input', `inputs.region: "${region}" is not a PingOne region; use one of ${regions.join(', ')}.`, { field: 'inputs.region' });
    }
    const base = `https://auth.pingone.${region}/${environmentId}/as`;
    return {
      oidc: {
        issuer: base,
        authorizationEndpoint: `${base}/authorize`,
        tokenEndpoint: `${base}/token`,
        userinfoEndpoint: `${base}/userinfo`,
        jwksUri: `${base}/jwks`,
        revocationEndpoint: `${base}/revoke`,
        ...oidcPresetDefaults,
        userInfoFromIdToken: false,
        groupSync: { enabled: true, claim: 'groups' },
      },
      notes: [...this.notes, 'PingOne returns profile claims from userinfo by default, so user info is read from the userinfo endpoint.', redirectNote],
    };
  },
};
