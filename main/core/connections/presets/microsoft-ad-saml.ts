import type { Preset } from './types.js';
import { hostInput, optionalInput } from './shared.js';

const claims = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

/**
 * Microsoft AD over SAML: AD FS (give its host) or Entra ID (give the tenant ID). Attribute names are the WS-Fed
 * claim URIs; groups come in `.../ws/2008/06/identity/claims/groups`, from AD as DNs, where ClearML uses the first
 * CN as the group name (`groupNameFromDnCn`). ClearML's guide uses the HTTP-Redirect binding.
 */
export const microsoftAdSamlPreset: Preset = {
  protocol: 'saml',
  provider: 'microsoft-ad',
  label: 'Microsoft AD (AD FS / Entra ID SAML)',
  inputs: [
    { name: 'host', label: 'AD FS host', required: false, placeholder: 'adfs.corp.example.com', help: 'For AD FS.' },
    { name: 'tenantId', label: 'Entra tenant ID', required: false, placeholder: '72f988bf-86f1-41af-91ab-2d7cd011db47', help: 'For Entra ID (Azure AD) enterprise apps.' },
  ],
  notes: [
    'AD sends groups as distinguished names (CN=Admins,OU=Groups,DC=corp,DC=example); "group name = first CN" turns them into Admins, as ClearML does.',
    'Entra ID sends group object IDs (GUIDs) unless the group claim is set to sAMAccountName; over 150 groups it sends a Graph link instead (overage).',
    'If AD FS signs with SHA-1 (older relying party trusts), switch the trust to SHA-256 rather than allowing SHA-1.',
  ],
  apply(inputs) {
    const host = optionalInput(inputs, 'host') ? hostInput(inputs, 'host', 'AD FS host', 'adfs.corp.example.com') : undefined;
    const tenant = optionalInput(inputs, 'tenantId');
    const idp = host
      ? {
          entityId: `http://${host}/adfs/services/trust`,
          ssoUrl: `https://${host}/adfs/ls/`,
          ssoBinding: 'HTTP-Redirect' as const,
          metadataSource: { kind: 'url' as const, value: `https://${host}/FederationMetadata/2007-06/FederationMetadata.xml` },
        }
      : tenant
        ? {
            entityId: `https://sts.windows.net/${tenant}/`,
            ssoUrl: `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/saml2`,
            ssoBinding: 'HTTP-Redirect' as const,
            metadataSource: { kind: 'url' as const, value: `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/federationmetadata/2007-06/federationmetadata.xml` },
          }
        : undefined;
    return {
      saml: {
        ...(idp ? { idp } : {}),
        requireSignedAssertions: true,
        attributeMappings: {
          userId: '$nameid',
          email: `${claims}/emailaddress`,
          name: `${claims}/name`,
          givenName: `${claims}/givenname`,
          familyName: `${claims}/surname`,
          picture: '',
        },
        groupSync: { enabled: true, attribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups', groupNameFromDnCn: true },
      },
      notes: [...this.notes, ...(idp ? ['Load the metadata from the URL to get the IdP signing certificates.'] : ['Give the AD FS host or the Entra tenant ID, or load the IdP metadata.'])],
    };
  },
};
