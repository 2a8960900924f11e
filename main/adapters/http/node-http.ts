import { HttpError, type Http, type HttpRequest, type HttpResponse } from '../../core/ports/http.js';
import { insecureUrlReason } from '../../core/idp/url-policy.js';
import { describeNetworkError } from './network-errors.js';
import { nextHop, type Hop } from './redirects.js';
import { fetchWithCa } from './fetch-with-ca.js';

/** Enough for every IdP login/discovery redirect chain seen in practice; more is a loop. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function hostOf(url: string): string {
  return new URL(url).host;
}

/** Reads the body while counting bytes, so an oversize answer is refused without ever being held whole. */
async function readLimited(response: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new HttpError('too_large', `The answer from ${hostOf(url)} is ${declared} bytes, over the ${maxBytes}-byte limit; it is refused.`);
  }
  if (!response.body) return '';
  // A declared, uncompressed length within the limit: fetch itself stops at that length, so the body is read whole.
  // (A compressed body's length says nothing about its decoded size, so it is streamed and counted below.)
  const encoding = response.headers.get('content-encoding');
  if (Number.isFinite(declared) && (encoding === null || encoding === 'identity')) return utf8.decode(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError('too_large', `The answer from ${hostOf(url)} is over the ${maxBytes}-byte limit; it is refused.`);
    }
    chunks.push(value);
  }
  return utf8.decode(Buffer.concat(chunks));
}

const utf8 = new TextDecoder('utf-8');

function refuseInsecure(url: string): void {
  const reason = insecureUrlReason(url);
  if (reason) throw new HttpError('insecure_url', reason);
}

/**
 * The engine's Http port on Node's global fetch. Enforces the port's promises itself rather than trusting callers:
 * one deadline for the whole exchange (redirects and body included), a byte limit while streaming, https except to
 * loopback (checked on every hop), at most 5 redirects and never a downgrade to http, and errors a person can act on.
 */
export function createNodeHttp(): Http {
  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, request.timeoutMs);
      const timeoutError = (url: string) =>
        new HttpError('timeout', `No complete answer from ${hostOf(url)} within ${request.timeoutMs} ms.`);
      let hop: Hop = {
        url: request.url,
        method: request.method ?? 'GET',
        body: request.body,
        headers: { ...request.headers },
      };
      try {
        for (let redirects = 0; ; redirects++) {
          refuseInsecure(hop.url);
          let response: Response;
          try {
            const init = { method: hop.method, headers: hop.headers, body: hop.body, signal: controller.signal };
            response = request.ca ? await fetchWithCa(hop.url, request.ca, init) : await fetch(hop.url, { ...init, redirect: 'manual' });
          } catch (error) {
            if (timedOut) throw timeoutError(hop.url);
            throw new HttpError('network', describeNetworkError(error, hop.url));
          }
          const location = response.headers.get('location');
          if (REDIRECT_STATUSES.has(response.status) && location) {
            await response.body?.cancel().catch(() => undefined);
            if (redirects >= MAX_REDIRECTS) {
              throw new HttpError('network', `Too many redirects (more than ${MAX_REDIRECTS}) starting from ${request.url}; the server may be in a redirect loop.`);
            }
            const next = nextHop(hop, location, response.status);
            if (request.crossOriginRedirect === 'refuse' && new URL(next.url).origin !== new URL(hop.url).origin) {
              throw new HttpError(
                'cross_origin_redirect',
                `${hostOf(hop.url)} redirected to another origin (${new URL(next.url).origin}); the redirect was not followed, so the token was not sent there. Check the target's base URL.`,
              );
            }
            hop = next;
            continue;
          }
          let body: string;
          try {
            body = await readLimited(response, request.maxBytes, hop.url);
          } catch (error) {
            if (error instanceof HttpError) throw error;
            if (timedOut) throw timeoutError(hop.url);
            throw new HttpError('network', `The connection to ${hostOf(hop.url)} broke while reading the answer: ${describeNetworkError(error, hop.url)}`);
          }
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            headers[name] = value;
          });
          return { status: response.status, headers, body, url: hop.url };
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
