import { userInfo } from 'node:os';
import { createEngine, type Engine } from '../core/engine.js';
import { createLogger, type Logger } from '../core/log/logger.js';
import { systemClock } from '../core/ports/clock.js';
import { openSqliteStore } from '../adapters/sqlite-store/index.js';
import { createKeytarSecretStore } from '../adapters/keychain/index.js';
import type { WorkerLauncher } from '../adapters/keychain/worker-process.js';
import { lazyApiServer, lazyHttp, lazyLoopback } from './lazy-ports.js';

export interface RuntimeOptions {
  mode: 'desktop' | 'browser' | 'cli';
  dataDir: string;
  version: string;
  /** The bundled keychain worker (dist/main/keytar-worker.mjs). */
  workerPath: string;
  logger?: Logger;
  /** How the keychain worker is started (the desktop app: a utilityProcess; default: a Node child process). */
  launchKeychainWorker?: WorkerLauncher;
  /**
   * Start-up background work (the keychain reconcile, which starts the keychain worker process) waits for this, so
   * browser mode serves the console's page first (issue 14). Default: it starts at once.
   */
  backgroundAfter?: Promise<unknown>;
}

export interface Runtime {
  engine: Engine;
  close(): Promise<void>;
}

/** The composition root: real adapters plugged into the engine's ports. Used by the CLI, browser mode and Electron. */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const store = openSqliteStore(options.dataDir);
  const log = options.logger ?? createLogger((line) => process.stderr.write(line + '\n'), 'warn');
  const ports = {
    store,
    secrets: createKeytarSecretStore({ workerPath: options.workerPath, ...(options.launchKeychainWorker ? { launchWorker: options.launchKeychainWorker } : {}) }),
    // Imported on first use (with Node's http/https/tls): most CLI commands never fetch, listen or serve (issue 14).
    http: lazyHttp(async () => (await import('../adapters/http/node-http.js')).createNodeHttp()),
    clock: systemClock,
    log,
    // Test-run callbacks (OIDC redirect URI, SAML ACS) on 127.0.0.1:<testPort>; bound on the first live test only.
    loopback: lazyLoopback(async () => (await import('../adapters/loopback/index.js')).createNodeLoopback({ logger: log })),
    // The rehearsal engine (Arthur-compatible API) on 127.0.0.1; bound by `rehearsal.start` only.
    apiServer: lazyApiServer(async () => (await import('../adapters/rbac-server/node-api-server.js')).createNodeApiServer({ logger: log })),
    runtime: {
      version: options.version,
      mode: options.mode,
      dataDir: options.dataDir,
      platform: process.platform,
      actor: `${options.mode}:${safeUserName()}`,
    },
  };
  const engine = createEngine(ports);
  // The long-running modes put keychain and database back in step after a crash (a CLI command does not: it would add
  // keychain calls, and their failures, to commands that need no secret). Best effort, in the background.
  if (options.mode !== 'cli') {
    void Promise.resolve(options.backgroundAfter)
      .then(async () => (await import('../core/connections/reconcile.js')).reconcileSecrets(ports))
      .catch((error: unknown) => log.log('warn', 'start-up keychain reconcile skipped', { error: String((error as Error)?.message ?? error) }));
  }
  return { engine, close: () => engine.close() };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
