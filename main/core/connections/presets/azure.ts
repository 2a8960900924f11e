import type { Preset } from './types.js';
import { oidcPresetDefaults, redirectNote, requireInput } from './shared.js';

const multiTenant = ['common', 'organizations', 'consumers'];

/**
 * Microsoft Entra ID (Azure AD), v2.0 endpoints. Groups come as object-ID GUIDs in `groups`; past 200 groups the
 * token carries an overage marker (`_claim_names`/`_claim_sources`) instead, pointing at Microsoft Graph.
 */
export const azurePreset: Preset = {
  protocol: 'oidc',
  provider: 'azure',
  label: 'Microsoft Azure (Entra ID)',
  inputs: [
    { name: 'tenantId', label: 'Directory (tenant) ID', required: true, placeholder: '72f988bf-86f1-41af-91ab-2d7cd011db47', help: 'From the app registration overview, or the tenant domain (contoso.onmicrosoft.com).' },
  ],
  notes: [
    'Groups arrive as GUIDs (object IDs) in the "groups" claim; name roles after the GUIDs, or configure the groups claim to emit sAMAccountName for groups synced from on-prem AD.',
    'Over 200 groups, Entra ID omits "groups" and sends an overage marker (_claim_names/_claim_sources) pointing at Microsoft Graph. Set "Groups assigned to the application" to stay under the limit.',
    'Entra ID sends no email_verified claim, so email verification is off; "email" is present only for users with a mailbox (preferred_username holds the UPN).',
  ],
  apply(inputs) {
    const tenant = requireInput(inputs, 'tenantId', 'Directory (tenant) ID', '72f988bf-86f1-41af-91ab-2d7cd011db47');
    const base = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}`;
    const shared = multiTenant.includes(tenant.toLowerCase());
    return {
      oidc: {
        // Multi-tenant endpoints issue tokens whose iss names the user's own tenant, so no fixed issuer can match.
        ...(shared ? {} : { issuer: `${base}/v2.0` }),
        authorizationEndpoint: `${base}/oauth2/v2.0/authorize`,
        tokenEndpoint: `${base}/oauth2/v2.0/token`,
        userinfoEndpoint: 'https://graph.microsoft.com/oidc/userinfo',
        jwksUri: `${base}/discovery/v2.0/keys`,
        ...oidcPresetDefaults,
        emailVerification: false,
        claimMappings: { userId: 'oid', email: 'email', name: 'name', givenName: 'given_name', familyName: 'family_name', picture: '' },
        groupSync: { enabled: true, claim: 'groups' },
      },
      notes: [
        ...this.notes,
        'User ID is mapped to "oid" (the user\'s object ID, the same in every app); "sub" differs per app registration.',
        ...(shared ? [`"${tenant}" is a multi-tenant endpoint: the issuer varies per tenant, so it is left empty. Prefer your tenant ID.`] : []),
        'Entra ID has no token revocation endpoint.',
        redirectNote,
      ],
    };
  },
};
