import type { Preset } from './types.js';
import { hostInput, oidcPresetDefaults, redirectNote } from './shared.js';

/**
 * Microsoft AD through AD FS (OpenID Connect, AD FS 2016+). AD FS puts user claims in the ID token only when an
 * issuance transform rule emits them; its userinfo endpoint returns just `sub`.
 */
export const microsoftAdOidcPreset: Preset = {
  protocol: 'oidc',
  provider: 'microsoft-ad',
  label: 'Microsoft AD (AD FS)',
  inputs: [{ name: 'host', label: 'AD FS host', required: true, placeholder: 'adfs.corp.example.com', help: 'The federation service name.' }],
  notes: [
    'Add issuance transform rules to the application group\'s Web API: send email, given_name, family_name and the groups ("Token-Groups - Unqualified Names" as Group), or they are missing from the token.',
    'AD FS\'s userinfo endpoint returns only "sub": keep "Obtain user information from Identity Token" on.',
  ],
  apply(inputs) {
    const host = hostInput(inputs, 'host', 'AD FS host', 'adfs.corp.example.com');
    const base = `https://${host}/adfs`;
    return {
      oidc: {
        issuer: base,
        authorizationEndpoint: `${base}/oauth2/authorize`,
        tokenEndpoint: `${base}/oauth2/token`,
        userinfoEndpoint: `${base}/userinfo`,
        jwksUri: `${base}/discovery/keys`,
        ...oidcPresetDefaults,
        emailVerification: false,
        claimMappings: { userId: 'sub', email: 'upn', name: 'unique_name', givenName: 'given_name', familyName: 'family_name', picture: '' },
        groupSync: { enabled: true, claim: 'group' },
      },
      notes: [
        ...this.notes,
        'Email is mapped to "upn" (always present for AD users); change it to "email" if your rules emit the mail attribute.',
        'AD FS sends the Group claim type as the short JWT claim "group".',
        redirectNote,
      ],
    };
  },
};
