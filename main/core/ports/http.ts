export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Whole request, connect to last byte. */
  timeoutMs: number;
  /** Larger bodies are refused, not truncated. */
  maxBytes: number;
  /** PEM CA certificates trusted for this request in addition to the system's (a target's private CA). */
  ca?: string;
  /**
   * A redirect to another origin: `strip` follows it without Authorization/Cookie (default); `refuse` fails with
   * HttpError('cross_origin_redirect') so a bearer token is never sent, or silently dropped, elsewhere.
   */
  crossOriginRedirect?: 'strip' | 'refuse';
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Final URL after redirects. */
  url: string;
}

export type HttpFailure = 'timeout' | 'too_large' | 'network' | 'insecure_url' | 'cross_origin_redirect';

export class HttpError extends Error {
  constructor(
    readonly kind: HttpFailure,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Outbound HTTP. https only, except to loopback addresses; implementations enforce timeouts and size limits. */
export interface Http {
  request(request: HttpRequest): Promise<HttpResponse>;
}
