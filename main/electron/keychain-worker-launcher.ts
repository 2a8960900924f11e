import { utilityProcess } from 'electron';
import type { WorkerLauncher } from '../adapters/keychain/worker-process.js';

/**
 * The keychain worker in the desktop app: an Electron utilityProcess (a Node-enabled child Electron manages), not a
 * fork() of the app binary with ELECTRON_RUN_AS_NODE, which the packaged app's RunAsNode fuse turns off.
 * https://www.electronjs.org/docs/latest/api/utility-process
 */
export const utilityProcessWorker: WorkerLauncher = ({ workerPath, args, env, onStderr }) => {
  const child = utilityProcess.fork(workerPath, args, {
    env,
    stdio: ['ignore', 'ignore', onStderr ? 'pipe' : 'inherit'],
    serviceName: 'SSO Workbench keychain',
  });
  let running = true;
  child.on('exit', () => (running = false));
  if (child.stderr && onStderr) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => onStderr(text));
  }
  return {
    send: (message, onFailed) => {
      try {
        child.postMessage(message);
      } catch {
        onFailed();
      }
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(`exit code ${code}`)),
    onError: (listener) => child.on('error', () => listener()),
    kill: () => {
      if (running) child.kill();
    },
    get running() {
      return running;
    },
    // Utility processes never keep the app alive on their own; nothing to hold.
    hold: () => undefined,
    release: () => undefined,
  };
};
