// The OS-keychain SecretStore against a real Secret Service (gnome-keyring in a private D-Bus session started by
// scripts/with-keyring.mjs), plus the cases that need no keychain at all: no Secret Service, a worker that never
// answers, one that dies, and a CLI that must be able to exit while the worker idles.
//
// Run: node scripts/with-keyring.mjs npx vitest run test/integration/keychain.test.ts
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretStoreError, type SecretStore } from '../../main/core/ports/secret-store.js';
import { createKeytarSecretStore, type KeytarSecretStoreOptions } from '../../main/adapters/keychain/index.js';

const root = resolve(import.meta.dirname, '../..');
// Only a keyring that with-keyring.mjs started, on the bus it started it on, may be written to.
const privateKeyring =
  process.env.SSOWB_PRIVATE_KEYRING === '1' &&
  !!process.env.DBUS_SESSION_BUS_ADDRESS &&
  process.env.SSOWB_PRIVATE_KEYRING_BUS === process.env.DBUS_SESSION_BUS_ADDRESS;
if (!privateKeyring) {
  console.warn(
    'keychain.test.ts: real-keyring cases skipped: not inside a private Secret Service (SSOWB_PRIVATE_KEYRING is not set). ' +
      'Run `node scripts/with-keyring.mjs npx vitest run test/integration/keychain.test.ts`.',
  );
}

