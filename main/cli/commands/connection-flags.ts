import type { Command } from 'commander';
import type { ConnectionView, OperationInput } from '../../contract/index.js';
// The zod-free name lists: the CLI's start-up must not build the contract's schemas (issue 14).
import { connectionPlatforms, oidcProviders, samlProviders, tokenEndpointAuthMethods, type ConnectionProtocol } from '../../contract/schemas/connection-names.js';
import type { CliContext } from '../cli-context.js';
import { badFlag, collect, keyValues, listOf, oneOf, secretFromEnvFlag, wholeNumber } from '../option-values.js';

type CreateInput = OperationInput<'connections.create'>;
type OidcCreate = Extract<CreateInput, { protocol: 'oidc' }>;
type SamlCreate = Extract<CreateInput, { protocol: 'saml' }>;
/** The OIDC / SAML settings the flags set: a part of the create input, also usable as an update patch. */
export type OidcFlagSettings = Partial<Omit<OidcCreate['oidc'], 'authParams'>> & { authParams?: Record<string, string | null> };
export type SamlFlagSettings = Partial<Omit<SamlCreate['saml'], 'idp'>>;

/** The fields `--claim FIELD=PATH` / `--attribute FIELD=NAME` may name (product.md). */
export const mappedFields = ['userId', 'email', 'name', 'givenName', 'familyName', 'picture'] as const;

/** What commander hands over for the settings flags (strings as typed; the engine validates the values). */
export interface SettingsFlagValues {
  name?: string;
  provider?: string;
  webappUrl?: string;
  platform?: string;
  active?: boolean;
  inactive?: boolean;
  clientId?: string;
  clientSecretEnv?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  jwksUri?: string;
  userinfoEndpoint?: string;
  revocationEndpoint?: string;
  pkce?: string;
  scopes?: string;
  additionalScopes?: string;
  tokenEndpointAuth?: string;
  authParam?: string[];
  claim?: string[];
  attribute?: string[];
  groupsClaim?: string;
  groupsAttribute?: string;
  groupSync?: boolean;
  groupsCaseInsensitive?: boolean;
  groupsCaseSensitive?: boolean;
  adminGroups?: string;
  groupMap?: string[];
  allowedAlgs?: string;
  clockTolerance?: string;
  signRequests?: boolean;
  encryptAssertions?: boolean;
  spEntityId?: string;
  nameIdFormat?: string;
}

/** Flag → the settings it changes, so an engine error on a setting names the flag the user typed. */
const flagOfField: Array<[string, string]> = [
  ['displayName', '--name'],
  ['provider', '--provider'],
  ['webappUrl', '--webapp-url'],
  ['platform', '--platform'],
  ['clientSecret', '--client-secret-env'],
  ['oidc.issuer', '--issuer'],
  ['issuer', '--issuer'],
  ['url', '--metadata'],
  ['xml', '--metadata'],
  ['oidc.clientId', '--client-id'],
  ['oidc.authorizationEndpoint', '--authorization-endpoint'],
  ['oidc.tokenEndpoint', '--token-endpoint'],
  ['oidc.jwksUri', '--jwks-uri'],
  ['oidc.userinfoEndpoint', '--userinfo-endpoint'],
  ['oidc.revocationEndpoint', '--revocation-endpoint'],
  ['oidc.codeChallengeMethod', '--pkce'],
  ['oidc.standardScopes', '--scopes'],
  ['oidc.additionalScopes', '--additional-scopes'],
  ['oidc.tokenEndpointAuthMethod', '--token-endpoint-auth'],
  ['oidc.authParams', '--auth-param'],
  ['oidc.claimMappings', '--claim'],
  ['oidc.groupSync.claim', '--groups-claim'],
  ['oidc.groupSync.adminGroups', '--admin-groups'],
  ['oidc.groupSync.mappings', '--group-map'],
  ['oidc.groupSync', '--group-sync'],
  ['oidc.allowedSigningAlgs', '--allowed-algs'],
  ['oidc.clockToleranceSeconds', '--clock-tolerance'],
  ['saml.idp', '--metadata'],
  ['saml.spEntityId', '--sp-entity-id'],
  ['saml.attributeMappings', '--attribute'],
  ['saml.groupSync.attribute', '--groups-attribute'],
  ['saml.groupSync.adminGroups', '--admin-groups'],
  ['saml.groupSync.mappings', '--group-map'],
  ['saml.groupSync', '--group-sync'],
  ['saml.clockSkewSeconds', '--clock-tolerance'],
  ['saml.signingCertificate', '--sign-requests'],
  ['saml.signRequests', '--sign-requests'],
  ['privateKeyPem', '--sign-requests'],
  ['saml.encryptAssertions', '--encrypt-assertions'],
  ['saml.encryptionCertificate', '--encrypt-assertions'],
  ['saml.nameIdFormat', '--name-id-format'],
];

