/** Small helpers for peers that run as child processes on 127.0.0.1. */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/** A port the OS just handed out on 127.0.0.1 (for servers, like php -S, that cannot report an ephemeral one). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

const POLL_INTERVAL_MS = 50;

/**
 * Bounded readiness poll: retries while the connection is refused (the server is still starting), gives up at once
 * when the child exits or when the server answers something `accept` rejects (a configuration error will not heal).
 */
export async function waitForHttp(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  accept: (status: number, body: string) => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Aborts a pending attempt when the child exits: a port held by another, silent server would otherwise hang it.
  const childExit = new AbortController();
  const onExit = () => childExit.abort();
  if (child.exitCode !== null || child.signalCode !== null) childExit.abort();
  child.once('exit', onExit);
  try {
    let lastError = 'no answer yet';
    while (Date.now() < deadline) {
      if (childExit.signal.aborted) throw new Error(`the process exited (code ${child.exitCode ?? child.signalCode}) before answering`);
      try {
        const attempt = AbortSignal.any([childExit.signal, AbortSignal.timeout(Math.max(1, Math.min(5000, deadline - Date.now())))]);
        const response = await fetch(url, { signal: attempt });
        const body = await response.text();
        if (accept(response.status, body)) return;
        throw new Error(`${url} answered HTTP ${response.status}: ${body.replace(/\s+/g, ' ').slice(0, 500)}`, { cause: 'answered' });
      } catch (error) {
        if ((error as Error).cause === 'answered') throw error;
        lastError = (error as Error).message;
      }
      // The next poll after a short interval, or at once when the child exits.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          childExit.signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, POLL_INTERVAL_MS);
        childExit.signal.addEventListener('abort', done);
      });
    }
    throw new Error(`no valid answer from ${url} within ${timeoutMs} ms (last error: ${lastError})`);
  } finally {
    child.removeListener('exit', onExit);
  }
}
