import { isAlias, parseDocument, visit } from 'yaml';
import type { ConnectionSettings } from '../../contract/index.js';
import { connectionSettingsSchema } from '../../contract/schemas/connection.js';
import { NAMEID } from '../../contract/schemas/connection-saml.js';
import { AppError } from '../app-error.js';
import type { ConnectionContext } from '../connections/context.js';
import { parseOrThrow, throwIssues, type FieldIssue } from '../connections/lookup.js';
import { arthurOidcYamlSchema, arthurSamlYamlSchema, type ArthurOidcYaml, type ArthurSamlYaml } from './arthur-yaml-schema.js';

const MAX_YAML_BYTES = 1024 * 1024;

/** Reads YAML text safely: no aliases (alias bombs), every scalar a string, duplicate keys refused. */
export function readYamlSafely(content: string): unknown {
  if (Buffer.byteLength(content, 'utf8') > MAX_YAML_BYTES) throw new AppError('invalid_input', 'content: the YAML is larger than 1 MiB.', { field: 'content' });
  const document = parseDocument(content, { schema: 'failsafe', uniqueKeys: true, prettyErrors: true });
  const first = document.errors[0];
  if (first) throw new AppError('invalid_input', `content: not valid YAML (${first.message.split('\n')[0]}).`, { field: 'content' });
  let aliases = 0;
  visit(document, { Alias: () => void (aliases += 1) });
  if (aliases > 0 || isAlias(document.contents)) {
    throw new AppError('invalid_input', 'content: YAML aliases (*name) are refused: write the values out in full.', { field: 'content' });
  }
  return document.toJS({ maxAliasCount: 0 });
}

