import { fork } from 'node:child_process';

/**
 * How the keychain worker is started and talked to, whatever runs it: a Node child process (`forkWorker`, CLI and
 * browser mode) or, in the packaged desktop app, an Electron utilityProcess (main/electron/keychain-worker-launcher.ts).
 * The desktop app cannot use fork(): its binary is Electron, which would run the worker as plain Node only with
 * ELECTRON_RUN_AS_NODE, and that fuse is off in packaged builds (electron-builder.yml).
 */
export interface WorkerProcess {
  /** Sends one message; `onFailed` is called if it could not be delivered. */
  send(message: unknown, onFailed: () => void): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process ends, with how (`exit code 1`, `signal SIGKILL`). */
  onExit(listener: (how: string) => void): void;
  onError(listener: () => void): void;
  /** Ends it at once (SIGKILL where there are signals): a worker stuck in libsecret would ignore a polite request. */
  kill(): void;
  readonly running: boolean;
  /** Keep this process alive while a call is pending; `release` lets an idle worker not hold a CLI open. */
  hold(): void;
  release(): void;
}

export interface WorkerLaunch {
  workerPath: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Receives the worker's stderr; without it, the worker's stderr is this process's. */
  onStderr?: ((text: string) => void) | undefined;
}

export type WorkerLauncher = (launch: WorkerLaunch) => WorkerProcess;

/** The worker as a Node child process (child_process.fork with an IPC channel). */
export const forkWorker: WorkerLauncher = ({ workerPath, args, env, onStderr }) => {
  const child = fork(workerPath, args, {
    serialization: 'json',
    env,
    execArgv: [], // not the parent's flags (--inspect would clash on its port; loaders are not needed)
    stdio: ['ignore', 'ignore', onStderr ? 'pipe' : 'inherit', 'ipc'],
  });
  if (child.stderr && onStderr) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => onStderr(text));
    (child.stderr as unknown as { unref?: () => void }).unref?.();
  }
  // A worker stuck in libsecret would outlive us (it cannot act on the IPC disconnect), so take it along.
  const killWithUs = () => child.kill('SIGKILL');
  process.once('exit', killWithUs);
  child.on('exit', () => process.off('exit', killWithUs));
  // Idle workers must not keep a CLI alive; the channel is re-referenced while a call is pending.
  child.unref();
  child.channel?.unref();
  return {
    send: (message, onFailed) => {
      child.send(message as object, (error) => {
        if (error) onFailed();
      });
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener(signal ? `signal ${signal}` : `exit code ${code}`)),
    onError: (listener) => child.on('error', listener),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    hold: () => child.channel?.ref(),
    release: () => child.channel?.unref(),
  };
};
