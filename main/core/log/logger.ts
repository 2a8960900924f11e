import { escapeNonPrintable } from '../../contract/printable.js';

/**
 * The one redacting logger. Every log line in the app goes through `redact`, which scrubs bearer tokens, JWTs,
 * SAML responses, PEM keys, `client_secret`/`password`-like fields and query-string tokens; control, bidi and
 * invisible characters are escaped so a log line cannot drive the terminal that shows it.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

const patterns: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[private key]'],
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[jwt]'],
  [/\b(Bearer|Basic)\s+[\w\-.~+/]+=*/gi, '$1 [redacted]'],
  [/([?&](?:token|code|state|nonce|code_verifier|client_secret|SAMLResponse|id_token|access_token)=)[^&\s"]+/gi, '$1[redacted]'],
  [/("?(?:client_?secret|secret|password|token|private_?key|authorization)"?\s*[:=]\s*)"[^"]*"/gi, '$1"[redacted]"'],
  [/PHNhbWxwOlJlc3BvbnNl[\w+/=]+/g, '[saml response]'],
];

export function redact(text: string): string {
  return patterns.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** A logger writing redacted JSON lines to a sink (stderr by default). */
export function createLogger(sink: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message, fields) {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...fields });
      sink(escapeNonPrintable(redact(line)));
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
