import type { StoredConnection } from '../../contract/index.js';
import { flatClaimName } from './claim-names.js';
import { clearmlProviderKey, documentedClearmlKeys, metadataPathInContainer } from './clearml-keys.js';
import { idpMetadataXml } from './idp-metadata-xml.js';
import { redacted, redactedNote, type SecretValues } from './secret-values.js';
import type { FormatOutput } from './arthur-yaml.js';

/** A value as an env-file value: bare when safe, else single-quoted (docker compose env_file, shell and systemd agree). */
function envValue(value: string): string {
  return /^[A-Za-z0-9_./:@,+=-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

interface EnvLines {
  lines: string[];
  set(key: string, value: string | boolean | string[]): void;
  inferred(key: string, value: string | boolean): void;
  comment(text: string): void;
}

function envLines(prefix: string): EnvLines {
  const lines: string[] = [];
  const text = (value: string | boolean | string[]) => (Array.isArray(value) ? JSON.stringify(value) : String(value));
  return {
    lines,
    set: (key, value) => lines.push(`${prefix}${key}=${envValue(text(value))}`),
    // Settings the public guides do not name: commented out, so nothing guessed is applied without a person's look.
    inferred: (key, value) => lines.push(`# (inferred, not in ClearML's public docs) ${prefix}${key}=${envValue(text(value))}`),
    comment: (value) => lines.push(`# ${value}`),
  };
}

/** One IdP group → several platform groups (ClearML 3.24) as a JSON object. */
const groupMappingJson = (mappings: ReadonlyArray<{ idpGroup: string; platformGroups: readonly string[] }>): string =>
  JSON.stringify(Object.fromEntries(mappings.map((m) => [m.idpGroup, m.platformGroups])));

function oidcEnv(connection: StoredConnection & { protocol: 'oidc' }, key: string, secrets: SecretValues, notes: string[]): string[] {
  const { oidc } = connection;
  const services = envLines(`CLEARML__services__login__sso__oauth_client__${key}__`);
  const secure = envLines(`CLEARML__secure__login__sso__oauth_client__${key}__`);
  if (oidc.issuer) services.set('base_url', oidc.issuer);
  services.set('authorize_url', oidc.authorizationEndpoint);
  services.set('access_token_url', oidc.tokenEndpoint);
  services.set('display_name', connection.displayName);
  if (oidc.codeChallengeMethod !== 'none') {
    services.set('code_challenge', true);
    services.set('code_challenge_method', oidc.codeChallengeMethod);
  }
  if (!oidc.userInfoFromIdToken) services.set('get_info_from_access_token', false);
  const name = flatClaimName(oidc.claimMappings.name, 'claims__name', notes);
  if (name) services.set('claims__name', name);
  services.set('groups__enabled', oidc.groupSync.enabled);
  services.set('groups__claim', flatClaimName(oidc.groupSync.claim, 'groups__claim', notes));
  services.set('groups__case_sensitive', oidc.groupSync.caseSensitive);
  if (oidc.groupSync.adminGroups.length) services.set('groups__admins', oidc.groupSync.adminGroups);
  // ClearML 3.24 supports both (release notes), but the docs name no key for either: inferred, commented out.
  for (const [param, value] of Object.entries(oidc.authParams)) services.inferred(`authorize_params__${param}`, value);
  if (oidc.groupSync.mappings.length) services.inferred('groups__mapping', groupMappingJson(oidc.groupSync.mappings));
  if (oidc.jwksUri) services.inferred('jwks_uri', oidc.jwksUri);
  if (oidc.userinfoEndpoint) services.inferred('userinfo_url', oidc.userinfoEndpoint);
  if (oidc.revocationEndpoint) services.inferred('revocation_url', oidc.revocationEndpoint);
  services.inferred('scope', [...new Set(['openid', ...oidc.standardScopes, ...oidc.additionalScopes])].join(' '));
  const mapped: Array<[string, string]> = [['user_id', oidc.claimMappings.userId], ['email', oidc.claimMappings.email], ['given_name', oidc.claimMappings.givenName], ['family_name', oidc.claimMappings.familyName], ['picture', oidc.claimMappings.picture]];
  for (const [field, path] of mapped) if (path) services.inferred(`claims__${field}`, flatClaimName(path, `claims__${field}`, notes));
  secure.set('client_id', oidc.clientId);
  if (connection.hasClientSecret) {
    if (!secrets.clientSecret) secure.comment(redactedNote('client_secret', 'the Client Secret of the IdP app'));
    secure.set('client_secret', secrets.clientSecret ?? redacted('client_secret'));
  } else {
    notes.push('No client secret is stored for this connection; if the IdP app has one, add CLEARML__secure__login__sso__oauth_client__' + key + '__client_secret.');
  }
  return ['# Non-secret settings (services.login.sso)', ...services.lines, '', '# Secrets (secure.login.sso): keep this file private', ...secure.lines];
}

function samlEnv(connection: StoredConnection & { protocol: 'saml' }, key: string, notes: string[], spEntityId: string): string[] {
  const { saml } = connection;
  const services = envLines(`CLEARML__services__login__sso__saml_client__${key}__`);
  const secure = envLines(`CLEARML__secure__login__sso__saml_client__${key}__`);
  const m = saml.attributeMappings;
  const claims: Array<[string, string]> = [['object_id', m.userId], ['name', m.name], ['email', m.email], ['given_name', m.givenName], ['surname', m.familyName]];
  for (const [field, attribute] of claims) {
    if (attribute === '$nameid') notes.push(`claims__${field}: mapped to the Subject NameID in the workbench; ClearML's settings name attributes, so send it as an attribute too.`);
    else if (attribute) services.set(`claims__${field}`, attribute);
  }
  services.set('groups__enabled', saml.groupSync.enabled);
  services.set('groups__claim', saml.groupSync.attribute);
  services.set('groups__case_sensitive', saml.groupSync.caseSensitive);
  if (saml.groupSync.adminGroups.length) services.set('groups__admins', saml.groupSync.adminGroups);
  if (saml.groupSync.mappings.length) services.inferred('groups__mapping', groupMappingJson(saml.groupSync.mappings));
  if (saml.encryptAssertions) notes.push('Assertions are encrypted to the workbench\'s SP encryption key: ClearML\'s docs name no setting for a decryption key, so turn off encryption at the IdP for the platform\'s own SP, or check with ClearML.');
  secure.set('entity_id', spEntityId);
  secure.set('idp_metadata_file', metadataPathInContainer(connection));
  if (saml.signRequests) notes.push('Requests are signed: paste the signing certificate and private key in the ClearML Identity Providers page (Sign client requests); ClearML documents no environment setting for them.');
  const xml = idpMetadataXml(saml)
    .trimEnd()
    .split('\n')
    .map((line) => `#   ${line}`);
  return [
    '# Non-secret settings (services.login.sso)',
    ...services.lines,
    '',
    '# Secrets (secure.login.sso): keep this file private',
    ...secure.lines,
    '',
    `# IdP metadata: save the XML below (without the leading "#   ") as ${metadataPathInContainer(connection)}`,
    '# inside the apiserver container (Kubernetes: apiserver.additionalConfigs).',
    ...xml,
  ];
}

/** ClearML server env settings (reference/clearml-platform.md §3), with the ACS/callback URL to register. */
export function clearmlEnv(connection: StoredConnection, secrets: SecretValues, context: { callbackUrl: string | null; spEntityId: string; testUrls: string[] }): FormatOutput {
  const key = clearmlProviderKey(connection);
  const notes: string[] = [];
  if (!documentedClearmlKeys.includes(key)) notes.push(`The provider key "${key}" is not one the ClearML guides document; it follows their pattern (callback_<key>).`);
  const lines = connection.protocol === 'oidc' ? oidcEnv(connection, key, secrets, notes) : samlEnv(connection, key, notes, context.spEntityId);
  const callback = context.callbackUrl ?? `<ClearML WebApp URL>/callback_${key}`;
  return {
    body: `${lines.join('\n')}\n`,
    notes: [
      '#',
      `# Register at the IdP: ${connection.protocol === 'oidc' ? 'redirect URI' : 'ACS URL'} ${callback}`,
      `# (the production URL; the workbench's loopback test URL ${context.testUrls.join(', ')} is for tests only).`,
      '# Apply: add these lines to the apiserver environment (docker compose env_file, or the Helm chart\'s',
      '# apiserver.extraEnvs) and restart the apiserver. Lines starting with "# (inferred" are settings the public',
      '# docs do not name: check them against your ClearML version before uncommenting.',
      ...(notes.length ? ['#', '# Check before applying:', ...notes.map((note) => `#   - ${note}`)] : []),
    ],
  };
}
