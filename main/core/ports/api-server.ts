/**
 * A small JSON HTTP server on loopback for the rehearsal engine (an Arthur-compatible API). The core owns the
 * semantics (an `ApiHandler`); the adapter only binds, checks and parses.
 *
 * Implementations promise:
 * - they bind 127.0.0.1 only, never a wildcard address;
 * - a request whose Host header is not `127.0.0.1:<port>` or `localhost:<port>` is refused with 403 (DNS rebinding);
 * - bodies over 1 MB are refused with 413, a body that is not JSON with 400, before the handler runs;
 * - responses are JSON with `no-store` and `nosniff`.
 */
export interface ApiRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names (first value of each). */
  headers: Record<string, string>;
  /** Cookies by name. */
  cookies: Record<string, string>;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
}

export interface ApiResponse {
  status: number;
  /** JSON-serialisable; undefined for an empty body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;

export interface RunningApiServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export interface ApiServerFactory {
  /** Listens on 127.0.0.1:`port` (0 = a free port). Throws LoopbackError when the port cannot be bound. */
  listen(port: number, handler: ApiHandler): Promise<RunningApiServer>;
}
