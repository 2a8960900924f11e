import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';

const NULL_BODY = new Set([101, 204, 205, 304]);

interface CaFetchInit {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
}

/**
 * One request (no redirect following) with extra trusted CA certificates on top of Node's bundled roots, answered as
 * a WHATWG Response so the caller's loop stays the same as with fetch. Used only for targets with a CA bundle
 * (private CA, TLS-inspecting proxy); certificate errors keep their Node codes so they can be named.
 */
export function fetchWithCa(url: string, ca: string, init: CaFetchInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const parsed = new URL(url);
    const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const headers = { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const request = send(
      parsed,
      { method: init.method, headers, signal: init.signal, ...(parsed.protocol === 'https:' ? { ca: [...rootCertificates, ca] } : {}) },
      (response) => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined) continue;
          for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
        }
        const status = response.statusCode ?? 502;
        const stream = NULL_BODY.has(status) ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
        if (!stream) response.resume();
        resolve(new Response(stream, { status, headers: responseHeaders }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
