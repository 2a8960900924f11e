export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Whole request, connect to last byte. */
  timeoutMs: number;
  /** Larger bodies are refused, not truncated. */
  maxBytes: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Final URL after redirects. */
  url: string;
}

export type HttpFailure = 'timeout' | 'too_large' | 'network' | 'insecure_url';

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
