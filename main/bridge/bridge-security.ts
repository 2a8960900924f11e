import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { contentSecurityPolicy } from '../platform/renderer-files.js';

/**
 * The loopback web bridge's request checks. Browser mode must not become a hole in the machine:
 * - DNS rebinding: a page on evil.example that rebinds its name to 127.0.0.1 still sends `Host: evil.example`,
 *   so only our own `127.0.0.1:<port>` is accepted.
 * - Cross-origin requests: any `Origin` other than our own is refused, and state-changing calls must prove they
 *   come from our page (Origin header or `Sec-Fetch-Site: same-origin`) with a JSON content type.
 * - Other local users and programs: every call needs the session cookie, obtained once with the per-launch token
 *   printed by `ssowb serve`.
 */
export type Refusal = { status: 400 | 401 | 403 | 415; reason: string };

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function checkHost(request: IncomingMessage, expectedHost: string): Refusal | undefined {
  if (request.headers.host !== expectedHost) {
    return { status: 403, reason: `Host ${quoted(request.headers.host)} is not this bridge (${expectedHost}).` };
  }
  return undefined;
}

export function checkOrigin(request: IncomingMessage, expectedOrigin: string): Refusal | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== expectedOrigin) {
    return { status: 403, reason: `Cross-origin request from ${quoted(origin)} refused.` };
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, reason: `Request from a ${quoted(Array.isArray(site) ? site.join(',') : site)} context refused.` };
  }
  return undefined;
}

/** For calls that change state: refuse what a form on another site could send. */
export function checkStateChanging(request: IncomingMessage, expectedOrigin: string): Refusal | undefined {
  const fromOurPage = request.headers.origin === expectedOrigin || request.headers['sec-fetch-site'] === 'same-origin';
  if (!fromOurPage) return { status: 403, reason: 'Calls must come from the SSO Workbench page (no Origin header).' };
  if (mediaTypeOf(request.headers['content-type']) !== 'application/json') {
    return { status: 415, reason: 'Calls must be sent as application/json.' };
  }
  return undefined;
}

/**
 * The media type of a Content-Type header (RFC 9110 §8.3.1: `type/subtype` then `;` parameters), lower-cased; so
 * `application/jsonx` or `application/json-seq` are not JSON, while `application/json; charset=utf-8` is.
 */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** Header values quoted in a refusal: JSON-quoted, so nothing a client sends is echoed raw. */
export function quoted(value: string | undefined): string {
  return JSON.stringify(value ?? '').replace(/</g, '\\u003c');
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Headers on every response: no framing, no sniffing, no referrer leak, a CSP that allows only our own code. */
export const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/**
 * JSON for an HTTP body: `<`, `>`, `&` and U+2028/2029 written as \u escapes (same value once parsed), so text a
 * client or IdP sent (an unknown operation name, a claim) never appears as markup in a response, whatever a browser
 * or proxy makes of its content type.
 */
export function jsonForHttp(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