/** A flat claim name as a workbench claim path: quoted when it holds a dot, colon or quote (`"cognito:groups"`). */
const claimPath = (name: string): string => (/[.:"\\]/.test(name) ? `"${name.replace(/["\\]/g, (c) => `\\${c}`)}"` : name);

/** The display name: given, else the one in an SSO Workbench header, else from the IdP host. */
function displayNameOf(content: string, given: string | undefined, fallback: string): string {
  if (given) return given;
  const header = /^# connection: ("(?:[^"\\]|\\.)*")/m.exec(content);
  if (header?.[1]) {
    try {
      return JSON.parse(header[1]) as string;
    } catch {
      /* not our header: fall through */
    }
  }
  return fallback;
}

const hostOf = (url: string | undefined): string => {
  try {
    return url ? new URL(url).host : 'unknown host';
  } catch {
    return 'unknown host';
  }
};

async function oidcSettings(context: ConnectionContext, yaml: ArthurOidcYaml, name: (fallback: string) => string): Promise<unknown> {
  const { config } = yaml;
  const overrides = config.endpointOverrides ?? {};
  let endpoints = {
    issuer: overrides.issuer,
    authorizationEndpoint: overrides.authorization_endpoint,
    tokenEndpoint: overrides.token_endpoint,
    jwksUri: overrides.jwks_uri,
    userinfoEndpoint: overrides.userinfo_endpoint,
    revocationEndpoint: overrides.revocation_endpoint,
  };
  if (config.discoveryBaseURL) {
    const found = await context.idp.discoverOidc(context.ports.http, config.discoveryBaseURL);
    endpoints = {
      issuer: config.discoveryBaseURL,
      authorizationEndpoint: overrides.authorization_endpoint ?? found.authorizationEndpoint,
      tokenEndpoint: overrides.token_endpoint ?? found.tokenEndpoint,
      jwksUri: overrides.jwks_uri ?? found.jwksUri,
      userinfoEndpoint: overrides.userinfo_endpoint ?? found.userinfoEndpoint,
      revocationEndpoint: overrides.revocation_endpoint ?? found.revocationEndpoint,
    };
  } else if (!overrides.authorization_endpoint) {
    throwIssues([{ field: 'config.discoveryBaseURL', message: 'Give discoveryBaseURL (the issuer) or endpointOverrides with authorization_endpoint and token_endpoint.' }]);
  }
  const scopes = config.authorizeScopes ?? ['openid'];
  const standard = ['openid', ...scopes.filter((s) => s === 'profile' || s === 'email')];
  const mapping = config.accessTokenValidation.claimMapping;
  const pick = (value: string | undefined, fallback: string) => (value === undefined ? fallback : value === '' ? '' : claimPath(value));
  const clean = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return {
    protocol: 'oidc',
    provider: 'custom',
    platform: 'arthur',
    displayName: name(`Arthur OIDC (${hostOf(endpoints.issuer ?? endpoints.authorizationEndpoint)})`),
    oidc: clean({
      ...endpoints,
      clientId: config.clientID,
      codeChallengeMethod: config.flowType === 'PKCE' ? 'S256' : 'none',
      standardScopes: [...new Set(standard)],
      additionalScopes: scopes.filter((s) => !standard.includes(s)),
      allowedSigningAlgs: config.accessTokenValidation.signatureAlgo ? [config.accessTokenValidation.signatureAlgo] : undefined,
      verifyTokenSignature: Boolean(endpoints.jwksUri),
      claimMappings: {
        userId: pick(mapping.userID, 'sub'),
        email: pick(mapping.email, ''),
        givenName: pick(mapping.firstName, ''),
        familyName: pick(mapping.lastName, ''),
      },
      groupSync: { enabled: true, claim: claimPath(mapping.roles) },
    }),
  };
}

async function samlSettings(context: ConnectionContext, yaml: ArthurSamlYaml, name: (fallback: string) => string): Promise<unknown> {
  const { config } = yaml;
  const issues: FieldIssue[] = [];
  if (Boolean(config.metadataURL) === Boolean(config.metadataXML)) issues.push({ field: 'config.metadataURL', message: 'Give exactly one of metadataURL or metadataXML.' });
  const roles = config.assertionAttributes.roleAttribute;
  if (roles.deliminator !== undefined) {
    issues.push({ field: 'config.assertionAttributes.roleAttribute.deliminator', message: 'Groups in one delimited value are not supported: have the IdP send one AttributeValue per group (useAllAttributeValues: True).' });
  }
  const attributes = config.assertionAttributes;
  for (const key of ['firstNameAttribute', 'lastNameAttribute', 'emailAttribute', 'userIdAttribute'] as const) {
    const index = attributes[key]?.index;
    if (index !== undefined && index !== 0) {
      issues.push({ field: `config.assertionAttributes.${key}.index`, message: 'Only the first value of an attribute (index 0) can be mapped: send the value in its own attribute.' });
    }
  }
  if (issues.length) throwIssues(issues);
  const now = context.ports.clock.now();
  const xml = config.metadataXML ?? (await context.idp.fetchIdpMetadata(context.ports.http, config.metadataURL as string));
  let metadata;
  try {
    metadata = await context.idp.parseIdpMetadata(xml, now);
  } catch (error) {
    const field = config.metadataXML ? 'config.metadataXML' : 'config.metadataURL';
    throw new AppError('invalid_input', `${field}: ${(error as Error).message}`, { field });
  }
  return {
    protocol: 'saml',
    provider: 'custom',
    platform: 'arthur',
    displayName: name(`Arthur SAML (${hostOf(metadata.ssoUrl)})`),
    saml: {
      idp: {
        entityId: metadata.entityId,
        ssoUrl: metadata.ssoUrl,
        ssoBinding: metadata.ssoBinding,
        certificates: metadata.certificates,
        metadataSource: config.metadataURL ? { kind: 'url', value: config.metadataURL } : { kind: 'file', value: 'metadataXML of an Arthur YAML' },
      },
      attributeMappings: {
        userId: attributes.userIdAttribute?.name || NAMEID,
        email: attributes.emailAttribute?.name ?? '',
        givenName: attributes.firstNameAttribute?.name ?? '',
        familyName: attributes.lastNameAttribute?.name ?? '',
        name: '',
      },
      groupSync: { enabled: true, attribute: roles.name },
    },
  };
}

/** An Arthur IdP YAML (OIDC v2 or SAML v1) as connection settings, checked like the wizard's input. */
export async function settingsFromArthurYaml(context: ConnectionContext, content: string, givenName: string | undefined): Promise<ConnectionSettings> {
  const data = readYamlSafely(content) as { kind?: unknown } | null;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new AppError('invalid_input', 'content: neither an SSO Workbench connection file (JSON) nor an Arthur IdP YAML.', {
      field: 'content',
      hint: 'Pass a file written by `ssowb export <connection> --format json` or an Arthur OIDC/SAML IdP YAML.',
    });
  }
  const name = (fallback: string) => displayNameOf(content, givenName, fallback);
  let settings: unknown;
  if (data?.kind === 'OIDC') settings = await oidcSettings(context, parseOrThrow(arthurOidcYamlSchema, data), name);
  else if (data?.kind === 'SAML') settings = await samlSettings(context, parseOrThrow(arthurSamlYamlSchema, data), name);
  else throw new AppError('invalid_input', `kind: expected OIDC or SAML (an Arthur IdP YAML), found ${JSON.stringify(data?.kind ?? null)}.`, { field: 'kind' });
  return parseOrThrow(connectionSettingsSchema, settings);
}
