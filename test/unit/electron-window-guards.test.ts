import { describe, expect, it, vi } from 'vitest';
import {
  installSessionGuards,
  installWindowGuards,
  type GuardableSession,
  type GuardableWebContents,
  type PreventableEvent,
} from '../../main/electron/window-guards.js';
import { contentSecurityPolicy } from '../../main/electron/web-preferences.js';
import { appEntryUrl, appOrigin, isSameOrigin, originOf } from '../../main/electron/app-origin.js';

type Listener = (event: PreventableEvent, url: string) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardableWebContents = {
    on(event: string, listener: (...args: never[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as unknown as Listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  /** Emits an event the way Electron does and reports whether a guard prevented it. */
  const emit = (name: string, url?: string): boolean => {
    const event = { preventDefault: vi.fn() };
    for (const listener of listeners.get(name) ?? []) listener(event, url ?? '');
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, listeners, emit, open: (url: string) => openHandler!({ url }) };
}

describe('electron: app origin', () => {
  it('compares scheme, host and port, not WHATWG origin (which is "null" for app:)', () => {
    expect(originOf(appEntryUrl)).toBe('app://workbench');
    expect(isSameOrigin('app://workbench/assets/x.js', appOrigin)).toBe(true);
    expect(isSameOrigin('app://evil/index.html', appOrigin)).toBe(false);
    expect(isSameOrigin('app://workbench.evil/index.html', appOrigin)).toBe(false);
    expect(isSameOrigin('file:///etc/passwd', appOrigin)).toBe(false);
    expect(isSameOrigin('not a url', appOrigin)).toBe(false);
  });
});

describe('electron: window guards', () => {
  it('prevents navigation and redirects to any other origin, allows the app origin', () => {
    const fake = fakeWebContents();
    installWindowGuards(fake.contents, { appOrigin });
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(fake.emit(event, 'app://workbench/index.html#/roles')).toBe(false);
      expect(fake.emit(event, 'https://evil.example/')).toBe(true);
      expect(fake.emit(event, 'http://127.0.0.1:8080/')).toBe(true);
      expect(fake.emit(event, 'file:///etc/passwd')).toBe(true);
      expect(fake.emit(event, 'app://other/index.html')).toBe(true);
    }
  });

  it('denies every new window and hands only https links to openExternal', () => {
    const openExternal = vi.fn();
    const fake = fakeWebContents();
    installWindowGuards(fake.contents, { appOrigin, openExternal });
    for (const url of ['https://docs.example/sso', 'http://example.com/', 'file:///etc/passwd', 'smb://host/share', 'app://workbench/x', 'javascript:alert(1)']) {
      expect(fake.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://docs.example/sso']]);
  });

  it('refuses <webview> attachment', () => {
    const fake = fakeWebContents();
    installWindowGuards(fake.contents, { appOrigin });
    expect(fake.emit('will-attach-webview')).toBe(true);
  });

  it('installs once per WebContents (factory and web-contents-created may both call it)', () => {
    const fake = fakeWebContents();
    installWindowGuards(fake.contents, { appOrigin });
    installWindowGuards(fake.contents, { appOrigin });
    expect(fake.listeners.get('will-navigate')).toHaveLength(1);
  });
});

describe('electron: session guards', () => {
  function fakeSession() {
    const handlers: {
      request?: Parameters<GuardableSession['setPermissionRequestHandler']>[0];
      check?: Parameters<GuardableSession['setPermissionCheckHandler']>[0];
      headers?: Parameters<GuardableSession['webRequest']['onHeadersReceived']>[0];
    } = {};
    const session: GuardableSession = {
      setPermissionRequestHandler: (handler) => void (handlers.request = handler),
      setPermissionCheckHandler: (handler) => void (handlers.check = handler),
      setDevicePermissionHandler: () => undefined,
      setDisplayMediaRequestHandler: () => undefined,
      webRequest: { onHeadersReceived: (listener) => void (handlers.headers = listener) },
    };
    installSessionGuards(session, { appOrigin });
    return handlers;
  }

  it('denies every permission request and every permission check', () => {
    const handlers = fakeSession();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'hid']) {
      const callback = vi.fn();
      handlers.request!({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(handlers.check!({}, permission)).toBe(false);
    }
  });

  it('puts our CSP on app responses, replacing any other, and leaves other origins alone', () => {
    const handlers = fakeSession();
    const answer = vi.fn();
    handlers.headers!({ url: 'app://workbench/index.html', responseHeaders: { 'content-security-policy': ['script-src *'], 'Content-Type': ['text/html'] } }, answer);
    expect(answer).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
    const other = vi.fn();
    handlers.headers!({ url: 'https://idp.example/.well-known/openid-configuration', responseHeaders: {} }, other);
    expect(other).toHaveBeenCalledExactlyOnceWith({});
  });
});
