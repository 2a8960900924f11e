import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler, resolveAppFile } from '../../main/electron/app-files.js';
import { appOrigin } from '../../main/electron/app-origin.js';
import { contentSecurityPolicy } from '../../main/electron/web-preferences.js';

// The app:// protocol handler against a temporary dist/renderer: serves the renderer, refuses everything else.
let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'ssowb-app-files-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>SSO Workbench</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(outside, 'do not serve');
  symlinkSync(outside, join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('electron: app:// files', () => {
  it('maps the app origin to files under the renderer directory', async () => {
    expect(await resolveAppFile(root, 'app://workbench/', appOrigin)).toMatch(/renderer[/\\]index\.html$/);
    expect(await resolveAppFile(root, 'app://workbench/assets/index-abc.js?v=1', appOrigin)).toMatch(/index-abc\.js$/);
  });

  it.each([
    'app://workbench/../secret.txt',
    'app://workbench/%2e%2e/secret.txt',
    'app://workbench/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://workbench/assets/..%5c..%5csecret.txt',
    'app://workbench/assets/link.txt',
    'app://workbench/index.html%00.js',
    'app://workbench/%E0%A4%A',
    'app://other/index.html',
    'https://workbench/index.html',
    'app://workbench/missing.js',
  ])('refuses %s', async (url) => {
    expect(await resolveAppFile(root, url, appOrigin)).toBeUndefined();
  });

  it('answers with the file, its type, our CSP and nosniff; 404 and 405 otherwise', async () => {
    const handle = createAppRequestHandler(root, appOrigin);
    const page = await handle(new Request('app://workbench/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('SSO Workbench');
    const script = await handle(new Request('app://workbench/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handle(new Request('app://workbench/../secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://workbench/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
