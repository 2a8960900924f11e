import { HttpError } from '../../ports/index.js';

/** What an openid-client error says, flattened from its cause chain (ClientError → OperationProcessingError …). */
export interface OpenidFailure {
  /** The check the failure belongs to. */
  checkId: string;
  /** Worded for a person; never a token. */
  message: string;
  /** OAuth error response from the server (RFC 6749 §5.2), when there was one. */
  oauth?: { error: string; description: string; status: number | undefined };
  /** A network failure of the Http port. */
  network?: HttpError;
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  error?: unknown;
  error_description?: unknown;
  status?: unknown;
}

function chain(error: unknown): ErrorLike[] {
  const list: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && list.length < 6) {
    list.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return list;
}

const CLAIMS = new Set(['iss', 'aud', 'azp', 'exp', 'iat', 'nbf', 'nonce', 'sub']);

/** The check id for an openid-client failure, from its code, the claim it names, or its message. */
function checkIdOf(links: ErrorLike[], text: string): string {
  const codes = links.map((l) => String(l.code ?? ''));
  const claim = links.map((l) => (l && typeof l === 'object' && 'claim' in l ? String((l as { claim: unknown }).claim) : '')).find((c) => c !== '');
  if (/response parameter "iss"|"iss" \(issuer\) response parameter/.test(text)) return 'oidc.callback.iss';
  if (/"state" response parameter|response parameter "state"/.test(text)) return 'oidc.callback.state';
  if (/untrusted audiences|"azp"/.test(text)) return 'oidc.id_token.azp';
  if (/"alg"/.test(text)) return 'oidc.id_token.alg';
  if (codes.includes('OAUTH_KEY_SELECTION_FAILED') || /signature verification failed/.test(text)) return 'oidc.id_token.signature';
  if (/"id_token" property/.test(text)) return 'oidc.id_token.present';
  if (claim && CLAIMS.has(claim)) return `oidc.id_token.${claim}`;
  const named = /JWT "(\w+)"/.exec(text)?.[1];
  if (named && CLAIMS.has(named)) return `oidc.id_token.${named}`;
  return 'oidc.token.exchange';
}

/**
 * Maps an error thrown by openid-client's `authorizationCodeGrant` to the check it is about, so that even when
 * openid-client (a second, independent validator) rejects what the engine's own checks accepted, the report names
 * the exact failing check rather than a generic exchange error.
 */
export function describeOpenidError(error: unknown): OpenidFailure {
  const links = chain(error);
  const network = links.find((l): l is HttpError => l instanceof HttpError);
  const body = links.find((l) => typeof l.error === 'string');
  const messages = [...new Set(links.map((l) => (typeof l.message === 'string' ? l.message : '')).filter(Boolean))];
  const text = messages.join(' — ');
  if (network) return { checkId: 'oidc.token.exchange', message: network.message, network };
  if (body) {
    const oauth = {
      error: String(body.error),
      description: typeof body.error_description === 'string' ? body.error_description : '',
      status: typeof body.status === 'number' ? body.status : undefined,
    };
    const status = oauth.status ? ` (HTTP ${oauth.status})` : '';
    const description = oauth.description ? `: ${oauth.description}` : '';
    return { checkId: 'oidc.token.exchange', message: `The token endpoint answered ${oauth.error}${status}${description}`, oauth };
  }
  return { checkId: checkIdOf(links, text), message: `openid-client refused the token response: ${text || 'unknown error'}.` };
}
