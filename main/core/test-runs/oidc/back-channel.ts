import type { SeenResponse } from './http-fetch.js';

/** One back-channel answer as the viewer's "Full provider response" shows it: tokens replaced, never stored raw. */
export interface BackChannelEntry {
  endpoint: 'token' | 'userinfo';
  url: string;
  status: number;
  /** The headers that explain an answer (a challenge, the media type, caching); others are left out. */
  headers: Record<string, string>;
  /** The JSON body with every token replaced by a placeholder, or the text (cut to 2 KiB) when it is not JSON. */
  body: unknown;
}

const SHOWN_HEADERS = ['www-authenticate', 'content-type', 'cache-control', 'pragma', 'dpop-nonce'];
const TOKEN_KEY = /token$|^code$|secret/i;

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, child]) => [
      key,
      TOKEN_KEY.test(key) && typeof child === 'string' ? `(${key.replace(/_/g, ' ')}: ${child.length} characters, not stored)` : redactJson(child),
    ]),
  );
}

/** A seen response as shown: selected headers, and the body with tokens redacted (JWS-shaped text is scrubbed by History too). */
export function backChannelEntry(endpoint: BackChannelEntry['endpoint'], seen: SeenResponse): BackChannelEntry {
  let body: unknown;
  try {
    body = redactJson(JSON.parse(seen.body));
  } catch {
    body = seen.body.length > 2048 ? `${seen.body.slice(0, 2048)}… (${seen.body.length} characters)` : seen.body;
  }
  const headers = Object.fromEntries(SHOWN_HEADERS.filter((name) => seen.headers[name] !== undefined).map((name) => [name, seen.headers[name] as string]));
  return { endpoint, url: seen.url, status: seen.status, headers, body };
}
