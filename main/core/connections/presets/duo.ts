import type { Preset } from './types.js';
import { optionalInput } from './shared.js';

/**
 * Duo Single Sign-On, "Generic SAML Service Provider" app. Duo's metadata URL carries entity ID, SSO URL and
 * certificate. Attribute names are chosen in the app's "Map attributes"; ClearML's Duo guide sets Entity ID `clearml`.
 */
export const duoPreset: Preset = {
  protocol: 'saml',
  provider: 'duo',
  label: 'Duo',
  inputs: [{ name: 'metadataUrl', label: 'Metadata URL', required: false, placeholder: 'https://sso-abc123.sso.duosecurity.com/saml2/sp/DIXXXXXXXX/metadata' }],
  notes: [
    'Duo sends the attributes you map under "Map attributes" (defaults here: Email, DisplayName, FirstName, LastName) and groups under "Role attributes"/"Create attributes" named "groups".',
    'The SP Entity ID entered in Duo must equal this connection\'s SP entity ID (ClearML\'s guide uses "clearml"): set spEntityId to match.',
  ],
  apply(inputs) {
    const url = optionalInput(inputs, 'metadataUrl');
    return {
      saml: {
        ...(url ? { idp: { metadataSource: { kind: 'url' as const, value: url } } } : {}),
        requireSignedAssertions: true,
        attributeMappings: { userId: '$nameid', email: 'Email', name: 'DisplayName', givenName: 'FirstName', familyName: 'LastName', picture: '' },
        groupSync: { enabled: true, attribute: 'groups' },
      },
      notes: [...this.notes],
    };
  },
};
