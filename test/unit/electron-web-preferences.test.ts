import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hardenedWebPreferences } from '../../main/electron/web-preferences.js';

// https://www.electronjs.org/docs/latest/tutorial/security — every flag pinned, so a default change cannot weaken it.
describe('electron: hardened webPreferences', () => {
  const prefs = hardenedWebPreferences('/app/dist/preload/preload.cjs');

  it('isolates, sandboxes and denies Node to every renderer', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and the risky features off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
  });

  it('sets nothing beyond the reviewed flags', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'preload', 'contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames',
        'webSecurity', 'allowRunningInsecureContent', 'webviewTag', 'spellcheck', 'experimentalFeatures', 'navigateOnDragDrop',
        'safeDialogs', 'devTools',
      ].sort(),
    );
  });
});

describe('electron: content security policy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('runs only our own scripts: script-src is exactly self, no eval, no inline script', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('closes plugins, base rewriting, framing and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('is exactly the reviewed policy (the same one the browser-mode bridge sends)', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });
});
