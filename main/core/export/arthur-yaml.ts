import { stringify } from 'yaml';
import type { StoredConnection } from '../../contract/index.js';
import { NAMEID } from '../../contract/schemas/connection-saml.js';
import { flatClaimName } from './claim-names.js';
import type { GlobalRoleDef } from './global-role-defs.js';
import { idpMetadataXml } from './idp-metadata-xml.js';

type Oidc = StoredConnection & { protocol: 'oidc' };
type Saml = StoredConnection & { protocol: 'saml' };

export interface FormatInput {
  connection: StoredConnection;
  globalRoleDefs: GlobalRoleDef[];
  /** The workbench's loopback test URL(s) for this connection, for the "register these too" reminder. */
  testUrls: string[];
}

export interface FormatOutput {
  /** Format-specific comment lines after the stamp (values to register, steps, assumptions). */
  notes: string[];
  body: string;
}

const WELL_KNOWN = '/.well-known/openid-configuration';

/** The Arthur host (scheme + host) from the webapp URL, or a placeholder to fill in. */
function arthurHost(connection: StoredConnection): string {
  if (!connection.webappUrl) return 'https://<ARTHUR HOST>';
  const url = new URL(connection.webappUrl);
  return `${url.protocol}//${url.host}`;
}

const yamlText = (value: unknown): string => stringify(value, { lineWidth: 0, indent: 2 });

const unique = (values: string[]): string[] => [...new Set(values)];

/** Arthur OIDC IdP YAML (reference/arthur-platform.md §1.2–§1.3). */
function oidcYaml({ connection, globalRoleDefs }: FormatInput & { connection: Oidc }, notes: string[]): unknown {
  const { oidc } = connection;
  const config: Record<string, unknown> = {};
  if (oidc.issuer) {
    config.discoveryBaseURL = oidc.issuer.endsWith(WELL_KNOWN) ? oidc.issuer.slice(0, -WELL_KNOWN.length) : oidc.issuer;
  } else {
    const overrides: Record<string, string> = { authorization_endpoint: oidc.authorizationEndpoint, token_endpoint: oidc.tokenEndpoint };
    if (oidc.jwksUri) overrides.jwks_uri = oidc.jwksUri;
    if (oidc.userinfoEndpoint) overrides.userinfo_endpoint = oidc.userinfoEndpoint;
    if (oidc.revocationEndpoint) overrides.revocation_endpoint = oidc.revocationEndpoint;
    config.endpointOverrides = overrides;
    notes.push('No issuer is set, so the endpoints are given as endpointOverrides; add "issuer" there exactly as the IdP\'s discovery document spells it.');
  }
  config.flowType = oidc.codeChallengeMethod === 'none' ? 'implicit' : 'PKCE';
  if (oidc.groupSync.mappings.length) notes.push('Not carried: the group mappings; Arthur matches each IdP group to a role of the same name.');
  if (Object.keys(oidc.authParams).length) {
    notes.push(`Not carried: the extra authorization parameters (${Object.keys(oidc.authParams).join(', ')}); Arthur's OIDC YAML documents no key for them.`);
  }
  if (oidc.codeChallengeMethod === 'none') notes.push('PKCE is off for this connection, so flowType is implicit; Arthur supports PKCE and implicit (single-page app) flows only.');
  config.clientID = oidc.clientId;
  config.resourceID = '';
  config.authorizeScopes = unique(['openid', ...oidc.standardScopes, ...oidc.additionalScopes]);
  if (globalRoleDefs.length) config.globalRoleDefs = globalRoleDefs;
  const m = oidc.claimMappings;
  const claimMapping: Record<string, string> = { roles: flatClaimName(oidc.groupSync.claim, 'claimMapping.roles', notes) };
  const optional: Array<[string, string]> = [
    ['userID', m.userId],
    ['username', m.email || m.userId],
    ['firstName', m.givenName],
    ['lastName', m.familyName],
    ['email', m.email],
  ];
  for (const [key, path] of optional) {
    const name = flatClaimName(path, `claimMapping.${key}`, notes);
    if (name) claimMapping[key] = name; // Arthur: optional mappings are omitted when empty
  }
  const validation: Record<string, unknown> = { type: 'JWT', claimMapping, audience: [oidc.clientId] };
  if (oidc.allowedSigningAlgs.length === 1) validation.signatureAlgo = oidc.allowedSigningAlgs[0];
  config.accessTokenValidation = validation;
  notes.push(
    'audience lists the client ID; Arthur checks the ACCESS token\'s aud, which some IdPs set to an API identifier (Okta: api://default): replace it if yours differs.',
    'username is taken from the email claim, else the user ID claim (the workbench has no separate username mapping).',
  );
  return { version: 'v2', kind: 'OIDC', config };
}

