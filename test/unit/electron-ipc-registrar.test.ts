import { describe, expect, it, vi } from 'vitest';
import { ipcChannelOf, ipcEventChannel, operationNames, type Result, type WorkbenchEvent } from '../../main/contract/index.js';
import { createEngine } from '../../main/core/engine.js';
import {
  forwardEngineEvents,
  isTrustedAppFrame,
  registerIpcHandlers,
  type EngineDoor,
  type IpcInvokeEvent,
  type IpcMainLike,
  type SenderFrame,
} from '../../main/electron/ipc-registrar.js';
import { appOrigin } from '../../main/electron/app-origin.js';
import { createTestPorts } from '../support/fakes.js';

type Handler = (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      // Electron throws on a second handler for one channel; the fake does too.
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function fakeEngine(answer: (name: string, input: unknown) => Promise<Result<unknown>>) {
  return { invoke: vi.fn(answer), subscribe: vi.fn(() => () => undefined) } satisfies EngineDoor;
}

const topFrame: SenderFrame = { url: 'app://workbench/index.html#/connections', parent: null };
const trusted = { isTrustedSender: (frame: SenderFrame | null) => isTrustedAppFrame(frame, appOrigin) };
const call = (handlers: Map<string, Handler>, name: string, frame: SenderFrame | null, payload?: unknown) =>
  handlers.get(ipcChannelOf(name as (typeof operationNames)[number]))!({ senderFrame: frame }, payload);

describe('electron: IPC registrar', () => {
  it('registers exactly one handler per contract operation and no other channel', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpcHandlers(ipcMain, fakeEngine(async () => ({ ok: true, value: null })), trusted);
    expect([...handlers.keys()].sort()).toEqual(operationNames.map(ipcChannelOf).sort());
    expect(handlers.size).toBe(operationNames.length);
    expect(handlers.has(ipcEventChannel)).toBe(false);
    expect(handlers.has('ssowb:invoke')).toBe(false);
  });

  it('removes every handler it registered', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpcHandlers(ipcMain, fakeEngine(async () => ({ ok: true, value: null })), trusted)();
    expect(handlers.size).toBe(0);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['another app host', { url: 'app://evil/index.html', parent: null }],
    ['a file: page', { url: 'file:///tmp/index.html', parent: null }],
    ['a subframe of the app', { url: 'app://workbench/index.html', parent: topFrame }],
    ['a destroyed frame', null],
  ])('refuses %s with forbidden and never reaches the engine', async (_label, frame) => {
    const { ipcMain, handlers } = fakeIpcMain();
    const engine = fakeEngine(async () => ({ ok: true, value: 'secret' }));
    registerIpcHandlers(ipcMain, engine, trusted);
    const result = await call(handlers, 'connections.list', frame as SenderFrame | null, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('treats a sender check that throws (a disposed frame) as untrusted', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const engine = fakeEngine(async () => ({ ok: true, value: null }));
    registerIpcHandlers(ipcMain, engine, { isTrustedSender: () => { throw new Error('Render frame was disposed'); } });
    expect(await call(handlers, 'app.info', topFrame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('passes a trusted call to the engine under its own operation name and returns its Result unchanged', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const answer: Result<unknown> = { ok: true, value: { testPort: 9100 } };
    const engine = fakeEngine(async () => answer);
    registerIpcHandlers(ipcMain, engine, trusted);
    const payload = { testPort: 9100 };
    expect(await call(handlers, 'settings.update', topFrame, payload)).toBe(answer);
    expect(engine.invoke).toHaveBeenCalledExactlyOnceWith('settings.update', payload);
  });

  it('turns a throwing or rejecting engine into an internal error instead of a thrown IPC error', async () => {
    for (const engine of [
      fakeEngine(() => { throw new Error('disk on fire'); }),
      fakeEngine(() => Promise.reject(new Error('disk on fire'))),
    ]) {
      const { ipcMain, handlers } = fakeIpcMain();
      registerIpcHandlers(ipcMain, engine, trusted);
      await expect(call(handlers, 'app.info', topFrame)).resolves.toMatchObject({
        ok: false,
        error: { code: 'internal', message: expect.stringContaining('disk on fire') },
      });
    }
  });

  it('lets the real engine validate the payload (zod) and answers its Result', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpcHandlers(ipcMain, createEngine(createTestPorts()), trusted);
    expect(await call(handlers, 'settings.update', topFrame, { testPort: 80 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'testPort' },
    });
    expect(await call(handlers, 'app.info', topFrame, undefined)).toMatchObject({ ok: true, value: { name: 'SSO Workbench' } });
  });
});

describe('electron: engine events to the window', () => {
  const event: WorkbenchEvent = { name: 'onNotice', payload: { level: 'info', message: 'hello' } };

  it('sends each event on the one event channel while the window lives, and stops on unsubscribe', () => {
    let emit: (e: WorkbenchEvent) => void = () => undefined;
    const unsubscribe = vi.fn();
    const engine: EngineDoor = { invoke: vi.fn(), subscribe: (listener) => ((emit = listener), unsubscribe) };
    let destroyed = false;
    const target = { isDestroyed: () => destroyed, send: vi.fn() };
    const stop = forwardEngineEvents(engine, target);
    emit(event);
    expect(target.send).toHaveBeenCalledExactlyOnceWith(ipcEventChannel, event);
    destroyed = true;
    emit(event);
    expect(target.send).toHaveBeenCalledTimes(1);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});
