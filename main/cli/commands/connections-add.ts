import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { badFlag } from '../option-values.js';
import { printConnection } from '../printers/connection-printer.js';
import { callNamingFlags } from './connection-calls.js';
import { samlDraft, oidcDraft } from './connection-drafts.js';
import {
  addSettingsFlags,
  clientSecretFrom,
  commonFrom,
  needsSigningKey,
  oidcFrom,
  oidcProviderFrom,
  samlFrom,
  samlProviderFrom,
  type SettingsFlagValues,
} from './connection-flags.js';

interface AddValues extends SettingsFlagValues {
  name: string;
  provider: string;
  issuer?: string;
  metadata?: string;
  metadataUrl?: string;
}

/** A generated signing key pair's defaults (product.md: generated in-app, the key goes to the keychain). */
const generatedKey = { algorithm: 'RSA-2048', validityDays: 730 } as const;

/**
 * `ssowb connections add oidc|saml …` (product.md): every flag of `connections update`, endpoints from `--issuer`
 * discovery or IdP metadata through the same draft operation as the wizard. Secrets come from an environment
 * variable, never argv. A bad value exits 2 naming the flag, and nothing is stored.
 */
export function registerConnectionsAdd(connections: Command, context: CliContext): void {
  const add = connections.command('add').description('Create a connection.');

  const oidc = add
    .command('oidc')
    .description('Create an OIDC connection (endpoints from --issuer discovery, or given one by one).')
    .requiredOption('--name <name>', 'display name (unique)')
    .requiredOption('--provider <provider>', 'auth0 cognito google keycloak microsoft-ad azure okta ping custom')
    .option('--issuer <url>', 'issuer; endpoints come from its discovery document')
    .requiredOption('--client-id <id>', 'client id of the app registered at the IdP');
  addSettingsFlags(oidc, 'oidc').action(async (values: AddValues) => {
    const clientSecret = clientSecretFrom(context, values);
    const common = commonFrom(context, values);
    const provider = oidcProviderFrom(context, values.provider);
    const draft = await oidcDraft(context, values.issuer);
    const settings = { ...draft, ...(values.issuer !== undefined && !draft ? { issuer: values.issuer } : {}), ...oidcFrom(context, values) };
    const { authorizationEndpoint, tokenEndpoint, clientId, authParams, ...rest } = settings;
    if (authorizationEndpoint === undefined) badFlag(context, '--authorization-endpoint', 'give --issuer (endpoints from discovery) or --authorization-endpoint and --token-endpoint.');
    if (tokenEndpoint === undefined) badFlag(context, '--token-endpoint', 'give --issuer (endpoints from discovery) or --authorization-endpoint and --token-endpoint.');
    const created = await callNamingFlags(context, 'connections.create', {
      protocol: 'oidc',
      ...common,
      provider,
      displayName: values.name,
      oidc: {
        ...rest,
        clientId: clientId ?? values.clientId ?? '',
        authorizationEndpoint: authorizationEndpoint ?? '',
        tokenEndpoint: tokenEndpoint ?? '',
        // On a new connection `KEY=` (remove) has nothing to remove.
        ...(authParams ? { authParams: Object.fromEntries(Object.entries(authParams).filter((entry): entry is [string, string] => entry[1] !== null)) } : {}),
      },
      ...(clientSecret !== undefined ? { clientSecret } : {}),
    });
    printConnection(context, created);
  });

  const saml = add
    .command('saml')
    .description('Create a SAML connection from the IdP metadata (file or URL).')
    .requiredOption('--name <name>', 'display name (unique)')
    .requiredOption('--provider <provider>', 'duo google jumpcloud microsoft-ad custom')
    .option('--metadata <file|url>', 'IdP metadata XML file or https URL')
    .option('--metadata-url <url>', 'where the IdP publishes its metadata (https, or loopback http)');
  addSettingsFlags(saml, 'saml').action(async (values: AddValues) => {
    const common = commonFrom(context, values);
    const provider = samlProviderFrom(context, values.provider);
    const settings = samlFrom(context, values);
    const draft = await samlDraft(context, values);
    if (!draft) return badFlag(context, '--metadata', 'give the IdP metadata: --metadata FILE|URL or --metadata-url URL.');
    const created = await callNamingFlags(context, 'connections.create', {
      protocol: 'saml',
      ...common,
      provider,
      displayName: values.name,
      saml: { ...settings, idp: draft.idp },
      ...(needsSigningKey(values, null) ? { generateKeyPair: generatedKey } : {}),
    });
    printConnection(context, created);
  });
}

export { generatedKey };
