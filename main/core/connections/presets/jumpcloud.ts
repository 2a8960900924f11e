import type { Preset } from './types.js';
import { optionalInput } from './shared.js';

/**
 * JumpCloud SSO (custom SAML app). IdP entity ID is whatever is set in the app (default "JumpCloud"); the SSO URL is
 * `https://sso.jumpcloud.com/saml2/<IDP URL label>`. Groups come in the group attribute, named `memberOf` by default.
 */
export const jumpcloudPreset: Preset = {
  protocol: 'saml',
  provider: 'jumpcloud',
  label: 'JumpCloud',
  inputs: [
    { name: 'ssoLabel', label: 'IDP URL label', required: false, placeholder: 'clearml', help: 'The last part of https://sso.jumpcloud.com/saml2/<label>.' },
    { name: 'idpEntityId', label: 'IdP Entity ID', required: false, default: 'JumpCloud' },
  ],
  notes: [
    'Turn on "include group attribute" in the app (attribute name memberOf by default) and bind the user groups to the app.',
    'User attributes are the ones you add under "User Attribute Mapping" (defaults here: email, firstname, lastname).',
  ],
  apply(inputs) {
    const label = optionalInput(inputs, 'ssoLabel');
    const entityId = optionalInput(inputs, 'idpEntityId') ?? 'JumpCloud';
    return {
      saml: {
        idp: {
          entityId,
          ...(label ? { ssoUrl: `https://sso.jumpcloud.com/saml2/${encodeURIComponent(label)}` } : {}),
          ssoBinding: 'HTTP-Redirect' as const,
        },
        requireSignedAssertions: true,
        attributeMappings: { userId: '$nameid', email: 'email', name: '', givenName: 'firstname', familyName: 'lastname', picture: '' },
        groupSync: { enabled: true, attribute: 'memberOf' },
      },
      notes: [...this.notes, 'Export the IdP metadata (or certificate) from the app and load it.'],
    };
  },
};
