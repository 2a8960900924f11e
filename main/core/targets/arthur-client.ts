import type { ArthurRoleDef } from '../../contract/index.js';
import { HttpError, type Http, type HttpResponse } from '../ports/index.js';

/** How a failed call to the platform may be handled: retried (after re-reading state), or not at all. */
export type ArthurFailure = 'auth' | 'retryable' | 'fatal' | 'not_found';

export class ArthurApiError extends Error {
  constructor(
    readonly failure: ArthurFailure,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number; hint?: string } = {},
  ) {
    super(message);
    this.name = 'ArthurApiError';
  }
}

export interface ArthurEndpoint {
  url: string;
  token: string;
  ca: string | null;
}

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 8 * 1024 * 1024;

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function bodyMessage(response: HttpResponse): string {
  try {
    const parsed = JSON.parse(response.body) as Record<string, unknown>;
    const detail = parsed.detail ?? parsed.message ?? parsed.error;
    if (typeof detail === 'string') return detail;
    if (detail !== undefined) return JSON.stringify(detail);
  } catch {
    // not JSON: fall through to the text
  }
  return response.body.slice(0, 300);
}

/**
 * Classifies an answer: 2xx passes; 401/403 are never retried (the token is wrong or lacks the permission); 429 and
 * 5xx are retryable (429 honours Retry-After); other 4xx are the platform refusing the request as sent.
 */
function classify(response: HttpResponse, what: string, now: Date): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const said = bodyMessage(response);
  if (status === 401) throw new ArthurApiError('auth', `${what}: the platform refused the token (401 Unauthorized). ${said}`.trim(), { status, hint: 'The token is expired or wrong: set a new token on the target.' });
  if (status === 403) throw new ArthurApiError('auth', `${what}: the token lacks the permission (403 Forbidden). ${said}`.trim(), { status, hint: 'Use a token of a global role with custom_roles read/write/delete (globalRoleDefs in the IdP YAML), or the superadmin.' });
  if (status === 404) throw new ArthurApiError('not_found', `${what}: not found (404). ${said}`.trim(), { status });
  if (status === 429) {
    const wait = retryAfterMs(response.headers['retry-after'], now);
    throw new ArthurApiError('retryable', `${what}: rate limited (429)${wait !== undefined ? `, retry after ${Math.round(wait / 1000)} s` : ''}.`, { status, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
  }
  if (status >= 500) throw new ArthurApiError('retryable', `${what}: the platform failed (${status}). ${said}`.trim(), { status });
  throw new ArthurApiError('fatal', `${what}: refused with ${status}. ${said}`.trim(), { status });
}

function parseJson(response: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    throw new ArthurApiError('fatal', `${what}: the answer is not JSON (is the base URL the platform's, not its web page?).`);
  }
}

const asRoles = (value: unknown, what: string): ArthurRoleDef[] => {
  const roles = (value as { roles?: unknown } | null)?.roles;
  if (!Array.isArray(roles)) throw new ArthurApiError('fatal', `${what}: the answer has no "roles" list.`);
  return roles.map((role) => {
    const r = role as Record<string, unknown>;
    return {
      role_name: String(r.role_name ?? ''),
      ...(Array.isArray(r.permissions) ? { permissions: (r.permissions as Array<Record<string, unknown>>).map((p) => ({ resource: String(p.resource), action: String(p.action) })) } : {}),
      ...(Array.isArray(r.inherited_role_names) ? { inherited_role_names: (r.inherited_role_names as unknown[]).map(String) } : {}),
    };
  });
};

/** Organizations from a page wrapper whose field names the docs do not give (`data`, `organizations`, `items`) or a list. */
const asOrganizations = (value: unknown): Array<{ id: string; name: string }> => {
  const page = value as Record<string, unknown> | unknown[] | null;
  const list = Array.isArray(page) ? page : (page?.data ?? page?.organizations ?? page?.items ?? page?.records);
  if (!Array.isArray(list)) return [];
  return list.map((o) => ({ id: String((o as Record<string, unknown>).id ?? ''), name: String((o as Record<string, unknown>).name ?? '') })).filter((o) => o.id);
};

/**
 * The Arthur admin API as the docs give it (arthur-platform.md §4): `Authorization: Bearer`, `Arthur-Organization-ID`,
 * JSON bodies. A redirect to another origin is refused (the token never follows it).
 */
export function arthurClient(http: Http, endpoint: ArthurEndpoint, now: () => Date) {
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, what: string, org?: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { authorization: `Bearer ${endpoint.token}`, accept: 'application/json' };
    if (org !== undefined) headers['arthur-organization-id'] = org;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: HttpResponse;
    try {
      response = await http.request({
        url: `${endpoint.url}${path}`,
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_BYTES,
        crossOriginRedirect: 'refuse',
        ...(endpoint.ca ? { ca: endpoint.ca } : {}),
      });
    } catch (error) {
      if (error instanceof HttpError) {
        const transient = (error.kind === 'network' && !error.message.startsWith('TLS error')) || error.kind === 'timeout';
        throw new ArthurApiError(transient ? 'retryable' : 'fatal', `${what}: ${error.message}`);
      }
      throw new ArthurApiError('retryable', `${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
    classify(response, what, now());
    return response.body.trim() === '' ? {} : parseJson(response, what);
  };
  const rolesPath = '/api/v3/authorization/custom_roles';
  return {
    listRoles: async (org: string) => asRoles(await call('GET', rolesPath, `GET custom_roles of ${org}`, org), 'GET custom_roles'),
    createRoles: async (org: string, roles: ArthurRoleDef[]) => void (await call('POST', rolesPath, `POST custom_roles to ${org}`, org, { roles })),
    deleteRoles: async (org: string, names: string[]) => void (await call('DELETE', rolesPath, `DELETE custom_roles in ${org}`, org, { roles: names })),
    listOrganizations: async () => asOrganizations(await call('GET', '/api/v3/organizations', 'GET organizations')),
    myOrganizations: async () => asOrganizations(await call('GET', '/api/v3/organizations/me', 'GET organizations/me')),
  };
}
export type ArthurClient = ReturnType<typeof arthurClient>;
