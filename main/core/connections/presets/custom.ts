import type { Preset } from './types.js';
import { baseUrlInput, optionalInput, redirectNote, standardClaims } from './shared.js';

/** Any standards-following OIDC provider: start from its issuer and fill the endpoints with discovery. */
export const customOidcPreset: Preset = {
  protocol: 'oidc',
  provider: 'custom',
  label: 'Custom OIDC',
  inputs: [{ name: 'issuer', label: 'Issuer URL', required: false, placeholder: 'https://idp.example.com', help: 'Discovery reads <issuer>/.well-known/openid-configuration.' }],
  notes: ['Use "Import from issuer" to fill the endpoints from the issuer\'s discovery document, then check the groups claim name with a test login.'],
  apply(inputs) {
    const issuer = optionalInput(inputs, 'issuer') ? baseUrlInput(inputs, 'issuer', 'Issuer URL', 'https://idp.example.com') : undefined;
    return {
      oidc: {
        ...(issuer ? { issuer } : {}),
        userInfoFromIdToken: true,
        verifyTokenSignature: true,
        codeChallengeMethod: 'S256',
        standardScopes: ['openid', 'profile', 'email'],
        claimMappings: standardClaims,
        groupSync: { enabled: false, claim: 'groups' },
      },
      notes: [...this.notes, redirectNote],
    };
  },
};

/** Any SAML 2.0 IdP: load its metadata (file or URL); attribute names follow common defaults. */
export const customSamlPreset: Preset = {
  protocol: 'saml',
  provider: 'custom',
  label: 'Custom SAML',
  inputs: [{ name: 'metadataUrl', label: 'Metadata URL (optional)', required: false, placeholder: 'https://idp.example.com/saml/metadata' }],
  notes: ['Load the IdP metadata (entity ID, SSO URL, signing certificates), then check attribute names with a test login.'],
  apply(inputs) {
    const url = optionalInput(inputs, 'metadataUrl');
    return {
      saml: {
        ...(url ? { idp: { metadataSource: { kind: 'url' as const, value: url } } } : {}),
        requireSignedAssertions: true,
        attributeMappings: { userId: '$nameid', email: 'email', name: 'displayName', givenName: 'firstName', familyName: 'lastName', picture: '' },
        groupSync: { enabled: false, attribute: 'groups' },
      },
      notes: [...this.notes, 'Register the workbench test ACS URL and SP entity ID (shown on the connection) at the IdP app.'],
    };
  },
};
