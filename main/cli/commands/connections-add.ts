import type { Command } from 'commander';
import type { IdpMetadata, OidcDiscovery } from '../../contract/index.js';
import { defaultTokenEndpointAuthMethod } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { inputFileCaps, readInputFile } from '../input-file.js';
import { printError } from '../cli-io.js';
import { printConnection } from './connections.js';

interface OidcAddOptions {
  name: string;
  provider: string;
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  jwksUri?: string;
  userinfoEndpoint?: string;
  clientId: string;
  clientSecretEnv?: string;
  pkce?: string;
  scopes?: string;
  groupsClaim?: string;
  webappUrl?: string;
}

interface SamlAddOptions {
  name: string;
  provider: string;
  metadata: string;
  spEntityId?: string;
  signRequests?: boolean;
  groupsAttribute?: string;
  webappUrl?: string;
}

/** `ssowb connections add oidc|saml …` (product.md). Secrets come from an environment variable, never argv. */
export function registerConnectionsAdd(connections: Command, context: CliContext): void {
  const add = connections.command('add').description('Create a connection.');

  add
    .command('oidc')
    .description('Create an OIDC connection (endpoints from --issuer discovery, or given one by one).')
    .requiredOption('--name <name>', 'display name (unique)')
    .requiredOption('--provider <provider>', 'auth0 cognito google keycloak microsoft-ad azure okta ping custom')
    .option('--issuer <url>', 'issuer; endpoints come from its discovery document')
    .option('--authorization-endpoint <url>')
    .option('--token-endpoint <url>')
    .option('--jwks-uri <url>')
    .option('--userinfo-endpoint <url>')
    .requiredOption('--client-id <id>', 'client id of the app registered at the IdP')
    .option('--client-secret-env <var>', 'name of the environment variable holding the client secret')
    .option('--pkce <method>', 'none | plain | S256 (default S256)')
    .option('--scopes <scopes>', 'standard scopes, space- or comma-separated (default "openid profile email")')
    .option('--groups-claim <path>', 'claim path of the groups; turns on group sync')
    .option('--webapp-url <url>', 'the platform web app URL (production callback)')
    .action(async (options: OidcAddOptions) => {
      let clientSecret: string | undefined;
      if (options.clientSecretEnv) {
        clientSecret = process.env[options.clientSecretEnv];
        if (!clientSecret) {
          printError(context.io, { code: 'invalid_input', field: '--client-secret-env', message: `--client-secret-env: environment variable ${options.clientSecretEnv} is not set or empty.` }, context.json);
        }
      }
      const discovered = options.issuer
        ? ((await context.call('connections.discover', { issuer: options.issuer })) as OidcDiscovery)
        : undefined;
      for (const warning of discovered?.warnings ?? []) context.io.stderr(`warning: ${warning}\n`);
      const oidc = {
        issuer: discovered?.issuer ?? options.issuer,
        clientId: options.clientId,
        authorizationEndpoint: options.authorizationEndpoint ?? discovered?.authorizationEndpoint,
        tokenEndpoint: options.tokenEndpoint ?? discovered?.tokenEndpoint,
        jwksUri: options.jwksUri ?? discovered?.jwksUri,
        userinfoEndpoint: options.userinfoEndpoint ?? discovered?.userinfoEndpoint,
        revocationEndpoint: discovered?.revocationEndpoint,
        ...(discovered ? { tokenEndpointAuthMethod: defaultTokenEndpointAuthMethod(discovered.tokenEndpointAuthMethodsSupported) } : {}),
        ...(options.pkce ? { codeChallengeMethod: options.pkce } : {}),
        ...(options.scopes ? { standardScopes: options.scopes.split(/[\s,]+/).filter(Boolean) } : {}),
        ...(options.groupsClaim ? { groupSync: { enabled: true, claim: options.groupsClaim } } : {}),
      };
      const created = await context.call('connections.create', {
        protocol: 'oidc',
        provider: options.provider,
        displayName: options.name,
        ...(options.webappUrl ? { webappUrl: options.webappUrl } : {}),
        oidc: dropUndefined(oidc),
        ...(clientSecret ? { clientSecret } : {}),
      });
      printConnection(context, created as Parameters<typeof printConnection>[1]);
    });

  add
    .command('saml')
    .description('Create a SAML connection from the IdP metadata (file or URL).')
    .requiredOption('--name <name>', 'display name (unique)')
    .requiredOption('--provider <provider>', 'duo google jumpcloud microsoft-ad custom')
    .requiredOption('--metadata <file|url>', 'IdP metadata XML file or https URL')
    .option('--sp-entity-id <id>', 'SP entity ID the IdP app expects (default: the loopback test entity ID)')
    .option('--sign-requests', 'sign AuthnRequests with a key pair generated now (the key goes to the keychain)')
    .option('--groups-attribute <name>', 'attribute carrying the groups; turns on group sync')
    .option('--webapp-url <url>', 'the platform web app URL (production ACS)')
    .action(async (options: SamlAddOptions) => {
      const isUrl = /^https?:\/\//i.test(options.metadata);
      const metadataInput = isUrl ? { url: options.metadata } : { xml: await readMetadataFile(context, options.metadata) };
      const metadata = (await context.call('connections.parseMetadata', metadataInput)) as IdpMetadata;
      for (const warning of metadata.warnings) context.io.stderr(`warning: ${warning}\n`);
      const created = await context.call('connections.create', {
        protocol: 'saml',
        provider: options.provider,
        displayName: options.name,
        ...(options.webappUrl ? { webappUrl: options.webappUrl } : {}),
        saml: {
          ...(options.spEntityId ? { spEntityId: options.spEntityId } : {}),
          idp: {
            entityId: metadata.entityId,
            ssoUrl: metadata.ssoUrl,
            ssoBinding: metadata.ssoBinding,
            certificates: metadata.certificates,
            metadataSource: { kind: isUrl ? 'url' : 'file', value: options.metadata },
          },
          signRequests: Boolean(options.signRequests),
          ...(options.groupsAttribute ? { groupSync: { enabled: true, attribute: options.groupsAttribute } } : {}),
        },
        ...(options.signRequests ? { generateKeyPair: { algorithm: 'RSA-2048', validityDays: 730 } } : {}),
      });
      printConnection(context, created as Parameters<typeof printConnection>[1]);
    });
}

async function readMetadataFile(context: CliContext, file: string): Promise<string> {
  return readInputFile(context, '--metadata', file, inputFileCaps.metadata);
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
