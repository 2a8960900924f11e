import type { ApiServerFactory, Http, Loopback, LoopbackRoute } from '../core/ports/index.js';

/**
 * Port adapters that import their module (and Node's http/https/tls) on first use (issue 14): a CLI command that
 * never fetches, listens or serves does not pay for loading them. Behaviour is the real adapter's once loaded.
 */

export function lazyHttp(load: () => Promise<Http>): Http {
  let loading: Promise<Http> | undefined;
  return { request: async (request) => (await (loading ??= retryable(load, () => (loading = undefined)))).request(request) };
}

export function lazyApiServer(load: () => Promise<ApiServerFactory>): ApiServerFactory {
  let loading: Promise<ApiServerFactory> | undefined;
  return { listen: async (port, handler) => (await (loading ??= retryable(load, () => (loading = undefined)))).listen(port, handler) };
}

/** Routes registered before the listener module is loaded are handed to it when it is (route() stays synchronous). */
export function lazyLoopback(load: () => Promise<Loopback>): Loopback {
  let real: Loopback | undefined;
  let loading: Promise<Loopback> | undefined;
  const pending = new Set<{ path: string; handler: LoopbackRoute; remove?: () => void }>();
  const loaded = () =>
    (loading ??= retryable(load, () => (loading = undefined)).then((loopback) => {
      real = loopback;
      for (const entry of pending) entry.remove = loopback.route(entry.path, entry.handler);
      pending.clear();
      return loopback;
    }));
  return {
    listen: async (port) => (await loaded()).listen(port),
    route(path, handler) {
      if (real) return real.route(path, handler);
      const entry: { path: string; handler: LoopbackRoute; remove?: () => void } = { path, handler };
      pending.add(entry);
      return () => {
        pending.delete(entry);
        entry.remove?.();
      };
    },
    // Nothing to close if it never loaded; if it is loading, close what arrives.
    close: async () => {
      if (loading) await (await loading).close();
    },
  };
}

/** `load()`, forgotten on failure so the next use tries again. */
function retryable<T>(load: () => Promise<T>, forget: () => void): Promise<T> {
  return load().catch((error: unknown) => {
    forget();
    throw error;
  });
}
