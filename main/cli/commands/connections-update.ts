import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { badFlag } from '../option-values.js';
import { printConnection } from '../printers/connection-printer.js';
import { callNamingFlags } from './connection-calls.js';
import { oidcDraft, samlDraft } from './connection-drafts.js';
import {
  addSettingsFlags,
  clientSecretFrom,
  commonFrom,
  needsSigningKey,
  oidcFrom,
  oidcProviderFrom,
  refuseOtherProtocolFlags,
  samlFrom,
  samlProviderFrom,
  type SettingsFlagValues,
} from './connection-flags.js';
import { generatedKey } from './connections-add.js';

interface UpdateValues extends SettingsFlagValues {
  issuer?: string;
  metadata?: string;
  metadataUrl?: string;
}

/**
 * `ssowb connections update <id|name> [flags]` (product.md): changes only what the flags name, in one operation (all
 * or nothing: a bad value exits 2 naming the flag and nothing changes). `--json` prints the connection.
 */
export function registerConnectionsUpdate(connections: Command, context: CliContext): void {
  const update = connections
    .command('update <ref>')
    .description('Change settings of a connection (only what the flags name).')
    .option('--name <name>', 'new display name (unique)')
    .option('--provider <provider>', 'provider of the same protocol')
    .option('--issuer <url>', 'OIDC: issuer; endpoints are re-read from its discovery document')
    .option('--metadata <file|url>', 'SAML: reload the IdP metadata from a file or URL')
    .option('--metadata-url <url>', 'SAML: reload the IdP metadata from this URL');
  addSettingsFlags(update, 'any').action(async (ref: string, values: UpdateValues) => {
    const existing = await context.call('connections.get', { ref });
    refuseOtherProtocolFlags(context, existing.protocol, values);
    const common = commonFrom(context, values);
    if (existing.protocol === 'oidc') {
      if (values.metadata !== undefined || values.metadataUrl !== undefined) badFlag(context, values.metadata !== undefined ? '--metadata' : '--metadata-url', 'is for SAML connections; this one is OIDC.');
      const provider = values.provider !== undefined ? { provider: oidcProviderFrom(context, values.provider) } : {};
      const clientSecret = clientSecretFrom(context, values);
      const flags = oidcFrom(context, values);
      const draft = await oidcDraft(context, values.issuer);
      const oidc = { ...draft, ...flags };
      if (nothingGiven(common, provider, oidc, clientSecret)) return nothingToChange(context);
      const updated = await callNamingFlags(context, 'connections.update', {
        id: existing.id,
        ...common,
        ...provider,
        ...(Object.keys(oidc).length ? { oidc } : {}),
        ...(clientSecret !== undefined ? { clientSecret } : {}),
      });
      return printConnection(context, updated);
    }
    if (values.issuer !== undefined) badFlag(context, '--issuer', 'is for OIDC connections; this one is SAML.');
    const provider = values.provider !== undefined ? { provider: samlProviderFrom(context, values.provider) } : {};
    const flags = samlFrom(context, values);
    const draft = await samlDraft(context, values);
    const saml = { ...flags, ...(draft ? { idp: draft.idp } : {}) };
    if (nothingGiven(common, provider, saml, undefined)) return nothingToChange(context);
    const updated = await callNamingFlags(context, 'connections.update', {
      id: existing.id,
      ...common,
      ...provider,
      ...(Object.keys(saml).length ? { saml } : {}),
      ...(needsSigningKey(values, existing) ? { generateKeyPair: generatedKey } : {}),
    });
    return printConnection(context, updated);
  });
}

const nothingGiven = (...parts: unknown[]): boolean =>
  parts.every((part) => part === undefined || (typeof part === 'object' && part !== null && Object.keys(part).length === 0));

function nothingToChange(context: CliContext): never {
  return badFlag(context, '<ref>', 'no setting to change: name at least one flag (see `ssowb connections update --help`).');
}