/** The flag behind an engine field path (`oidc.clockToleranceSeconds` → `--clock-tolerance`), or null. */
export function flagFor(field: string): string | null {
  const match = flagOfField.find(([path]) => field === path || field.startsWith(`${path}.`));
  return match ? match[1] : null;
}

/** Declares the settings flags `connections add oidc|saml` and `connections update` share (product.md). */
export function addSettingsFlags(command: Command, protocol: ConnectionProtocol | 'any'): Command {
  const oidc = protocol !== 'saml';
  const saml = protocol !== 'oidc';
  command
    .option('--webapp-url <url>', 'the platform web app URL (production callback / ACS)')
    .option('--platform <platform>', `platform whose login this is: ${connectionPlatforms.join(' | ')}`)
    .option('--active', 'enable the connection')
    .option('--inactive', 'disable the connection')
    .option('--admin-groups <groups>', 'IdP groups whose members become platform admins, comma-separated ("" clears)')
    .option('--group-map <idp=platform,…>', 'one IdP group → several platform groups (repeatable; replaces the list)', collect)
    .option('--group-sync', 'turn group sync on')
    .option('--no-group-sync', 'turn group sync off')
    .option('--groups-case-insensitive', 'match group names ignoring case')
    .option('--groups-case-sensitive', 'match group names exactly (default)')
    .option('--clock-tolerance <seconds>', 'accepted clock difference with the IdP, 0–600 s');
  if (oidc) {
    if (protocol === 'any') command.option('--client-id <id>', 'client id of the app registered at the IdP');
    command
      .option('--client-secret-env <var>', 'name of the environment variable holding the client secret (never argv)')
      .option('--authorization-endpoint <url>')
      .option('--token-endpoint <url>')
      .option('--jwks-uri <url>')
      .option('--userinfo-endpoint <url>')
      .option('--revocation-endpoint <url>')
      .option('--pkce <method>', 'none | plain | S256 (default S256)')
      .option('--scopes <scopes>', 'standard scopes, space- or comma-separated (default "openid profile email")')
      .option('--additional-scopes <scopes>', 'extra scopes, space- or comma-separated ("" clears)')
      .option('--token-endpoint-auth <method>', tokenEndpointAuthMethods.join(' | '))
      .option('--auth-param <key=value>', 'extra authorization-request parameter, e.g. prompt=login (repeatable; KEY= removes)', collect)
      .option('--claim <field=path>', `claim mapping, FIELD one of ${mappedFields.join(' ')} (repeatable)`, collect)
      .option('--groups-claim <path>', 'claim path of the groups; turns on group sync')
      .option('--allowed-algs <algs>', 'ID token signing algorithms allowed, comma-separated (e.g. RS256,ES256)');
  }
  if (saml) {
    command
      .option('--sp-entity-id <id>', 'SP entity ID the IdP app expects (default: the loopback test entity ID)')
      .option('--attribute <field=name>', `attribute mapping, FIELD one of ${mappedFields.join(' ')} (repeatable)`, collect)
      .option('--groups-attribute <name>', 'attribute carrying the groups; turns on group sync')
      .option('--sign-requests', 'sign AuthnRequests (a key pair is generated on first use; the key goes to the keychain)')
      .option('--no-sign-requests', 'stop signing AuthnRequests')
      .option('--encrypt-assertions', 'ask the IdP to encrypt assertions; the same key decrypts an encrypted NameID (an SP encryption key pair is generated on first use)')
      .option('--no-encrypt-assertions', 'stop asking for encrypted assertions')
      .option('--name-id-format <uri>', 'NameID format to request');
  }
  return command;
}

