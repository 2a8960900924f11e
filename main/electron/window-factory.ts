import { BrowserWindow } from 'electron';
import { hardenedWebPreferences } from './web-preferences.js';
import { installWindowGuards } from './window-guards.js';
import { appEntryUrl, appOrigin, productName } from './app-origin.js';

export interface MainWindowOptions {
  /** The bundled preload (dist/preload/preload.cjs). */
  preloadPath: string;
  /** `shell.openExternal`; receives only https URLs (see window-guards). */
  openExternal: (url: string) => void;
  /** Reports a failed load; the window stays open so the user sees something rather than nothing. */
  onLoadError?: (error: unknown) => void;
  /** DevTools allowed (development builds only: main.ts passes !app.isPackaged). */
  devTools?: boolean;
}

/**
 * The one hardened window factory: every window of the app is made here, with `hardenedWebPreferences` and the
 * navigation/new-window guards, loading the renderer from the `app://workbench` origin (never file://).
 * Hidden until `ready-to-show` so there is no white flash.
 * Electron security checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: productName,
    show: false,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(options.preloadPath, { devTools: options.devTools ?? false }),
  });
  // Usually a no-op: `web-contents-created` in main.ts has guarded this WebContents already. Kept so the factory
  // is safe on its own.
  installWindowGuards(window.webContents, { appOrigin, openExternal: options.openExternal, noDevTools: !options.devTools });
  window.once('ready-to-show', () => window.show());
  window.loadURL(appEntryUrl).catch((error: unknown) => options.onLoadError?.(error));
  return window;
}
