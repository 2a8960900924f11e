import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { ExternalLinkPolicy } from '../../main/electron/external-links.js';
import { hardenedWebPreferences } from '../../main/electron/web-preferences.js';
import { installSessionGuards, installWindowGuards, type GuardableSession, type GuardableWebContents } from '../../main/electron/window-guards.js';
import { appOrigin } from '../../main/electron/app-origin.js';

// Finding 8 of the security review (Electron checklist), unit-tested without the Electron runtime (not installed
// here): fuses, openExternal allow-list, will-frame-navigate, device/display-media handlers, DevTools, keychain worker.

describe('electron-builder fuses', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, boolean> };
  it('RunAsNode off, cookie encryption on, asar integrity on, only the asar app loads, no NODE_OPTIONS/--inspect', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('so nothing in the app starts Electron as Node: the keychain worker is a utilityProcess', () => {
    for (const file of ['main/adapters/keychain/keytar-secret-store.ts', 'main/adapters/keychain/worker-process.ts', 'main/electron/main.ts', 'main/composition/create-runtime.ts']) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/ELECTRON_RUN_AS_NODE\s*=|ELECTRON_RUN_AS_NODE:\s*'1'/);
    }
    expect(readFileSync('main/electron/main.ts', 'utf8')).toMatch(/launchKeychainWorker: utilityProcessWorker/);
    expect(readFileSync('main/electron/keychain-worker-launcher.ts', 'utf8')).toMatch(/utilityProcess\.fork\(/);
    expect(readFileSync('main/adapters/keychain/keytar-worker.ts', 'utf8')).toMatch(/parentPort/);
  });
});

describe('shell.openExternal allow-list', () => {
  it('opens a test run’s own authorization URL once, exactly as the engine built it', () => {
    const policy = new ExternalLinkPolicy();
    const url = 'https://idp.example.com/authorize?client_id=c&state=s1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcb';
    expect(policy.take(url)).toBe(false);
    policy.allowTestRun(url);
    expect(policy.take(`${url}&prompt=none`)).toBe(false);
    expect(policy.take(url)).toBe(true);
    expect(policy.take(url)).toBe(false); // once
  });

  it('otherwise only https pages of the documentation hosts', () => {
    const policy = new ExternalLinkPolicy();
    expect(policy.take('https://clear.ml/docs/latest/docs/deploying_clearml/enterprise_deploy/sso')).toBe(true);
    expect(policy.take('https://docs.arthur.ai/docs/sso')).toBe(true);
    for (const url of ['https://evil.example/', 'http://clear.ml/', 'https://clear.ml.evil.example/', 'https://user@clear.ml/', 'https://clear.ml:8443/', 'file:///etc/passwd', 'smb://host/share', 'not a url']) {
      expect(policy.take(url), url).toBe(false);
    }
  });
});

describe('window and session guards', () => {
  function fakeContents() {
    const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
    const closeDevTools = vi.fn<() => void>();
    const contents: GuardableWebContents & { closeDevTools: () => void } = {
      on(event: string, listener: (...args: never[]) => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener as (...args: unknown[]) => void]);
        return contents;
      },
      setWindowOpenHandler: () => undefined,
      closeDevTools,
    };
    const emit = (name: string, ...args: unknown[]) => (listeners.get(name) ?? []).forEach((l) => l(...args));
    return { contents, emit, closeDevTools };
  }

  it('will-frame-navigate keeps every frame on the app origin', () => {
    const { contents, emit } = fakeContents();
    installWindowGuards(contents, { appOrigin });
    const frame = (url: string) => {
      const details = { url, preventDefault: vi.fn() };
      emit('will-frame-navigate', details);
      return details.preventDefault.mock.calls.length > 0;
    };
    expect(frame('https://evil.example/')).toBe(true);
    expect(frame('app://workbench/index.html')).toBe(false);
  });

  it('packaged builds: DevTools off in webPreferences and closed if opened anyway', () => {
    expect(hardenedWebPreferences('/p.cjs').devTools).toBe(false);
    expect(hardenedWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
    const { contents, emit, closeDevTools } = fakeContents();
    installWindowGuards(contents, { appOrigin, noDevTools: true });
    emit('devtools-opened');
    expect(closeDevTools).toHaveBeenCalledOnce();
  });

  it('device (HID/serial/USB) and display-media requests are denied explicitly', () => {
    let device: ((details: unknown) => boolean) | undefined;
    let display: ((request: unknown, callback: (streams: Record<string, never>) => void) => void) | undefined;
    const session: GuardableSession = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      setDevicePermissionHandler: (handler) => void (device = handler),
      setDisplayMediaRequestHandler: (handler) => void (display = handler),
      webRequest: { onHeadersReceived: () => undefined },
    };
    installSessionGuards(session, { appOrigin });
    expect(device?.({ deviceType: 'hid', origin: appOrigin })).toBe(false);
    const callback = vi.fn();
    display?.({}, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({}); // no video, no audio: refused
  });
});
