import { HttpError, type HttpRequest } from '../../core/ports/http.js';

export type Method = NonNullable<HttpRequest['method']>;

/** One request of a redirect chain. */
export interface Hop {
  url: string;
  method: Method;
  body: string | undefined;
  headers: Record<string, string>;
}

/**
 * The request that follows a redirect, per the Fetch standard (303, and 301/302 after POST, become GET without body),
 * with two security rules: never from https to http (a downgrade would expose tokens and metadata to tampering), and
 * credentials (Authorization, Cookie) never travel to another origin.
 */
export function nextHop(from: Hop, location: string, status: number): Hop {
  let next: URL;
  try {
    next = new URL(location, from.url);
  } catch {
    throw new HttpError('network', `${new URL(from.url).host} redirected to an invalid location (${location}).`);
  }
  if (new URL(from.url).protocol === 'https:' && next.protocol !== 'https:') {
    throw new HttpError(
      'insecure_url',
      `${new URL(from.url).host} redirected from https to ${next.protocol.replace(':', '')} (${next.href}); the downgrade is refused.`,
    );
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && from.method === 'POST');
  const sameOrigin = new URL(from.url).origin === next.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(from.headers)) {
    const lower = name.toLowerCase();
    if (!sameOrigin && (lower === 'authorization' || lower === 'cookie')) continue;
    if (toGet && (lower === 'content-type' || lower === 'content-length')) continue;
    headers[name] = value;
  }
  return { url: next.href, method: toGet ? 'GET' : from.method, body: toGet ? undefined : from.body, headers };
}
