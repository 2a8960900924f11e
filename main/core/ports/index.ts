import type { Clock } from './clock.js';
import type { Loopback } from './loopback.js';
import type { ApiServerFactory } from './api-server.js';
import type { Http } from './http.js';
import type { SecretStore } from './secret-store.js';
import type { Store } from './store.js';
import type { Logger } from '../log/logger.js';

export interface RuntimeInfo {
  version: string;
  mode: 'desktop' | 'browser' | 'cli';
  dataDir: string;
  platform: string;
  /** Who acts, for the audit log: the adapter and the OS user. */
  actor: string;
}

/** Everything the engine needs from the outside world. Tests pass in-memory fakes; the app passes real adapters. */
export interface Ports {
  store: Store;
  secrets: SecretStore;
  http: Http;
  clock: Clock;
  log: Logger;
  runtime: RuntimeInfo;
  /** The loopback listener for test-run callbacks; absent in runtimes that cannot run live tests. */
  loopback?: Loopback;
  /** Serves the loopback rehearsal engine (Arthur-compatible API); absent where it cannot run. */
  apiServer?: ApiServerFactory;
  /** Waits between retries (default a real timer); tests pass one that records and returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

export type { Clock, Http, Loopback, SecretStore, Store };
export * from './clock.js';
export * from './api-server.js';
export * from './http.js';
export * from './loopback.js';
export * from './secret-store.js';
export * from './store.js';