/** Arthur SAML IdP YAML (reference/arthur-platform.md §2.2–§2.3). */
function samlYaml({ connection, globalRoleDefs }: FormatInput & { connection: Saml }, notes: string[]): unknown {
  const { saml } = connection;
  const config: Record<string, unknown> = {};
  if (saml.idp.metadataSource?.kind === 'url') config.metadataURL = saml.idp.metadataSource.value;
  else config.metadataXML = idpMetadataXml(saml);
  const m = saml.attributeMappings;
  const attributes: Record<string, unknown> = { roleAttribute: { name: saml.groupSync.attribute, useAllAttributeValues: true } };
  const optional: Array<[string, string]> = [
    ['firstNameAttribute', m.givenName],
    ['lastNameAttribute', m.familyName],
    ['emailAttribute', m.email],
    ['userIdAttribute', m.userId],
  ];
  for (const [key, name] of optional) {
    if (name === NAMEID) {
      notes.push(`${key}: the workbench maps it to the Subject NameID, which Arthur's YAML cannot name; send the value as an attribute and add ${key}.`);
    } else if (name) {
      attributes[key] = { name };
    }
  }
  config.assertionAttributes = attributes;
  if (globalRoleDefs.length) config.globalRoleDefs = globalRoleDefs;
  if (saml.encryptAssertions) notes.push('Not carried: assertion encryption; Arthur documents no encryption key setting, so turn off encryption at the IdP for Arthur\'s SP.');
  if (saml.groupSync.mappings.length) notes.push('Not carried: the group mappings; Arthur matches each IdP group to a role of the same name.');
  if (saml.signRequests) {
    notes.push('Requests are signed: upload the signing certificate and its private key in the Admin Console SAML section ("Public Certificate", "Private Key"); they are not part of this YAML.');
  }
  return { version: 'v1', kind: 'SAML', config };
}

/** The Arthur IdP YAML with its notes: the URLs Arthur fixes and the steps to apply it. */
export function arthurYaml(input: FormatInput): FormatOutput {
  const { connection } = input;
  const host = arthurHost(input.connection);
  const notes: string[] = [];
  const document = connection.protocol === 'oidc' ? oidcYaml({ ...input, connection }, notes) : samlYaml({ ...input, connection }, notes);
  const fixed =
    connection.protocol === 'oidc'
      ? [`#   redirect (sign-in callback) URL: ${host}/login/callback`]
      : [`#   ACS (SSO) URL:      ${host}/api/v3/saml/sso`, `#   SP entity ID:       ${host}/api/v3/saml/sso`, `#   start URL:          ${host}/`];
  const kind = connection.protocol === 'oidc' ? 'OIDC' : 'SAML';
  return {
    body: yamlText(document),
    notes: [
      '#',
      '# Register at the IdP (Arthur fixes these; they differ from the workbench\'s loopback test URLs',
      `# ${input.testUrls.join(', ')}):`,
      ...fixed,
      '#',
      '# Apply: KOTS Admin Console -> Config -> "Use a 3rd Party Global Identity Provider" -> choose',
      `# ${kind} -> paste the YAML below (keep its indentation, spaces only) -> Save -> open the latest version -> Deploy.`,
      '# Applying it creates the roles listed under globalRoleDefs; organization roles whose names equal the IdP',
      '# group names are created separately (ssowb roles push).',
      ...(notes.length ? ['#', '# Check before applying:', ...notes.map((note) => `#   - ${note}`)] : []),
    ],
  };
}
