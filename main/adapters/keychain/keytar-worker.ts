/**
 * The keychain worker: a child process that owns keytar. It exists because a libsecret call waiting on an unlock
 * prompt blocks forever (and then even process.exit() hangs); in a separate process the app can time-box each call
 * and SIGKILL a stuck worker. Bundled to dist/main/keytar-worker.mjs and started by keytar-secret-store.ts.
 *
 * argv[2] is the keychain service name. Requests and replies are in worker-protocol.ts. Never logs or echoes a
 * secret: error causes are shortened and redacted before they leave this process.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Keytar from 'keytar';
import { classifyKeychainError, shortCause } from './classify.js';
import { PROBE_ACCOUNT, isWorkerRequest, type ProbeOutcome, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

type KeytarApi = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

// keytar is a native CommonJS module; the bundle is ESM, so load it through require. Not named `require`: the
// app's build adds its own `require` banner to ESM bundles.
const requireKeytar = createRequire(import.meta.url);
const service = process.argv[2] || 'sso-workbench';
let keytar: KeytarApi | undefined;

/** Loaded on first use so a missing or mis-built native module becomes an 'unavailable' reply, not a crash. */
function loadKeytar(): KeytarApi {
  keytar ??= requireKeytar('keytar') as KeytarApi;
  return keytar;
}

async function probe(api: KeytarApi): Promise<ProbeOutcome> {
  const value = `probe-${randomUUID()}`;
  await api.setPassword(service, PROBE_ACCOUNT, value);
  try {
    const readBack = await api.getPassword(service, PROBE_ACCOUNT);
    if (readBack === null) return 'null-read-back';
    return readBack === value ? 'ok' : 'mismatch';
  } finally {
    await api.deletePassword(service, PROBE_ACCOUNT).catch(() => false);
  }
}

async function perform(request: WorkerRequest): Promise<unknown> {
  let api: KeytarApi;
  try {
    api = loadKeytar();
  } catch (error) {
    throw new Error(`keytar could not be loaded (${shortCause(error)})`);
  }
  switch (request.op) {
    case 'set':
      await api.setPassword(service, request.account, request.secret ?? '');
      return null;
    case 'get':
      return api.getPassword(service, request.account);
    case 'delete':
      return api.deletePassword(service, request.account);
    case 'probe':
      return probe(api);
    case 'list':
      // Account names only: the values findCredentials also returns never leave this process.
      return (await api.findCredentials(service)).map((credential) => credential.account).filter((account) => account !== PROBE_ACCOUNT);
  }
}

/**
 * The channel to the app: Node's IPC (`process.send`, started with child_process.fork) or, in the desktop app, an
 * Electron utilityProcess's `process.parentPort` (no ELECTRON_RUN_AS_NODE needed). Same messages either way.
 */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function reply(message: WorkerReply): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

function onRequest(message: unknown): void {
  if (!isWorkerRequest(message)) {
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id === 'number') reply({ id, ok: false, kind: 'unavailable', message: 'malformed request to the keychain worker' });
    return;
  }
  perform(message).then(
    (value) => reply({ id: message.id, ok: true, value: value ?? null }),
    (error: unknown) => {
      const cause = shortCause(error, message.secret);
      reply({ id: message.id, ok: false, kind: classifyKeychainError(cause), message: cause });
    },
  );
}

if (parentPort) {
  // A utilityProcess ends with the app that started it.
  parentPort.on('message', (event) => onRequest(event.data));
} else {
  process.on('message', onRequest);
  // The app went away (or closed the channel): nothing more will be asked, so do not linger.
  process.on('disconnect', () => process.exit(0));
  if (!process.send) {
    process.stderr.write('keytar-worker: start me with child_process.fork or as an Electron utilityProcess (it talks over the IPC channel only).\n');
    process.exit(2);
  }
}
