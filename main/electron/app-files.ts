import { readFile } from 'node:fs/promises';
import { contentTypeOf, resolveRendererFile } from '../platform/renderer-files.js';
import { contentSecurityPolicy } from './web-preferences.js';
import { originOf } from './app-origin.js';


/**
 * Maps an `app://workbench/...` URL to a file under `rootDir`, or undefined when it must not be served: another
 * host, a NUL byte, bad percent-encoding, or a path (also after resolving symlinks) that leaves `rootDir`.
 * This containment is what makes a custom protocol safer than file:// (Electron security checklist §18:
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
 */
export async function resolveAppFile(rootDir: string, url: string, appOrigin: string): Promise<string | undefined> {
  if (originOf(url) !== appOrigin) return undefined;
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  return resolveRendererFile(rootDir, pathname);
}

/**
 * The `protocol.handle('app', …)` handler: serves the built renderer with its MIME type, our CSP and no-sniff headers.
 * Plain fetch-API types (no electron import) so it is tested against a temporary directory.
 */
export function createAppRequestHandler(rootDir: string, appOrigin: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = await resolveAppFile(rootDir, request.url, appOrigin);
    if (!file) return new Response('Not found', { status: 404 });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = {
      'content-type': contentTypeOf(file),
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
