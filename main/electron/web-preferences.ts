import type { WebPreferences } from 'electron';

/**
 * The page's Content-Security-Policy, sent as a response header on every `app://` response (not only a <meta> tag,
 * which can be injected around). Only our own scripts run: no inline script, no `eval`.
 * Electron security checklist §7 "Define a Content Security Policy":
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export { contentSecurityPolicy } from '../platform/renderer-files.js';

/**
 * The one set of webPreferences every window of the app gets. Each flag is spelled out even where it is Electron's
 * default, so a future default change or a copy-paste cannot quietly weaken a window (unit-tested flag by flag).
 * Electron security checklist §2–§6, §9–§12: https://www.electronjs.org/docs/latest/tutorial/security
 * Pure (type-only electron import) so it can be tested without the Electron runtime.
 */
export function hardenedWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    // No DevTools in packaged builds (the caller passes !app.isPackaged); a development build keeps them.
    devTools: options.devTools ?? false,
    // §3 context isolation and §4 process sandboxing: the page cannot reach the preload's or Node's objects.
    contextIsolation: true,
    sandbox: true,
    // §2 no Node.js integration for remote (or any) content, in workers and subframes too.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // §6 keep webSecurity, §8 no insecure content, §9 no experimental features, §12 no <webview>.
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file on the window must not navigate away from the app.
    navigateOnDragDrop: false,
    // A page that loops on alert() can be stopped by the user.
    safeDialogs: true,
    // The spellchecker would download dictionaries from Google's CDN; an admin console does not need it.
    spellcheck: false,
  };
}
