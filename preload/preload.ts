import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, ipcChannelOf, ipcEventChannel } from '../main/contract/api.js';
import type { Invoke, Result, Subscribe, WorkbenchEvent } from '../main/contract/index.js';

/**
 * The preload is a map, not logic: it exposes `window.workbench`, the contract's `WorkbenchApi` (one method per
 * operation, grouped by domain) and an event subscription. The page never names a channel and never gets
 * `ipcRenderer`, its events or any Node object.
 * Electron security checklist §3 context isolation and §20 "Do not expose Electron APIs to untrusted web content":
 * https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content
 * Bundled to CommonJS by scripts/build.mjs: sandboxed preloads cannot be ES modules.
 */
const invoke: Invoke = (name, input) =>
  (ipcRenderer.invoke(ipcChannelOf(name), input) as Promise<Result<unknown>>).catch(
    // A rejected invoke (no handler yet, a crashed main process) becomes a Result like any other failure.
    (error: unknown): Result<never> => ({
      ok: false,
      error: { code: 'internal', message: error instanceof Error ? error.message : `${name} failed.` },
    }),
  );

const subscribe: Subscribe = (listener) => {
  // Only the payload crosses to the page: the IpcRendererEvent carries `sender` (the ipcRenderer itself).
  const forward = (_event: IpcRendererEvent, payload: WorkbenchEvent): void => listener(payload);
  ipcRenderer.on(ipcEventChannel, forward);
  return () => {
    ipcRenderer.removeListener(ipcEventChannel, forward);
  };
};

contextBridge.exposeInMainWorld('workbench', buildApi(invoke, subscribe));
