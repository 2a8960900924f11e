import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from '@playwright/test';

/**
 * Starts `ssowb serve --json` on a private data directory, waits for its URL line (the signal that it listens),
 * exchanges the one-time token for the session cookie and hands both to the tests:
 * SSOWB_E2E_ORIGIN (baseURL) and the storage state file with the cookie.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssowb-e2e-'));
  const child = spawn(process.execPath, ['bin/ssowb.cjs', 'serve', '--json', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`ssowb serve exited with ${code} before printing its URL`)));
  });
  const origin = new URL(url).origin;
  process.env.SSOWB_E2E_ORIGIN = origin;
  process.env.SSOWB_E2E_URL = origin + '/';
  process.env.SSOWB_E2E_DATA_DIR = dataDir;

  const api = await request.newContext();
  const exchanged = await api.get(url, { maxRedirects: 0 });
  if (exchanged.status() !== 303) throw new Error(`token exchange answered ${exchanged.status()}`);
  await api.storageState({ path: 'test-results/e2e-storage-state.json' });
  await api.dispose();

  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
}
