import type { OidcSettings } from '../../../contract/index.js';
import { formEncodingChanges } from './client.js';
import type { ExchangeResult } from './exchange.js';
import { redirectHint, tokenErrorHint, type RedirectUris } from './hints.js';

/** How each method sends the client's credentials, in words. */
const METHOD_WORDS: Record<OidcSettings['tokenEndpointAuthMethod'], string> = {
  client_secret_basic: 'client_secret_basic (HTTP Basic, id and secret form-encoded first as RFC 6749 §2.3.1 says)',
  client_secret_post: 'client_secret_post (client_id and client_secret in the request body)',
  client_secret_basic_unencoded: 'HTTP Basic without form-encoding (compatibility method)',
  none: 'none (a public client: no secret sent)',
};

export interface TokenFailure {
  message: string;
  hint: string;
}

function oauthOf(exchange: ExchangeResult): { error: string; description: string } | null {
  const oauth = exchange.failure?.oauth;
  if (oauth) return { error: oauth.error, description: oauth.description };
  const body = exchange.answer?.body;
  if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
    const b = body as { error: string; error_description?: unknown };
    return { error: b.error, description: typeof b.error_description === 'string' ? b.error_description : '' };
  }
  return null;
}

/** The fixes for refused client credentials, the form-encoding trap named when the secret has such characters. */
function credentialsHint(s: OidcSettings, clientSecret: string | undefined): string {
  const method = s.tokenEndpointAuthMethod;
  const fixes = [
    'The client secret is wrong or was rotated: copy the current secret from the IdP app and save it on this connection (it is kept in the OS keychain).',
    `The IdP app expects another authentication method than ${method}: set "Token endpoint authentication" to what the app is registered with (client_secret_post is the usual alternative; "none" only for a public client).`,
  ];
  if (method === 'client_secret_basic' && formEncodingChanges(s.clientId, clientSecret)) {
    fixes.push(
      'The secret (or client ID) holds characters such as - _ . ~ ! * \' ( ): with client_secret_basic they are form-encoded before Base64 (RFC 6749 §2.3.1; "-" is sent as %2D), and some IdPs compare the credentials without decoding them. Switch to client_secret_post, or to the compatibility method "HTTP Basic without form-encoding" (client_secret_basic_unencoded).',
    );
  }
  return fixes.map((fix, index) => `${index + 1}. ${fix}`).join(' ');
}

/**
 * Says why the token endpoint gave no tokens. An HTTP 401 or `invalid_client` (with or without a WWW-Authenticate
 * challenge, RFC 6749 §5.2) is the IdP refusing the client's credentials: say so, with the method used and the fixes,
 * instead of openid-client's wording about a challenge header.
 */
export function diagnoseTokenFailure(exchange: ExchangeResult, s: OidcSettings, clientSecret: string | undefined, uris: RedirectUris): TokenFailure {
  const oauth = oauthOf(exchange);
  const status = exchange.status;
  const challenge = exchange.answer?.headers['www-authenticate'];
  if (status === 401 || oauth?.error === 'invalid_client') {
    const said = [status ? `HTTP ${status}` : '', oauth ? `${oauth.error}${oauth.description ? ` "${oauth.description}"` : ''}` : '', challenge ? `WWW-Authenticate: ${challenge}` : ''].filter(Boolean).join(', ');
    return {
      message: `The IdP refused the client's credentials (${said}). They were sent with ${METHOD_WORDS[s.tokenEndpointAuthMethod]} for client ID "${s.clientId}".`,
      hint: credentialsHint(s, clientSecret),
    };
  }
  if (oauth) {
    const text = `The token endpoint answered ${oauth.error}${status ? ` (HTTP ${status})` : ''}${oauth.description ? `: ${oauth.description}` : ''}.`;
    return { message: text, hint: tokenErrorHint(oauth.error, oauth.description, uris, s.tokenEndpointAuthMethod) };
  }
  if (exchange.failure?.network) {
    return { message: `The token endpoint ${s.tokenEndpoint} could not be reached: ${exchange.failure.message}`, hint: 'Check the token endpoint URL and that this machine can reach it (proxy, firewall, VPN).' };
  }
  if (status !== null && status !== 200) {
    return {
      message: `The token endpoint answered HTTP ${status} without an OAuth error (the answer is under Full provider response).`,
      hint: status === 404 || status === 405 ? `Check the token endpoint URL (${s.tokenEndpoint}): copy token_endpoint from the discovery document.` : 'Check the token endpoint URL and the IdP’s logs for this request.',
    };
  }
  const reason = exchange.failure?.message ?? 'The token endpoint gave no answer.';
  return { message: reason, hint: status === 200 ? 'The token response was not valid JSON with tokens: check the token endpoint URL.' : redirectHint(uris) };
}
