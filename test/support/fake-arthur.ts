/**
 * A deliberately strict fake of Arthur's custom_roles API, written from the docs (shared/reference/arthur-platform.md
 * §4.1, seeds/arthur-sso-access-control.md): it insists on `Authorization: Bearer <token>`, a known
 * `Arthur-Organization-ID`, a JSON content type and exact `{"roles":[…]}` bodies, and can fail on demand (a status,
 * 429 with Retry-After, a dropped connection after applying, a redirect to another host).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoleDef {
  role_name: string;
  permissions?: Array<{ resource: string; action: string }>;
  inherited_role_names?: string[];
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Applies the request, then destroys the socket: the client never sees the answer. */
  | { kind: 'drop-after-apply' }
  | { kind: 'redirect'; location: string };

export interface LoggedRequest {
  method: string;
  path: string;
  org: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeArthur {
  url: string;
  token: string;
  /** org id → role name → definition */
  roles: Map<string, Map<string, RoleDef>>;
  requests: LoggedRequest[];
  /** Faults consumed in order by requests of that method (GET, POST, DELETE). */
  faults: Record<string, Fault[]>;
  /** Answers every request with this fault (e.g. a redirect), not consumed. */
  always?: Fault;
  protocolErrors: string[];
  stop(): Promise<void>;
}

const ROLES_PATH = '/api/v3/authorization/custom_roles';

export async function startFakeArthur(options: { token: string; organizations: Array<{ id: string; name: string }> }): Promise<FakeArthur> {
  const roles = new Map(options.organizations.map((o) => [o.id, new Map<string, RoleDef>()]));
  const fake: FakeArthur = { url: '', token: options.token, roles, requests: [], faults: {}, protocolErrors: [], stop: async () => undefined };
  const reply = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const refuse = (response: ServerResponse, status: number, detail: string) => {
    fake.protocolErrors.push(`${status} ${detail}`);
    reply(response, status, { detail });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', fake.url);
    const org = request.headers['arthur-organization-id'] as string | undefined;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return refuse(response, 400, 'body is not JSON');
    }
    fake.requests.push({ method: request.method ?? '', path: url.pathname, org, authorization: request.headers.authorization, body });

    const fault = fake.always ?? fake.faults[request.method ?? '']?.shift();
    if (fault?.kind === 'redirect') {
      response.writeHead(307, { location: fault.location });
      return response.end();
    }
    if (fault?.kind === 'status') return reply(response, fault.status, { detail: `injected ${fault.status}` }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});

    if (request.headers.authorization !== `Bearer ${fake.token}`) return refuse(response, 401, 'missing or wrong bearer token');
    if (url.pathname === '/api/v3/organizations' && request.method === 'GET') {
      return reply(response, 200, { data: options.organizations.map((o) => ({ ...o, plan: 'enterprise', created_at: '2026-01-01T00:00:00Z' })), page: 1, page_size: 50, total_pages: 1, total_count: options.organizations.length });
    }
    if (url.pathname !== ROLES_PATH) return refuse(response, 404, `no route ${url.pathname}`);
    if (!org) return refuse(response, 400, 'Arthur-Organization-ID header missing');
    const inOrg = roles.get(org);
    if (!inOrg) return refuse(response, 404, `organization ${org} not found`);
    if (request.method !== 'GET' && !(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(response, 415, 'content-type must be application/json');
    const list = (body as { roles?: unknown } | undefined)?.roles;
    if (request.method !== 'GET' && (!body || Object.keys(body as object).join() !== 'roles' || !Array.isArray(list))) return refuse(response, 400, 'body must be exactly {"roles":[…]}');

    if (request.method === 'GET') {
      reply(response, 200, { roles: [...inOrg.values()] });
    } else if (request.method === 'POST') {
      const defs = list as RoleDef[];
      for (const def of defs) {
        if (Object.keys(def).some((k) => !['role_name', 'permissions', 'inherited_role_names'].includes(k))) return refuse(response, 400, `unknown field in ${def.role_name}`);
        if ([...roles.values()].some((m) => m.has(def.role_name))) return refuse(response, 409, `role ${def.role_name} already exists`);
      }
      for (const def of defs) inOrg.set(def.role_name, def);
      if (fault?.kind === 'drop-after-apply') return request.socket.destroy();
      reply(response, 200, { roles: defs });
    } else if (request.method === 'DELETE') {
      const names = list as string[];
      const missing = names.filter((n) => n !== '*' && !inOrg.has(n));
      if (missing.length) return refuse(response, 400, `unknown roles ${missing.join(',')}`);
      const gone = names.includes('*') ? [...inOrg.values()] : names.map((n) => inOrg.get(n) as RoleDef);
      for (const def of gone) inOrg.delete(def.role_name);
      if (fault?.kind === 'drop-after-apply') return request.socket.destroy();
      reply(response, 200, { roles: gone });
    } else refuse(response, 405, 'method not allowed');
  };

  const server = createServer((request, response) => void handle(request, response).catch(() => response.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
