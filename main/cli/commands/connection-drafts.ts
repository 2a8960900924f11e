import type { ConnectionDraft } from '../../contract/index.js';
import type { CliContext } from '../cli-context.js';
import { inputFileCaps, readInputFile } from '../input-file.js';
import { badFlag } from '../option-values.js';
import { printWarnings } from '../printers/connection-printer.js';
import { callNamingFlags } from './connection-calls.js';

type OidcDraft = Extract<ConnectionDraft, { protocol: 'oidc' }>;
type SamlDraft = Extract<ConnectionDraft, { protocol: 'saml' }>;

/** The OIDC draft of `--issuer` (its discovery document), warnings on stderr; undefined without the flag. */
export async function oidcDraft(context: CliContext, issuer: string | undefined): Promise<OidcDraft['oidc'] | undefined> {
  if (issuer === undefined) return undefined;
  const draft = await callNamingFlags(context, 'connections.draftFromIdp', { protocol: 'oidc', issuer });
  if (draft.protocol !== 'oidc') return undefined;
  printWarnings(context, draft.warnings);
  return draft.oidc;
}

/**
 * The SAML draft of `--metadata FILE|URL` or `--metadata-url URL` (the IdP entity, SSO URL and binding, certificates),
 * warnings on stderr; undefined when neither flag is given.
 */
export async function samlDraft(context: CliContext, options: { metadata?: string; metadataUrl?: string }): Promise<SamlDraft['saml'] | undefined> {
  if (options.metadata !== undefined && options.metadataUrl !== undefined) badFlag(context, '--metadata-url', 'give --metadata or --metadata-url, not both.');
  const url = options.metadataUrl ?? (options.metadata !== undefined && /^https?:\/\//i.test(options.metadata) ? options.metadata : undefined);
  if (url === undefined && options.metadata === undefined) return undefined;
  const input = url !== undefined
    ? { protocol: 'saml' as const, url }
    : { protocol: 'saml' as const, xml: await readInputFile(context, '--metadata', options.metadata ?? '', inputFileCaps.metadata), fileName: options.metadata ?? '' };
  const draft = await callNamingFlags(context, 'connections.draftFromIdp', input, { url: options.metadataUrl !== undefined ? '--metadata-url' : '--metadata' });
  if (draft.protocol !== 'saml') return undefined;
  printWarnings(context, draft.warnings);
  return draft.saml;
}
