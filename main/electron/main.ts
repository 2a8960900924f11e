import { app, BrowserWindow, dialog, protocol, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Runtime } from '../composition/create-runtime.js';
import { createLogger } from '../core/log/logger.js';
import { resolveDataDir } from '../platform/data-dir.js';
import { appOrigin, appScheme, appSchemePrivileges, productName } from './app-origin.js';
import { createAppRequestHandler } from './app-files.js';
import { registerContractIpc } from './contract-ipc.js';
import { forwardEngineEvents, isTrustedAppFrame, type EngineDoor } from './ipc-registrar.js';
import { createLateEngine } from './late-engine.js';
import { createMainWindow } from './window-factory.js';
import { ExternalLinkPolicy } from './external-links.js';
import { utilityProcessWorker } from './keychain-worker-launcher.js';
import { installSessionGuards, installWindowGuards } from './window-guards.js';

/**
 * The desktop shell's lifecycle (bundled to dist/main/electron-main.mjs). Order matters: the scheme, the sandbox,
 * the data directory and the single-instance lock are settled before `ready`; on `ready` the session is locked
 * down, the renderer's protocol, the engine and its IPC handlers are in place before the first window loads.
 * Electron security checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */
declare const __SSOWB_VERSION__: string | undefined;

const bundleDir = dirname(fileURLToPath(import.meta.url));
const paths = {
  preload: join(bundleDir, '..', 'preload', 'preload.cjs'),
  renderer: join(bundleDir, '..', 'renderer'),
  keytarWorker: join(bundleDir, 'keytar-worker.mjs'),
};
const logger = createLogger((line) => process.stderr.write(line + '\n'), 'warn');

// Must happen before `ready`: a scheme registered late is silently unprivileged (no origin, no storage).
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { ...appSchemePrivileges } }]);
// §4: every renderer sandboxed, whatever a future window's webPreferences say.
app.enableSandbox();
// Same product name and data directory as the CLI and browser mode (`~/.config/SSO Workbench`, or SSOWB_DATA_DIR):
// launched as `electron dist/main/electron-main.mjs` Electron would otherwise not know the product name.
app.setName(productName);
app.setPath('userData', resolveDataDir());

let runtime: Runtime | undefined;
let mainWindow: BrowserWindow | undefined;
// The engine (and with it every test-run, SAML and OIDC module) is loaded only once the first window is shown
// (issue 14); until then IPC calls and event subscriptions wait on this door.
const engine = createLateEngine();

const externalLinks = new ExternalLinkPolicy();

/** §15: only a test run's own authorization URL or a documentation page reaches the OS browser (external-links.ts). */
function openExternal(url: string): void {
  if (!externalLinks.take(url)) {
    logger.log('warn', 'refused to open a link outside the allow-list', { url });
    return;
  }
  shell.openExternal(url).catch((error: unknown) => logger.log('warn', 'could not open link', { error: String(error) }));
}

function openMainWindow(engine: EngineDoor): BrowserWindow {
  const window = createMainWindow({
    preloadPath: paths.preload,
    openExternal,
    devTools: !app.isPackaged,
    onLoadError: (error) => logger.log('error', 'the renderer did not load', { error: String(error) }),
  });
  const stopForwarding = forwardEngineEvents(engine, window.webContents);
  window.on('closed', () => {
    stopForwarding();
    if (mainWindow === window) mainWindow = undefined;
  });
  mainWindow = window;
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function onReady(): Promise<void> {
  // §5 permissions denied, §7 CSP header, §18 the renderer served from app:// with path traversal refused.
  installSessionGuards(session.defaultSession, { appOrigin });
  protocol.handle(appScheme, createAppRequestHandler(paths.renderer, appOrigin));
  // §17: one handler per operation, each checking that the caller is our window's top frame.
  // The authorization URL a test run starts with is the one link the engine hands out for the OS browser.
  const door: EngineDoor = {
    invoke: async (name, input) => {
      const result = await engine.invoke(name, input);
      if ((name === 'tests.start' || name === 'tests.startDraft') && result.ok) externalLinks.allowTestRun((result.value as { authorizeUrl: string }).authorizeUrl);
      return result;
    },
    subscribe: (listener) => engine.subscribe(listener),
  };
  registerContractIpc(door, { isTrustedSender: (frame) => isTrustedAppFrame(frame, appOrigin) });
  const window = openMainWindow(engine);
  // A window that fails to load never shows: the engine is loaded then too, so a reload can work.
  await new Promise<void>((resolve) => {
    window.once('show', () => resolve());
    window.webContents.once('did-fail-load', () => resolve());
  });
  const { createRuntime } = await import('../composition/create-runtime.js');
  runtime = await createRuntime({
    mode: 'desktop',
    dataDir: app.getPath('userData'),
    version: typeof __SSOWB_VERSION__ === 'string' ? __SSOWB_VERSION__ : app.getVersion(),
    workerPath: paths.keytarWorker,
    launchKeychainWorker: utilityProcessWorker,
    logger,
  });
  engine.attach(runtime.engine);
  // The loopback RBAC engine (Arthur-compatible API on 127.0.0.1) the local rehearsal target points at.
  const rehearsal = await runtime.engine.invoke('rehearsal.start', {});
  if (!rehearsal.ok) logger.log('warn', 'the RBAC rehearsal engine did not start', { error: rehearsal.error.message });
}

function start(): void {
  // A second launch focuses the running window: two engines on one SQLite file and keychain would race.
  app.on('second-instance', focusMainWindow);

  // §13/§14 for every WebContents the app ever creates (windows, devtools, anything added later), not only ours.
  app.on('web-contents-created', (_event, contents) => installWindowGuards(contents, { appOrigin, openExternal, noDevTools: app.isPackaged }));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (runtime && BrowserWindow.getAllWindows().length === 0) openMainWindow(engine);
  });

  // Close the store and the keychain worker before exit; `will-quit` is held until that finishes.
  app.on('will-quit', (event) => {
    const closing = runtime;
    if (!closing) return;
    runtime = undefined;
    event.preventDefault();
    closing
      .close()
      .catch((error: unknown) => logger.log('error', 'closing the engine failed', { error: String(error) }))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      logger.log('error', 'SSO Workbench could not start', { error: String((error as Error)?.stack ?? error) });
      dialog.showErrorBox('SSO Workbench could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
