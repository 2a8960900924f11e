/**
 * The SecretStore port on the OS keychain (keytar), with keytar kept in a child process (keytar-worker.ts).
 *
 * Why a process: libsecret can block forever on an unlock prompt nobody answers, and then the blocked thread keeps
 * even process.exit() from finishing. So every call is time-boxed here; on timeout the worker is SIGKILLed, every
 * pending call fails with a 'timeout' SecretStoreError, and the next call starts a fresh worker.
 */
import { existsSync } from 'node:fs';
import type { KeychainStatus } from '../../contract/index.js';
import { SecretStoreError, type SecretStore } from '../../core/ports/secret-store.js';
import { availableStatus, failedStatus, keychainError } from './messages.js';
import { PROBE_ACCOUNT, isWorkerReply, type ProbeOutcome, type WorkerRequest } from './worker-protocol.js';
import { forkWorker, type WorkerLauncher, type WorkerProcess } from './worker-process.js';

export interface KeytarSecretStoreOptions {
  /** The bundled worker, dist/main/keytar-worker.mjs (built from main/adapters/keychain/keytar-worker.ts). */
  workerPath: string;
  /** The keychain service every item is stored under. */
  service?: string;
  /** Deadline for each call, worker start-up included. */
  timeoutMs?: number;
  /**
   * The worker's environment, used exactly as given. Default: `workerEnvironment(process.env)`, only what the OS
   * keychain needs. Tests point DBUS_SESSION_BUS_ADDRESS elsewhere with it.
   */
  env?: NodeJS.ProcessEnv;
  /** Receives the worker's stderr (e.g. for the app log); without it, the worker's stderr is this process's. */
  onWorkerStderr?: (text: string) => void;
  /** How the worker is started: a Node child process by default; the desktop app passes a utilityProcess launcher. */
  launchWorker?: WorkerLauncher;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * What the keychain worker may see of this process's environment: only what libsecret/D-Bus (Linux), the Keychain
 * (macOS) and the Credential Manager (Windows) need to find the user's keychain. Everything else stays out, notably
 * the variable named by `--client-secret-env` and any other secret a CLI user has in the environment.
 */
const workerVariables = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TMPDIR',
  'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CURRENT_DESKTOP', 'DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY',
  'SystemRoot', 'SYSTEMROOT', 'windir', 'USERPROFILE', 'USERNAME', 'USERDOMAIN', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'ComSpec',
] as const;

export function workerEnvironment(from: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of workerVariables) if (from[name] !== undefined) env[name] = from[name];
  return env;
}

/** How long close() waits to see a SIGKILLed worker reaped before returning anyway. */
const CLOSE_WAIT_MS = 1000;

class KeytarSecretStore implements SecretStore {
  private readonly service: string;
  private readonly timeoutMs: number;
  private worker: WorkerProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: KeytarSecretStoreOptions) {
    this.service = options.service ?? 'sso-workbench';
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  async status(): Promise<KeychainStatus> {
    try {
      const outcome = (await this.call({ op: 'probe', account: PROBE_ACCOUNT })) as ProbeOutcome;
      if (outcome === 'ok') return availableStatus();
      if (outcome === 'null-read-back') {
        // A locked keyring without a display accepts the write silently and then reads back nothing.
        return failedStatus(this.failure('locked', 'a test item could be written but not read back'), this.timeoutMs);
      }
      return failedStatus(this.failure('unavailable', 'a test item read back with a different value'), this.timeoutMs);
    } catch (error) {
      return failedStatus(error, this.timeoutMs);
    }
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call({ op: 'set', account, secret });
  }

  async get(account: string): Promise<string | null> {
    const value = await this.call({ op: 'get', account });
    return typeof value === 'string' ? value : null;
  }

  async delete(account: string): Promise<boolean> {
    return (await this.call({ op: 'delete', account })) === true;
  }

  async accounts(): Promise<string[]> {
    const value = await this.call({ op: 'list', account: '' });
    return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
  }

  /** Kills the worker without asking it (it may be stuck in libsecret); waits at most 1 s for it to be reaped. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.stopWorker(this.failure('unavailable', 'the keychain connection was closed'));
    if (!worker || !worker.running) return;
    await new Promise<void>((resolve) => {
      // Referenced on purpose: `await store.close()` must settle even when nothing else keeps the process alive.
      const timer = setTimeout(resolve, CLOSE_WAIT_MS);
      worker.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private failure(kind: SecretStoreError['kind'], cause?: string): SecretStoreError {
    return keychainError(kind, { timeoutMs: this.timeoutMs, ...(cause ? { cause } : {}) });
  }

  private call(request: Omit<WorkerRequest, 'id'>): Promise<unknown> {
    if (this.closed) return Promise.reject(this.failure('unavailable', 'the keychain connection was closed'));
    let worker: WorkerProcess;
    try {
      worker = this.ensureWorker();
    } catch (error) {
      return Promise.reject(error instanceof SecretStoreError ? error : this.failure('unavailable', 'its helper process could not be started'));
    }
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.stopWorker(this.failure('timeout')), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.hold(); // a call is waiting: keep this process alive for the answer
      worker.send({ id, ...request } satisfies WorkerRequest, () => this.settle(id, undefined, this.failure('unavailable', 'its helper process is not reachable')));
    });
  }

  private ensureWorker(): WorkerProcess {
    if (this.worker) return this.worker;
    const { workerPath } = this.options;
    if (!existsSync(workerPath)) {
      throw this.failure('unavailable', `its helper ${workerPath} is missing; rebuild SSO Workbench (npm run build)`);
    }
    const env = this.options.env ? { ...this.options.env } : workerEnvironment(process.env);
    const launch = this.options.launchWorker ?? forkWorker;
    const worker = launch({ workerPath, args: [this.service], env, onStderr: this.options.onWorkerStderr });
    this.worker = worker;
    worker.onMessage((message: unknown) => {
      if (!isWorkerReply(message)) return;
      if (message.ok) this.settle(message.id, message.value);
      else this.settle(message.id, undefined, keychainError(message.kind, { cause: message.message, timeoutMs: this.timeoutMs }));
    });
    worker.onError(() => {
      if (this.worker === worker) this.stopWorker(this.failure('unavailable', 'its helper process failed'));
    });
    worker.onExit((how) => {
      if (this.worker !== worker) return; // already replaced or stopped on purpose
      this.worker = undefined;
      this.rejectAll(this.failure('unavailable', `its helper process stopped unexpectedly (${how})`));
    });
    return worker;
  }

  private settle(id: number, value: unknown, error?: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve(value);
    if (this.pending.size === 0) this.worker?.release();
  }

  private rejectAll(error: SecretStoreError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, undefined, error);
  }

  /** SIGKILL, not a polite request: a worker blocked in libsecret would never act on one. */
  private stopWorker(error: SecretStoreError): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.kill();
    this.rejectAll(error);
  }
}

/** The app's SecretStore: the OS keychain through keytar, each call time-boxed in a killable worker process. */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions): SecretStore {
  return new KeytarSecretStore(options);
}
