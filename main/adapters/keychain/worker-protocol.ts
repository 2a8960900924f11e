/**
 * Messages between the app and the keychain worker (a child process; see keytar-worker.ts). Plain JSON so the IPC
 * channel can use `serialization: 'json'`. Both sides validate what they receive: the worker trusts nothing it is
 * sent, and the parent ignores anything that is not a reply to a call it made.
 */
import type { SecretStoreFailure } from '../../core/ports/secret-store.js';

/** `list` answers the account names under the service (never the values). `probe` writes, reads back and deletes a throw-away item in one round trip, so status() has one deadline. */
export const workerOps = ['set', 'get', 'delete', 'probe', 'list'] as const;
export type WorkerOp = (typeof workerOps)[number];

/** The item `probe` uses. Never a real secret's account. */
export const PROBE_ACCOUNT = '__ssowb_probe__';

export interface WorkerRequest {
  id: number;
  op: WorkerOp;
  account: string;
  /** Only for `set`. */
  secret?: string;
}

/** What `probe` found: `null-read-back` is how a locked keyring without a display answers (no error, no value). */
export type ProbeOutcome = 'ok' | 'null-read-back' | 'mismatch';

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  /** `message` is the OS keychain's own words, shortened and with the secret redacted. */
  | { id: number; ok: false; kind: SecretStoreFailure; message: string };

const failures: readonly string[] = ['unavailable', 'locked', 'timeout'] satisfies SecretStoreFailure[];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (!isObject(value) || !Number.isSafeInteger(value.id) || typeof value.account !== 'string') return false;
  if (!(workerOps as readonly unknown[]).includes(value.op)) return false;
  return value.op === 'set' ? typeof value.secret === 'string' : value.secret === undefined;
}

export function isWorkerReply(value: unknown): value is WorkerReply {
  if (!isObject(value) || !Number.isSafeInteger(value.id)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && failures.includes(value.kind as string) && typeof value.message === 'string';
}
