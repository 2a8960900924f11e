/**
 * The loopback listener the test-run engine receives IdP callbacks on (OIDC redirect URI, SAML ACS). One listener
 * per port is shared by every run; each connection gets its own path (`/oidc/<id>/callback`, `/saml/<id>/acs`).
 *
 * Implementations promise (RFC 8252 §7.3, §8.3 — loopback redirect URIs for native apps):
 * - they bind 127.0.0.1 only, never a wildcard address;
 * - a request whose Host header is not `127.0.0.1:<port>` or `localhost:<port>` is refused with 403 (DNS rebinding);
 * - a path with no route answers 404;
 * - replies are rendered as escaped text (never HTML from the engine), with `no-store` and a strict CSP.
 */

/** One request that reached a route (Host already checked). */
export interface LoopbackRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters (first value of each). */
  query: Record<string, string>;
  /** Form fields of an `application/x-www-form-urlencoded` POST (SAML HTTP-POST binding); empty otherwise. */
  form: Record<string, string>;
}

/** What the browser tab shows: a title and plain text, escaped by the adapter. */
export interface LoopbackReply {
  status: number;
  title: string;
  text: string;
  /**
   * An HTTP-POST binding message to send on (SAML Bindings §3.5: an auto-submitting form). The adapter renders the
   * fields escaped in a form to `action`, submitted by one inline script allowed by its hash, with `form-action`
   * locked to the action's origin; without script, a button submits it. `text` is shown beside it.
   */
  postForm?: { action: string; fields: Record<string, string> };
}

export type LoopbackRoute = (request: LoopbackRequest) => Promise<LoopbackReply>;

export type LoopbackFailure = 'port_in_use' | 'permission' | 'other';

export class LoopbackError extends Error {
  constructor(
    readonly kind: LoopbackFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LoopbackError';
  }
}

export interface Loopback {
  /**
   * Listens on 127.0.0.1:`port` (0 = an ephemeral port, RFC 8252 §7.3) and resolves with the bound port. Listening
   * again on a port already bound is a no-op. Throws LoopbackError when the port cannot be bound.
   */
  listen(port: number): Promise<number>;
  /** Routes an exact path on every bound port; returns a function that removes the route. */
  route(path: string, handler: LoopbackRoute): () => void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
