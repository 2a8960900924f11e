import type { Preset } from './types.js';
import { optionalInput } from './shared.js';

/**
 * Google Workspace custom SAML app. The IdP ID (`idpid`) is in the SSO URL Google shows; NameID is the primary
 * email. Google sends no groups attribute unless "Group membership" is mapped to an app attribute.
 */
export const googleSamlPreset: Preset = {
  protocol: 'saml',
  provider: 'google',
  label: 'Google Workspace (SAML)',
  inputs: [{ name: 'idpId', label: 'IdP ID (idpid)', required: false, placeholder: 'C01abc2de', help: 'From the SSO URL https://accounts.google.com/o/saml2/idp?idpid=…' }],
  notes: [
    'No group attribute by default: in the app\'s Attribute mapping add "Group membership" → app attribute "groups" (only the groups you select are sent).',
    'Attribute names are what you type in Google\'s Attribute mapping; the defaults here assume email, firstName, lastName.',
  ],
  apply(inputs) {
    const idpId = optionalInput(inputs, 'idpId');
    return {
      saml: {
        ...(idpId
          ? {
              idp: {
                entityId: `https://accounts.google.com/o/saml2?idpid=${encodeURIComponent(idpId)}`,
                ssoUrl: `https://accounts.google.com/o/saml2/idp?idpid=${encodeURIComponent(idpId)}`,
                ssoBinding: 'HTTP-Redirect' as const,
              },
            }
          : {}),
        requireSignedAssertions: true,
        nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        attributeMappings: { userId: '$nameid', email: 'email', name: '', givenName: 'firstName', familyName: 'lastName', picture: '' },
        groupSync: { enabled: false, attribute: 'groups' },
      },
      notes: [...this.notes, 'Download the IdP metadata from the Google app (it carries the signing certificate) and load it.'],
    };
  },
};
