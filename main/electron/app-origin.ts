/**
 * Where the renderer lives: a privileged `app://workbench` origin served from dist/renderer by `protocol.handle`,
 * not `file://` (which would give the page every file on disk as its origin).
 * Electron security checklist §18 "Avoid usage of the file:// protocol and prefer usage of custom protocols":
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
export const appScheme = 'app';
export const appHost = 'workbench';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;
export const productName = 'SSO Workbench';

/**
 * Privileges of the `app` scheme, registered before `ready`. `standard` gives it a real origin (storage, relative
 * URLs), `secure` makes it a secure context, `corsEnabled` lets Vite's `<script type="module" crossorigin>` load.
 * No `bypassCSP`: the page stays under our Content-Security-Policy.
 */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/**
 * `scheme://host[:port]` of a URL, or undefined when it does not parse. Computed by hand because WHATWG `URL.origin`
 * is the opaque "null" for non-special schemes such as `app:`, which would make every custom-scheme URL look alike.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? undefined : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** True only for URLs on exactly the given origin (scheme, host and port). */
export function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}
