/** Turns Node/undici network failures into sentences an administrator can act on (DNS, refused, TLS, …). */

const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  CERT_NOT_YET_VALID: 'its TLS certificate is not valid yet (check the clocks)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain ends in an untrusted (self-signed) root; a corporate proxy or private CA?',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate chain is incomplete or issued by an untrusted CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate is issued by a CA this machine does not trust (private CA? set NODE_EXTRA_CA_CERTS)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not name this host',
  CERT_REVOKED: 'its TLS certificate has been revoked',
};

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The innermost error carrying a `code`: undici wraps the socket error in `cause`, sometimes in an AggregateError. */
function rootCause(error: unknown): ErrorWithCode | undefined {
  let current = error as ErrorWithCode | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && !current.code.startsWith('UND_ERR_') && current.code !== 'ABORT_ERR') return current;
    if (Array.isArray(current.errors) && current.errors.length) current = current.errors[0] as ErrorWithCode;
    else if (current.cause && typeof current.cause === 'object') current = current.cause as ErrorWithCode;
    else return current;
  }
  return current;
}

export function describeNetworkError(error: unknown, url: string): string {
  const { host, hostname } = new URL(url);
  const cause = rootCause(error);
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const tls = TLS_REASONS[code];
  if (tls) return `TLS error talking to ${host}: ${tls}.`;
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')) {
    return `TLS error talking to ${host}: the TLS handshake failed (${code}); is it really https on that port?`;
  }
  switch (code) {
    case 'ENOTFOUND':
      return `The host name "${hostname}" was not found (DNS). Check the spelling, the VPN or the proxy.`;
    case 'EAI_AGAIN':
      return `The host name "${hostname}" could not be resolved right now (DNS unavailable). Check the network or the VPN.`;
    case 'ECONNREFUSED':
      return `Connection refused by ${host}: nothing is listening there (wrong port, or the server is down).`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to ${host} was closed unexpectedly (a proxy or firewall may be cutting it).`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Could not connect to ${host}: the connection timed out (a firewall may be dropping it).`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The network cannot reach ${host} (no route); check the VPN or the network.`;
  }
  if (cause?.message === 'bad port') {
    return `Port ${new URL(url).port} of ${hostname} is on the fetch standard's list of blocked ("bad") ports; use another port.`;
  }
  const message = typeof cause?.message === 'string' && cause.message ? cause.message : String(error);
  return `Could not reach ${host}: ${message}${code ? ` (${code})` : ''}.`;
}