/** No Secret Service at all: a session bus address that leads nowhere, and no display to autolaunch one. */
function envWithoutSecretService(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

// A test worker speaking the worker protocol badly on purpose; TEST_WORKER_MODE picks how. It records its pid so
// tests can see a fresh worker being started.
const testWorkerSource = `
import { appendFileSync } from 'node:fs';
appendFileSync(process.env.TEST_WORKER_PIDS, process.pid + '\\n');
process.on('message', (message) => {
  if (process.env.TEST_WORKER_MODE === 'exit') process.exit(3);
  if (process.env.TEST_WORKER_MODE === 'echo') process.send({ id: message.id, ok: true, value: null });
  if (process.env.TEST_WORKER_MODE === 'block') {
    // Stuck for good, like a libsecret call on an unanswered prompt: not even the IPC disconnect gets through.
    process.stderr.write('received\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  // 'hang': never answer, like a worker stuck on an unlock prompt.
});
`;

let dir: string;
let workerPath: string;
let testWorkerPath: string;
const stores: SecretStore[] = [];
const open = (options: Partial<KeytarSecretStoreOptions> = {}): SecretStore => {
  const store = createKeytarSecretStore({ workerPath, ...options });
  stores.push(store);
  return store;
};
const elapsedSince = (start: number) => performance.now() - start;

beforeAll(async () => {
  // Inside the repo (.tmp is git-ignored) so the bundle finds keytar in node_modules, as dist/main/ does.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  dir = mkdtempSync(join(root, '.tmp', 'keychain-'));
  workerPath = join(dir, 'keytar-worker.mjs');
  await build({
    entryPoints: [join(root, 'main/adapters/keychain/keytar-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: workerPath,
    logLevel: 'warning',
  });
  testWorkerPath = join(dir, 'test-worker.mjs');
  writeFileSync(testWorkerPath, testWorkerSource);
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!privateKeyring)('keytar SecretStore on a private Secret Service', () => {
  const account = `test:${process.pid}:${Date.now()}`;
  const secretTool = (...args: string[]) =>
    new Promise<{ code: number; stdout: string }>((done) => {
      execFile('secret-tool', args, { timeout: 5000 }, (error, stdout) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
      );
    });

  it('status() is available', async () => {
    const status = await open().status();
    expect(status).toMatchObject({ state: 'available', backend: 'libsecret' });
    expect(status.fix).toBeUndefined();
  });

  it('set() stores the item where secret-tool finds it, get() returns it, delete() removes it', async () => {
    const store = open();
    await store.set(account, 'value-1 ✓');
    expect((await secretTool('lookup', 'service', 'sso-workbench', 'account', account)).stdout).toBe('value-1 ✓');
    expect(await store.get(account)).toBe('value-1 ✓');

    await store.set(account, 'value-2'); // overwrite, not a second item
    expect(await store.get(account)).toBe('value-2');

    expect(await store.delete(account)).toBe(true);
    expect(await secretTool('lookup', 'service', 'sso-workbench', 'account', account)).toEqual({ code: 1, stdout: '' });
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('the probe leaves no item behind', async () => {
    await open().status();
    expect((await secretTool('lookup', 'service', 'sso-workbench', 'account', '__ssowb_probe__')).code).toBe(1);
  });

  it('a locked keyring: status() says locked with a fix, set() fails as locked, get() finds nothing', async () => {
    // Locking the shared keyring would break later tests (unlocking needs a prompt), so this runs in a fresh private
    // keyring of its own: with-keyring.mjs starts one when SSOWB_PRIVATE_KEYRING is not in its environment.
    const scenario = join(dir, 'locked-scenario.mjs');
    await bundle(
      `
      import { execFileSync } from 'node:child_process';
      import { createKeytarSecretStore } from ${JSON.stringify(join(root, 'main/adapters/keychain/index.ts'))};
      const store = createKeytarSecretStore({ workerPath: process.argv[2] });
      const before = (await store.status()).state;
      await store.set('stored-before-lock', 'v');
      execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/aliases/default'], { stdio: 'ignore' });
      const started = performance.now();
      const status = await store.status();
      const setError = await store.set('after-lock', 'v').then(() => null, (e) => ({ kind: e.kind, message: e.message, fix: e.fix }));
      const got = await store.get('stored-before-lock');
      const ms = performance.now() - started;
      await store.close();
      console.log(JSON.stringify({ before, status, setError, got, ms }));
      `,
      scenario,
    );
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.SSOWB_PRIVATE_KEYRING;
    const { code, stdout } = await run(process.execPath, [join(root, 'scripts/with-keyring.mjs'), process.execPath, scenario, workerPath], env);
    expect(code).toBe(0);
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result.before).toBe('available');
    expect(result.status).toMatchObject({ state: 'locked', backend: 'libsecret', fix: expect.stringContaining('gnome-keyring-daemon --unlock') });
    expect(result.status.detail).toMatch(/^The keychain is locked/);
    expect(result.setError).toMatchObject({ kind: 'locked', message: expect.stringMatching(/^The keychain is locked/) });
    expect(result.got).toBeNull(); // keytar's silent answer for a locked keyring
    expect(result.ms).toBeLessThan(3000); // answered, not timed out
  });

  it('never prints a secret: not on the worker stderr, not in an error', async () => {
    const canary = `canary-${Math.random().toString(36).slice(2)}`;
    let stderr = '';
    const store = open({ onWorkerStderr: (text) => (stderr += text) });
    await store.set(`${account}:canary`, canary);
    expect(await store.get(`${account}:canary`)).toBe(canary);
    expect(await store.delete(`${account}:canary`)).toBe(true);

    const broken = open({ env: envWithoutSecretService(), onWorkerStderr: (text) => (stderr += text) });
    const error = await broken.set(`${account}:canary`, canary).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(JSON.stringify({ message: (error as Error).message, fix: (error as SecretStoreError).fix })).not.toContain(canary);
    await Promise.all([store.close(), broken.close()]);
    expect(stderr).not.toContain(canary);
  });
});

describe('keytar SecretStore without a usable keychain', () => {
  it('with no Secret Service, status() answers unavailable with a fix, within 3.5 s', async () => {
    const store = open({ env: envWithoutSecretService() });
    const start = performance.now();
    const status = await store.status();
    expect(elapsedSince(start)).toBeLessThan(3500);
    expect(status.state).toBe('unavailable');
    expect(status.detail).toMatch(/^The OS keychain \(Secret Service\) is not available: .+\.$/);
    expect(status.fix).toContain('never stores secrets in plaintext');
    expect(status.backend).toBe('libsecret');
  });

  it('with no Secret Service, set() rejects with SecretStoreError unavailable, within 3.5 s', async () => {
    const store = open({ env: envWithoutSecretService() });
    const start = performance.now();
    const error = await store.set('acct', 'not-stored').catch((e: unknown) => e);
    expect(elapsedSince(start)).toBeLessThan(3500);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error).toMatchObject({ kind: 'unavailable', fix: expect.stringContaining('gnome-keyring') });
  });

  it('a worker that never answers: timeout after ~timeoutMs, killed, and the next call gets a fresh worker', async () => {
    const pids = join(dir, 'hang.pids');
    const store = open({ workerPath: testWorkerPath, timeoutMs: 500, env: { ...process.env, TEST_WORKER_PIDS: pids, TEST_WORKER_MODE: 'hang' } });

    let start = performance.now();
    const first = await store.get('acct').catch((e: unknown) => e);
    const waited = elapsedSince(start);
    expect(first).toBeInstanceOf(SecretStoreError);
    expect(first).toMatchObject({ kind: 'timeout', message: 'The OS keychain did not answer within 0.5 s.' });
    expect((first as SecretStoreError).fix).toMatch(/unlock/);
    expect(waited).toBeGreaterThanOrEqual(450);
    expect(waited).toBeLessThan(1500);

    const [firstPid] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(firstPid).toBeGreaterThan(0);
    await expect.poll(() => isAlive(firstPid!)).toBe(false); // SIGKILLed

    start = performance.now();
    await expect(store.set('acct', 'x')).rejects.toMatchObject({ kind: 'timeout' });
    expect(elapsedSince(start)).toBeLessThan(1500);
    const all = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(all).toHaveLength(2);
    expect(all[1]).not.toBe(firstPid);
  });

  it('close() returns promptly even with a call stuck in the worker, and fails that call', async () => {
    const store = open({ workerPath: testWorkerPath, timeoutMs: 10_000, env: { ...process.env, TEST_WORKER_PIDS: join(dir, 'close.pids'), TEST_WORKER_MODE: 'hang' } });
    const stuck = store.get('acct').catch((e: unknown) => e);
    const start = performance.now();
    await store.close();
    expect(elapsedSince(start)).toBeLessThan(1000);
    expect(await stuck).toBeInstanceOf(SecretStoreError);
    await expect(store.get('acct')).rejects.toBeInstanceOf(SecretStoreError);
  });

  it('a worker that dies mid-call fails the call as unavailable, without waiting for the timeout', async () => {
    const store = open({ workerPath: testWorkerPath, timeoutMs: 10_000, env: { ...process.env, TEST_WORKER_PIDS: join(dir, 'exit.pids'), TEST_WORKER_MODE: 'exit' } });
    const start = performance.now();
    const error = await store.get('acct').catch((e: unknown) => e);
    expect(elapsedSince(start)).toBeLessThan(5000);
    expect(error).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('stopped unexpectedly (exit code 3)') });
  });

  it('a missing worker file is reported as unavailable with the path', async () => {
    const error = await open({ workerPath: join(dir, 'nope.mjs') }).status();
    expect(error).toMatchObject({ state: 'unavailable', detail: expect.stringContaining('nope.mjs is missing') });
  });

  it('a CLI that exits mid-call takes a stuck worker with it', async () => {
    const cli = join(dir, 'exit-cli.mjs');
    await bundle(
      `
      import { createKeytarSecretStore } from ${JSON.stringify(join(root, 'main/adapters/keychain/index.ts'))};
      const store = createKeytarSecretStore({
        workerPath: process.argv[2],
        env: process.env, // the stand-in worker reads TEST_WORKER_*, which the default (minimal) environment leaves out
        onWorkerStderr: (text) => text.includes('received') && process.exit(0), // the worker is now stuck
      });
      void store.get('acct');
      `,
      cli,
    );
    const pids = join(dir, 'block.pids');
    const { code } = await run(process.execPath, [cli, testWorkerPath], { ...process.env, TEST_WORKER_PIDS: pids, TEST_WORKER_MODE: 'block' });
    expect(code).toBe(0);
    const [pid] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    await expect.poll(() => isAlive(pid!)).toBe(false);
  });

  it('an idle worker does not keep a CLI process alive', async () => {
    // A tiny CLI: one answered call, no close(); it must exit on its own.
    const cli = join(dir, 'idle-cli.mjs');
    await bundle(
      `
      import { createKeytarSecretStore } from ${JSON.stringify(join(root, 'main/adapters/keychain/index.ts'))};
      const store = createKeytarSecretStore({ workerPath: process.argv[2], env: process.env });
      console.log('answer', await store.get('acct'));
      `,
      cli,
    );
    const env = { ...process.env, TEST_WORKER_PIDS: join(dir, 'idle.pids'), TEST_WORKER_MODE: 'echo' };
    const { code, stdout } = await run(process.execPath, [cli, testWorkerPath], env);
    expect(stdout.trim()).toBe('answer null');
    expect(code).toBe(0); // exited on its own (run() kills it after 10 s and reports null)
  });
});

/** Bundles a small ESM program (TypeScript source, may import the adapter by absolute path) to `outfile`. */
async function bundle(contents: string, outfile: string): Promise<void> {
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
}

/** Runs a program to its end (killed after 10 s: code null); stderr goes to the test output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout });
    });
  });
}

/** A killed process whose parent already exited stays a zombie until init reaps it; that counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}