/** Flags that exist for the other protocol only: named in the error instead of being silently ignored. */
const oidcOnly: Array<[keyof SettingsFlagValues, string]> = [
  ['clientId', '--client-id'], ['clientSecretEnv', '--client-secret-env'], ['authorizationEndpoint', '--authorization-endpoint'],
  ['tokenEndpoint', '--token-endpoint'], ['jwksUri', '--jwks-uri'], ['userinfoEndpoint', '--userinfo-endpoint'],
  ['revocationEndpoint', '--revocation-endpoint'], ['pkce', '--pkce'], ['scopes', '--scopes'], ['additionalScopes', '--additional-scopes'],
  ['tokenEndpointAuth', '--token-endpoint-auth'], ['authParam', '--auth-param'], ['claim', '--claim'], ['groupsClaim', '--groups-claim'],
  ['allowedAlgs', '--allowed-algs'],
];
const samlOnly: Array<[keyof SettingsFlagValues, string]> = [
  ['spEntityId', '--sp-entity-id'], ['attribute', '--attribute'], ['groupsAttribute', '--groups-attribute'],
  ['signRequests', '--sign-requests'], ['encryptAssertions', '--encrypt-assertions'], ['nameIdFormat', '--name-id-format'],
];

export function refuseOtherProtocolFlags(context: CliContext, protocol: ConnectionProtocol, values: SettingsFlagValues): void {
  for (const [key, flag] of protocol === 'oidc' ? samlOnly : oidcOnly) {
    if (values[key] !== undefined) {
      badFlag(context, flag, `is for ${protocol === 'oidc' ? 'SAML' : 'OIDC'} connections; this one is ${protocol.toUpperCase()}.`);
    }
  }
}

/** `--provider`, checked against the protocol's providers. */
export const oidcProviderFrom = (context: CliContext, value: string) => oneOf(context, '--provider', value, oidcProviders);
export const samlProviderFrom = (context: CliContext, value: string) => oneOf(context, '--provider', value, samlProviders);

/** Top-level connection fields the flags set (the provider apart: its choices depend on the protocol). */
export function commonFrom(context: CliContext, v: SettingsFlagValues) {
  if (v.active && v.inactive) badFlag(context, '--active', 'give --active or --inactive, not both.');
  return {
    ...(v.name !== undefined ? { displayName: v.name } : {}),
    ...(v.webappUrl !== undefined ? { webappUrl: v.webappUrl } : {}),
    ...(v.platform !== undefined ? { platform: oneOf(context, '--platform', v.platform, connectionPlatforms) } : {}),
    ...(v.active ? { active: true } : v.inactive ? { active: false } : {}),
  };
}

/** `FIELD=PATH` pairs of `--claim` / `--attribute` as a mapping patch. */
function mappingsFrom(context: CliContext, flag: string, values: readonly string[]): Partial<Record<(typeof mappedFields)[number], string>> {
  const out: Partial<Record<(typeof mappedFields)[number], string>> = {};
  for (const [field, value] of keyValues(context, flag, values, 'email=mail')) out[oneOf(context, flag, field, mappedFields)] = value.trim();
  return out;
}

/** `--group-map IDP=A,B` (repeatable) as group mappings. */
function groupMapsFrom(context: CliContext, values: readonly string[]) {
  return keyValues(context, '--group-map', values, 'ml-admins=Admins,Queue admins').map(([idpGroup, platform]) => {
    const platformGroups = platform.split(',').map((g) => g.trim()).filter(Boolean);
    if (platformGroups.length === 0) badFlag(context, '--group-map', `"${idpGroup}=" names no platform group (e.g. --group-map ${idpGroup}=Admins,Users).`);
    return { idpGroup, platformGroups };
  });
}

function groupSyncFrom(context: CliContext, v: SettingsFlagValues, path: { claim?: string; attribute?: string }) {
  if (v.groupsCaseInsensitive && v.groupsCaseSensitive) badFlag(context, '--groups-case-insensitive', 'give --groups-case-insensitive or --groups-case-sensitive, not both.');
  const enabled = path.claim !== undefined || path.attribute !== undefined ? true : v.groupSync;
  if (v.groupSync === false && (path.claim !== undefined || path.attribute !== undefined)) {
    badFlag(context, '--no-group-sync', 'contradicts --groups-claim/--groups-attribute (which turn group sync on).');
  }
  const sync = {
    ...(enabled !== undefined ? { enabled } : {}),
    ...(path.claim !== undefined ? { claim: path.claim } : {}),
    ...(path.attribute !== undefined ? { attribute: path.attribute } : {}),
    ...(v.groupsCaseInsensitive ? { caseSensitive: false } : v.groupsCaseSensitive ? { caseSensitive: true } : {}),
    ...(v.adminGroups !== undefined ? { adminGroups: listOfGroups(v.adminGroups) } : {}),
    ...(v.groupMap !== undefined ? { mappings: groupMapsFrom(context, v.groupMap) } : {}),
  };
  return Object.keys(sync).length ? { groupSync: sync } : {};
}

