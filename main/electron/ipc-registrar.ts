// The names and channels only (no zod, no schemas): the registrar is loaded before the first window (issue 14).
import { ipcChannelOf, ipcEventChannel } from '../contract/api.js';
import { operationNameList } from '../contract/operation-names.js';
import type { OperationName, Result, WorkbenchEvent } from '../contract/index.js';
import { isSameOrigin } from './app-origin.js';

/**
 * The IPC side of the contract: one `ipcMain.handle` per operation (`ssowb:<domain.verb>`), never a generic channel
 * that takes an operation name from the renderer. Structural types so tests pass fakes instead of Electron objects.
 * Electron security checklist §17 "Validate the sender of all IPC messages":
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export interface SenderFrame {
  readonly url: string;
  /** null for the top frame of a page. */
  readonly parent: unknown;
}

export interface IpcInvokeEvent {
  /** null once the frame has navigated away or been destroyed. */
  readonly senderFrame: SenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The part of the engine an adapter reaches: its one door and its events. */
export interface EngineDoor {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: WorkbenchEvent) => void): () => void;
}

export interface IpcRegistrarOptions {
  /** Decides whether a calling frame may use the engine; see `isTrustedAppFrame`. */
  isTrustedSender(frame: SenderFrame | null): boolean;
}

/** Trusted = the top frame of a page on the app's own origin. Subframes and other origins are refused. */
export function isTrustedAppFrame(frame: SenderFrame | null, appOrigin: string): boolean {
  return frame !== null && frame.parent === null && isSameOrigin(frame.url, appOrigin);
}

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This call did not come from the SSO Workbench window.' },
};

function internalError(name: OperationName, error: unknown): Result<never> {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message: `${name} failed: ${detail}` } };
}

/**
 * Registers a handler for every contract operation. Each checks the sender frame, hands the payload to
 * `engine.invoke` (which validates it with the operation's zod schema) and answers the Result envelope. Nothing
 * throws across the boundary: `ipcMain.handle` would keep only an error's message, so failures become
 * `{ ok: false, error: { code: 'internal' } }`. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, engine: EngineDoor, options: IpcRegistrarOptions): () => void {
  const channels: string[] = [];
  for (const name of operationNameList as readonly OperationName[]) {
    const channel = ipcChannelOf(name);
    ipcMain.handle(channel, async (event, payload) => {
      let trusted = false;
      try {
        trusted = options.isTrustedSender(event.senderFrame);
      } catch {
        // Reading a disposed WebFrameMain throws; a frame we cannot inspect is not trusted.
      }
      if (!trusted) return forbidden;
      try {
        return await engine.invoke(name, payload);
      } catch (error) {
        return internalError(name, error);
      }
    });
    channels.push(channel);
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Where engine events go: a window's WebContents. */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, payload: WorkbenchEvent): void;
}

/**
 * Pushes every engine event to the window on the one event channel; the preload hands only the payload (never the
 * IpcRendererEvent) to the page. Returns the unsubscribe; a destroyed window is skipped.
 */
export function forwardEngineEvents(engine: EngineDoor, target: EventSink): () => void {
  return engine.subscribe((event) => {
    if (!target.isDestroyed()) target.send(ipcEventChannel, event);
  });
}
