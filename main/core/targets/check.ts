import type { StoredTarget, TargetCheck } from '../../contract/index.js';
import type { HandlerContext } from '../handlers/types.js';
import { ArthurApiError, arthurClient } from './arthur-client.js';
import { targetTokenAccount } from './target-store.js';

type Item = TargetCheck['checks'][number];
const item = (id: string, status: Item['status'], message: string, hint = ''): Item => ({ id, status, message, hint });

/**
 * "Check target": reachability, TLS (the chain problem named by the Http adapter: expired, self-signed, untrusted CA,
 * wrong host), whether the token is accepted, and which organizations it sees (GET /organizations needs a global
 * role; /organizations/me is asked when that is refused).
 */
export async function checkTarget(context: HandlerContext, target: StoredTarget): Promise<TargetCheck> {
  const { ports } = context;
  const token = target.hasToken ? await ports.secrets.get(targetTokenAccount(target.id)) : null;
  const client = arthurClient(ports.http, { url: target.url, token: token ?? '', ca: target.caBundle }, () => ports.clock.now());
  const checks: Item[] = [];
  let organizations: Array<{ id: string; name: string }> = [];
  const https = target.url.startsWith('https:');
  try {
    organizations = await client.listOrganizations();
    checks.push(item('target.reachable', 'pass', `${target.url} answered.`));
    checks.push(https ? item('target.tls', 'pass', 'The TLS certificate chain is trusted and names the host.') : item('target.tls', 'skip', 'Plain http to a loopback address: no TLS.'));
    checks.push(token ? item('target.token', 'pass', 'The token was accepted.') : item('target.token', 'warn', 'No token is set, yet the platform answered.', 'Set a token: pushes need one.'));
  } catch (error) {
    const failure = error instanceof ArthurApiError ? error : new ArthurApiError('fatal', String(error));
    if (failure.options.status === undefined) {
      const tls = failure.message.includes('TLS error');
      checks.push(item('target.reachable', tls ? 'pass' : 'fail', tls ? `${target.url} is reachable, but TLS failed.` : failure.message, tls ? '' : 'Check the URL, the VPN or proxy, and that the platform is up.'));
      checks.push(
        tls
          ? item('target.tls', 'fail', failure.message, target.caBundle ? 'The CA bundle set on this target does not make the chain trusted: add the issuing CA (and intermediates).' : 'If the platform uses a private CA or a TLS-inspecting proxy, add its CA bundle to the target (--ca FILE).')
          : item('target.tls', 'skip', 'Not reached.'),
      );
      checks.push(item('target.token', 'skip', 'Not reached.'));
    } else {
      checks.push(item('target.reachable', 'pass', `${target.url} answered (${failure.options.status}).`));
      checks.push(https ? item('target.tls', 'pass', 'The TLS certificate chain is trusted and names the host.') : item('target.tls', 'skip', 'Plain http to a loopback address: no TLS.'));
      if (failure.options.status === 401) checks.push(item('target.token', 'fail', token ? 'The platform refused the token (401).' : 'No token is set and the platform asks for one (401).', 'Set a new token on the target (an IdP access token of an admin, or the superadmin login).'));
      else if (failure.options.status === 403) {
        checks.push(item('target.token', 'pass', 'The token was accepted (listing every organization needs a global role).'));
        organizations = await client.myOrganizations().catch(() => []);
      } else checks.push(item('target.token', 'fail', failure.message, 'Is the URL the platform\'s base address (https://<host>, without /api)?'));
    }
  }
  const tokenOk = checks.some((c) => c.id === 'target.token' && c.status === 'pass');
  checks.push(
    tokenOk
      ? item('target.organizations', organizations.length ? 'pass' : 'warn', organizations.length ? `The token sees ${organizations.length} organization(s).` : 'The token sees no organization.', organizations.length ? '' : 'Create the organization on the platform, or use a token of a role in it.')
      : item('target.organizations', 'skip', 'Not read: the token was not accepted.'),
  );
  const ok = checks.every((c) => c.status !== 'fail');
  const at = ports.clock.now().toISOString();
  return { target: target.name, url: target.url, at, ok, checks, organizations };
}
