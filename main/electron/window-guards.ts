import { contentSecurityPolicy } from './web-preferences.js';
import { isSameOrigin } from './app-origin.js';

/**
 * Navigation, new-window, webview, permission and CSP guards, in one place (as Signal's `handleCommonWindowEvents`).
 * They take the minimal structural shape of Electron's WebContents and Session so unit tests can pass fakes; the
 * real objects satisfy these interfaces (checked by tsc where main.ts passes them in).
 * Electron security checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */
export interface PreventableEvent {
  preventDefault(): void;
}

/** What `installWindowGuards` needs of a WebContents. */
export interface GuardableWebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools?(): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface WindowGuardOptions {
  /** `scheme://host[:port]` the app is served from; the only place the window may navigate to. */
  appOrigin: string;
  /** Opens a link in the user's browser (`shell.openExternal`); only ever given https URLs. */
  openExternal?: (url: string) => void;
  /** Packaged builds: DevTools are closed as soon as anything opens them (webPreferences.devTools is off too). */
  noDevTools?: boolean;
}

const guarded = new WeakSet<object>();

/** True for well-formed https URLs: the only kind handed to the OS (no file:, smb:, custom app schemes). */
export function isExternalHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Blocks navigation and redirects off the app origin (§13), denies every new window while handing https links to the
 * browser (§14, §15 `shell.openExternal` with validated URLs only), and refuses <webview> attachment (§12).
 * Idempotent: the window factory and `web-contents-created` may both call it for the same WebContents.
 */
export function installWindowGuards(webContents: GuardableWebContents, options: WindowGuardOptions): void {
  if (guarded.has(webContents)) return;
  guarded.add(webContents);
  const keepOnAppOrigin = (event: PreventableEvent, url: string): void => {
    if (!isSameOrigin(url, options.appOrigin)) event.preventDefault();
  };
  webContents.on('will-navigate', keepOnAppOrigin);
  webContents.on('will-redirect', keepOnAppOrigin);
  // Subframes too (will-navigate covers only the main frame): no frame of ours may be taken elsewhere.
  webContents.on('will-frame-navigate', (details) => keepOnAppOrigin(details, details.url));
  if (options.noDevTools) webContents.on('devtools-opened', () => webContents.closeDevTools?.());
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    if (options.openExternal && isExternalHttpsUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}

type Headers = Record<string, string[]>;

/** What `installSessionGuards` needs of a Session. */
export interface GuardableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setDisplayMediaRequestHandler(handler: (request: unknown, callback: (streams: Record<string, never>) => void) => void): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Headers },
        callback: (response: { responseHeaders?: Headers }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Denies every permission request and check (camera, notifications, clipboard, HID, ...): the console needs none
 * (§5 "Handle session permission requests from remote content"), and adds our CSP header to the app's own
 * responses (§7), replacing any other CSP header so the strictest known policy is the one in force.
 */
export function installSessionGuards(session: GuardableSession, options: { appOrigin: string }): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // HID/serial/USB device access and screen capture have their own handlers: denied explicitly, not by default.
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isSameOrigin(details.url, options.appOrigin)) {
      callback({});
      return;
    }
    const responseHeaders: Headers = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders });
  });
}
