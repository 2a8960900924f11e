import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/**
 * Serving the built renderer, shared by the Electron `app://` protocol and the browser-mode bridge, so both refuse
 * the same paths and send the same types and policy.
 */
// - img-src 'self' data: only: no remote image is ever fetched (an IdP `picture` claim is shown as its URL, not loaded,
//   so viewing a report cannot ping a server the claim names).
// - style-src keeps 'unsafe-inline' because Mantine (the kept component library) sets CSS variables and positions
//   through inline `style` attributes and injects its theme variables in a <style> tag at runtime; scripts stay 'self'
//   only, so an injected style cannot run code.
// - worker-src/frame-src/media-src/font-src/manifest-src fall back to default-src 'self'; no plugins, no base, no forms.
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export const contentTypeOf = (file: string): string => contentTypes[extname(file)] ?? 'application/octet-stream';

/**
 * Maps a URL path to a file under `rootDir`, or undefined when it must not be served: bad percent-encoding, a NUL
 * byte, or a path that (also after resolving symlinks) leaves `rootDir`. `/` and directories serve their index.html.
 */
export async function resolveRendererFile(rootDir: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  try {
    const base = await realpath(resolve(rootDir));
    let target = await realpath(resolve(base, relative));
    if (target !== base && !target.startsWith(base + sep)) return undefined;
    if ((await stat(target)).isDirectory()) target = join(target, 'index.html');
    return target;
  } catch {
    return undefined;
  }
}