/** Admin groups are comma-separated (group names may contain spaces). */
const listOfGroups = (value: string): string[] => value.split(',').map((g) => g.trim()).filter(Boolean);

/** The OIDC settings the flags name. `--auth-param KEY=VALUE` sets one parameter and keeps the others; `KEY=` removes one. */
export function oidcFrom(context: CliContext, v: SettingsFlagValues): OidcFlagSettings {
  const out: OidcFlagSettings = {
    ...(v.clientId !== undefined ? { clientId: v.clientId } : {}),
    ...(v.authorizationEndpoint !== undefined ? { authorizationEndpoint: v.authorizationEndpoint } : {}),
    ...(v.tokenEndpoint !== undefined ? { tokenEndpoint: v.tokenEndpoint } : {}),
    ...(v.jwksUri !== undefined ? { jwksUri: v.jwksUri } : {}),
    ...(v.userinfoEndpoint !== undefined ? { userinfoEndpoint: v.userinfoEndpoint } : {}),
    ...(v.revocationEndpoint !== undefined ? { revocationEndpoint: v.revocationEndpoint } : {}),
    ...(v.pkce !== undefined ? { codeChallengeMethod: oneOf(context, '--pkce', v.pkce, ['none', 'plain', 'S256'] as const) } : {}),
    ...(v.scopes !== undefined ? { standardScopes: listOf(v.scopes) } : {}),
    ...(v.additionalScopes !== undefined ? { additionalScopes: listOf(v.additionalScopes) } : {}),
    ...(v.tokenEndpointAuth !== undefined
      ? { tokenEndpointAuthMethod: oneOf(context, '--token-endpoint-auth', v.tokenEndpointAuth, tokenEndpointAuthMethods) }
      : {}),
    ...(v.allowedAlgs !== undefined ? { allowedSigningAlgs: listOf(v.allowedAlgs) } : {}),
    ...(v.clockTolerance !== undefined ? { clockToleranceSeconds: wholeNumber(context, '--clock-tolerance', v.clockTolerance, 0, 600) } : {}),
    ...(v.claim !== undefined ? { claimMappings: mappingsFrom(context, '--claim', v.claim) } : {}),
    ...groupSyncFrom(context, v, { ...(v.groupsClaim !== undefined ? { claim: v.groupsClaim } : {}) }),
  };
  if (v.authParam !== undefined) {
    const params: Record<string, string | null> = {};
    for (const [key, value] of keyValues(context, '--auth-param', v.authParam, 'prompt=login')) params[key] = value === '' ? null : value;
    out.authParams = params;
  }
  return out;
}

/** The SAML settings the flags name (the IdP side comes from `--metadata`, see the draft). */
export function samlFrom(context: CliContext, v: SettingsFlagValues): SamlFlagSettings {
  return {
    ...(v.spEntityId !== undefined ? { spEntityId: v.spEntityId } : {}),
    ...(v.signRequests !== undefined ? { signRequests: v.signRequests } : {}),
    ...(v.encryptAssertions !== undefined ? { encryptAssertions: v.encryptAssertions } : {}),
    ...(v.nameIdFormat !== undefined ? { nameIdFormat: v.nameIdFormat } : {}),
    ...(v.clockTolerance !== undefined ? { clockSkewSeconds: wholeNumber(context, '--clock-tolerance', v.clockTolerance, 0, 600) } : {}),
    ...(v.attribute !== undefined ? { attributeMappings: mappingsFrom(context, '--attribute', v.attribute) } : {}),
    ...groupSyncFrom(context, v, { ...(v.groupsAttribute !== undefined ? { attribute: v.groupsAttribute } : {}) }),
  };
}

/** The client secret from `--client-secret-env` (never argv). */
export const clientSecretFrom = (context: CliContext, v: SettingsFlagValues) => secretFromEnvFlag(context, '--client-secret-env', v.clientSecretEnv);

/** Whether turning on request signing needs a key pair made now (none stored yet). */
export const needsSigningKey = (v: SettingsFlagValues, existing: ConnectionView | null): boolean =>
  v.signRequests === true && !(existing?.protocol === 'saml' && existing.saml.signingCertificate && existing.hasPrivateKey);
