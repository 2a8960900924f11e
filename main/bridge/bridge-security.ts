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
export type Refusal = { status: 401 | 403 | 415; reason: string };

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
    return { status: 403, reason: `Host "${request.headers.host ?? ''}" is not this bridge (${expectedHost}).` };
  }
  return undefined;
}

export function checkOrigin(request: IncomingMessage, expectedOrigin: string): Refusal | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== expectedOrigin) {
    return { status: 403, reason: `Cross-origin request from ${origin} refused.` };
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, reason: `Request from a ${site} context refused.` };
  }
  return undefined;
}

/** For calls that change state: refuse what a form on another site could send. */
export function checkStateChanging(request: IncomingMessage, expectedOrigin: string): Refusal | undefined {
  const fromOurPage = request.headers.origin === expectedOrigin || request.headers['sec-fetch-site'] === 'same-origin';
  if (!fromOurPage) return { status: 403, reason: 'Calls must come from the SSO Workbench page (no Origin header).' };
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    return { status: 415, reason: 'Calls must be sent as application/json.' };
  }
  return undefined;
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
