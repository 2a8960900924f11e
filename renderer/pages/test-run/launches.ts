import type { TestStartOutput } from '../../../main/contract/index';
import { hrefOf } from '../../app/use-hash-route';

/**
 * Runs started from this window: the authorize URL and deadline `tests.start` returned, kept in memory only (the URL
 * carries state, nonce and the PKCE challenge; nothing secret, but nothing worth persisting either) so the run screen
 * can offer "Open again" and a countdown. A reloaded page simply has no launch for the run.
 */
export interface Launch extends TestStartOutput {
  connectionId: string;
  connectionName: string | undefined;
  /** Known when started from a connection view: the timeline then shows only this protocol's steps. */
  protocol?: 'oidc' | 'saml';
  startedAt: string;
}

const launches = new Map<string, Launch>();

export function rememberLaunch(launch: Launch): void {
  launches.set(launch.runId, launch);
}

export function launchOf(runId: string): Launch | undefined {
  return launches.get(runId);
}

/** Opens the IdP's login in a new tab (browser mode) or, in the desktop app, the system browser (https only). */
export function openAuthorizeUrl(url: string): void {
  window.open(url, '_blank', 'noopener');
}

export const runHref = (runId: string): string => hrefOf(`runs/${encodeURIComponent(runId)}`);
export const connectionTestHref = (connectionId: string): string => hrefOf(`connections/${encodeURIComponent(connectionId)}/test`);
