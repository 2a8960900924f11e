import type { StoredConnection } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import { HttpError, type Http } from '../ports/index.js';

const TIMEOUT_MS = 5000;

/**
 * Before the browser opens: the authorization endpoint (OIDC) or SSO URL (SAML) must answer at all (any HTTP status:
 * a bare GET usually gets 400, which still proves the host is there). A run against an unreachable IdP fails at
 * once, naming this check, instead of waiting out its timeout. The test port is checked when it is bound.
 */
export async function preflight(http: Http, connection: StoredConnection, _testPort: number | undefined): Promise<void> {
  const [url, field, what] =
    connection.protocol === 'oidc'
      ? [connection.oidc.authorizationEndpoint, 'oidc.authorizationEndpoint', 'authorization endpoint']
      : [connection.saml.idp.ssoUrl, 'saml.idp.ssoUrl', 'SSO URL'];
  try {
    await http.request({ url, method: 'GET', headers: { accept: 'text/html' }, timeoutMs: TIMEOUT_MS, maxBytes: 256 * 1024 });
  } catch (error) {
    // Only the port's own verdicts count (no connection, no answer in time, a URL it refuses): an answer too large
    // still answered, and anything else is not this check's to judge (the run then goes ahead as before).
    if (!(error instanceof HttpError) || error.kind === 'too_large') return;
    const reason = error.message;
    throw new AppError('network', `Pre-flight check failed: the IdP's ${what} ${url} does not answer (${reason.replace(/\.$/, '')}). The browser was not opened.`, {
      field,
      hint: `Check the ${what} (copy it from the IdP's ${connection.protocol === 'oidc' ? 'discovery document' : 'metadata'}) and that this machine can reach it (VPN, proxy, firewall).`,
    });
  }
}
