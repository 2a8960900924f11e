import type { Preset } from './types.js';
import { oidcPresetDefaults, optionalInput, redirectNote } from './shared.js';

/**
 * Google (Google Identity / Workspace) OpenID Connect: fixed endpoints for every customer. Google's tokens carry
 * no groups claim at all, so group sync is off; Workspace users carry their domain in `hd`.
 */
export const googleOidcPreset: Preset = {
  protocol: 'oidc',
  provider: 'google',
  label: 'Google',
  inputs: [{ name: 'hostedDomain', label: 'Workspace domain (optional)', required: false, placeholder: 'example.com', help: 'Only used in the notes: Google sends it as the "hd" claim.' }],
  notes: [
    'Google sends no groups claim in OIDC tokens: group sync cannot work. Use Google SAML with a "Group membership" attribute, or manage groups in the platform.',
    'Anyone with a Google account can sign in to an "External" OAuth app: make the consent screen "Internal", and check the "hd" claim.',
  ],
  apply(inputs) {
    const domain = optionalInput(inputs, 'hostedDomain');
    return {
      oidc: {
        issuer: 'https://accounts.google.com',
        authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
        tokenEndpoint: 'https://oauth2.googleapis.com/token',
        userinfoEndpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
        jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
        revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
        ...oidcPresetDefaults,
        groupSync: { enabled: false, claim: 'groups' },
      },
      notes: [...this.notes, ...(domain ? [`Workspace users of ${domain} carry "hd": "${domain}" in their ID token.`] : []), redirectNote],
    };
  },
};
