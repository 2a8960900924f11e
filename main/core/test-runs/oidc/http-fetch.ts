import type { CustomFetch } from 'openid-client';
import type { Http } from '../../ports/index.js';

/** A response the engine saw, kept in memory for the run only (to show and check what openid-client refused). */
export interface SeenResponse {
  url: string;
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  body: string;
}

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 512 * 1024;
const NULL_BODY = new Set([101, 204, 205, 304]);

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
  throw new TypeError('Streaming request bodies are not supported by the engine’s Http port.');
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * A Response whose body the Http port has already read whole (and limited): `text()` and `json()` answer from that
 * text instead of streaming it a second time. Everything else (status, headers, `clone()`) is a plain Response.
 */
function readResponse(text: string | null, init: ResponseInit): Response {
  const response = new Response(text, init);
  const body = text ?? '';
  Object.defineProperties(response, {
    text: { value: async () => body },
    json: { value: async () => JSON.parse(body) as unknown },
  });
  return response;
}

/**
 * openid-client's `customFetch` over the engine's Http port, so every request of a test run obeys the port's rules
 * (https except loopback on every hop, deadlines, size limits, worded errors) and is fakeable in tests. `seen` gets
 * each answer so the engine can validate the token response itself even when openid-client rejects it.
 */
export function fetchThroughHttp(http: Http, seen?: (response: SeenResponse) => void): CustomFetch {
  return async (url, options) => {
    const method = options.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST') throw new TypeError(`Unsupported method ${method}.`);
    const body = bodyText(options.body);
    const response = await http.request({
      url,
      method,
      headers: { ...options.headers },
      ...(body === undefined ? {} : { body }),
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
    seen?.({ url, status: response.status, headers: lowerCased(response.headers), body: response.body });
    return readResponse(NULL_BODY.has(response.status) ? null : response.body, { status: response.status, headers: response.headers });
  };
}
