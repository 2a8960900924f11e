import { randomBytes, randomUUID } from 'node:crypto';
import type { Organization } from '../../contract/index.js';
import { permissionKey } from '../../contract/schemas/rbac-catalogue.js';
import type { ApiHandler, ApiRequest, ApiResponse, Ports } from '../ports/index.js';
import { buildSnapshot, findOrganization, grantIn, permissionsIn, selectOrganization, type RbacSnapshot } from '../rbac/index.js';
import type { JwksCache } from '../test-runs/oidc/jwks.js';
import { authenticate, authInfo, CallerError, type Caller } from './caller.js';
import { asRoleDef, createRoles, deleteRoles, parseRolesBody, rehearsalRoles } from './role-writes.js';

/** `_arthur_session` lives 30 days (arthur-sso-access-control.md: "they expire after 30 days"). */
export const SESSION_SECONDS = 30 * 24 * 3600;
export const SESSION_COOKIE = '_arthur_session';

export interface ArthurApiDeps {
  ports: Ports;
  adminToken: string;
  jwks: JwksCache;
  /** Session id → organization id and expiry (ms). */
  sessions: Map<string, { organizationId: string; expiresAt: number }>;
}

const json = (status: number, body?: unknown, headers?: Record<string, string>): ApiResponse => ({ status, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
const problem = (status: number, detail: string) => json(status, { detail });
const orgBody = (o: Organization) => ({ id: o.id, name: o.name, plan: 'enterprise', created_at: o.createdAt });

interface Context {
  request: ApiRequest;
  caller: Caller;
  snapshot: RbacSnapshot;
}

/**
 * The organization a request acts in, as Arthur picks it: `Arthur-Organization-ID`, else the `_arthur_session`
 * org, else the only org the caller reaches; a named org the caller cannot reach is 404 (the roles resolver decides).
 */
function organizationOf(ctx: Context, deps: ArthurApiDeps): Organization | ApiResponse {
  const sessionId = ctx.request.cookies[SESSION_COOKIE];
  const session = sessionId ? deps.sessions.get(sessionId) : undefined;
  const live = session && session.expiresAt > deps.ports.clock.now().getTime() ? session.organizationId : undefined;
  const choice = selectOrganization(ctx.snapshot, ctx.caller.user, { header: ctx.request.headers['arthur-organization-id'], session: live });
  if (choice.kind === 'selected') return choice.organization;
  if (choice.kind === 'not_found') return problem(404, `Organization "${choice.ref}" (from the ${choice.selectedBy === 'header' ? 'Arthur-Organization-ID header' : '_arthur_session cookie'}) not found.`);
  return problem(choice.reason === 'several' ? 400 : 404, choice.reason === 'several'
    ? 'You can access several organizations: send the Arthur-Organization-ID header or call PUT /api/v3/organizations/current first.'
    : 'You cannot access any organization.');
}

/** 403 unless the caller holds `resource:action` in the organization (or installation-wide for global permissions). */
function requirePermission(ctx: Context, organizationId: string | null, resource: string, action: string): ApiResponse | null {
  const key = permissionKey({ resource, action });
  const scope = ctx.snapshot.catalogue.get(key) ?? 'organization';
  const grant = grantIn(ctx.caller.user, organizationId, key, scope);
  return grant.kind === 'granted' ? null : problem(403, `Missing permission ${key}${grant.kind === 'undetermined' ? ` (only the unpublished built-in role(s) ${grant.unpublished.join(', ')} might grant it)` : ''}.`);
}

type Route = (ctx: Context, deps: ArthurApiDeps) => Promise<ApiResponse> | ApiResponse;

const withOrg = (resource: string, action: string, then: (ctx: Context, org: Organization, deps: ArthurApiDeps) => ApiResponse): Route => (ctx, deps) => {
  const org = organizationOf(ctx, deps);
  if (!('id' in org)) return org;
  return requirePermission(ctx, org.id, resource, action) ?? then(ctx, org, deps);
};

const routes: Record<string, Route> = {
  'GET /api/v3/authorization/custom_roles': withOrg('custom_roles', 'read', (ctx, org, deps) => {
    const filter = ctx.request.query.roles;
    const names = filter && filter !== '*' ? new Set(filter.split(',').map((n) => n.trim().toLowerCase())) : null;
    const roles = deps.ports.store.rehearsal.roles.list().filter((r) => r.organizationId === org.id && (!names || names.has(r.name.toLowerCase())));
    return json(200, { roles: roles.map(asRoleDef) });
  }),
  'POST /api/v3/authorization/custom_roles': withOrg('custom_roles', 'write', (ctx, org, deps) => {
    const defs = parseRolesBody(ctx.request.body);
    if (typeof defs === 'string') return problem(400, defs);
    const outcome = createRoles(deps.ports.store, org, defs, deps.ports.clock.now());
    return outcome.ok ? json(200, { roles: outcome.roles }) : problem(outcome.status, outcome.detail);
  }),
  'DELETE /api/v3/authorization/custom_roles': withOrg('custom_roles', 'delete', (ctx, org, deps) => {
    const outcome = deleteRoles(deps.ports.store, org, (ctx.request.body as { roles?: unknown } | undefined)?.roles);
    return outcome.ok ? json(200, { roles: outcome.roles }) : problem(outcome.status, outcome.detail);
  }),
  'GET /api/v3/organizations': (ctx) => {
    const denied = requirePermission(ctx, null, 'organization_global', 'read');
    if (denied) return denied;
    const data = [...ctx.snapshot.organizations.values()].map(orgBody);
    return json(200, { data, page: 1, page_size: data.length, total_pages: 1, total_count: data.length });
  },
  'POST /api/v3/organizations': (ctx, deps) => {
    const denied = requirePermission(ctx, null, 'organization_global', 'write');
    if (denied) return denied;
    const name = (ctx.request.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name.trim() === '') return problem(400, 'Body must be {"name": "…"}.');
    if (findOrganization(ctx.snapshot, name)) return problem(409, `An organization named "${name}" already exists.`);
    const at = deps.ports.clock.now().toISOString();
    const org: Organization = { id: randomUUID(), name: name.trim(), createdAt: at, updatedAt: at };
    deps.ports.store.rehearsal.organizations.put(org);
    return json(201, orgBody(org));
  },
  'GET /api/v3/organizations/me': (ctx) => json(200, ctx.caller.user.reachable.map((id) => ctx.snapshot.organizations.get(id)).filter((o): o is Organization => !!o).map(orgBody)),
  'GET /api/v3/organizations/current': (ctx, deps) => {
    const org = organizationOf(ctx, deps);
    return 'id' in org ? json(200, orgBody(org)) : org;
  },
  'PUT /api/v3/organizations/current': (ctx, deps) => {
    const id = (ctx.request.body as { organization_id?: unknown } | undefined)?.organization_id;
    if (typeof id !== 'string' || id.trim() === '') return problem(400, 'Body must be {"organization_id": "…"}.');
    const org = findOrganization(ctx.snapshot, id);
    if (!org || !ctx.caller.user.reachable.includes(org.id)) return problem(404, `Organization "${id}" not found.`);
    const sessionId = randomBytes(24).toString('base64url');
    const expiresAt = deps.ports.clock.now().getTime() + SESSION_SECONDS * 1000;
    deps.sessions.set(sessionId, { organizationId: org.id, expiresAt });
    const cookie = `${SESSION_COOKIE}=${sessionId}; Path=/; Max-Age=${SESSION_SECONDS}; Expires=${new Date(expiresAt).toUTCString()}; HttpOnly; SameSite=Lax`;
    return json(200, { organization_id: org.id }, { 'set-cookie': cookie });
  },
  'GET /api/v3/authorization/permissions': (ctx, deps) => {
    const org = organizationOf(ctx, deps);
    if (!('id' in org)) return org;
    return json(200, permissionsIn(ctx.caller.user, org.id).map((key) => {
      const [resource, action] = key.split(':') as [string, string];
      return { resource, action };
    }));
  },
  'POST /api/v3/authorization/authorize': (ctx, deps) => {
    const body = ctx.request.body as { resource?: unknown; action?: unknown } | undefined;
    if (typeof body?.resource !== 'string' || typeof body.action !== 'string') return problem(400, 'Body must be {"resource": "…", "action": "…"}.');
    const org = organizationOf(ctx, deps);
    if (!('id' in org)) return org;
    return requirePermission(ctx, org.id, body.resource, body.action) ?? json(200, { allowed: true, organization_id: org.id, resource: body.resource, action: body.action });
  },
  'GET /api/v3/users/me/auth_info': (ctx) => json(200, authInfo(ctx.caller)),
};

/**
 * The rehearsal engine's API: Arthur's custom_roles, organizations, session, permissions, authorize and auth_info
 * endpoints with the documented bodies, headers and status codes, over the rehearsal store and the roles resolver.
 */
export function createArthurApi(deps: ArthurApiDeps): ApiHandler {
  return async (request) => {
    const route = routes[`${request.method} ${request.path.replace(/\/+$/, '')}`];
    if (!route) return problem(404, `No route ${request.method} ${request.path}.`);
    const snapshot = buildSnapshot(deps.ports.store.rehearsal.organizations.list(), rehearsalRoles(deps.ports.store));
    try {
      const caller = await authenticate(request.headers.authorization, { adminToken: deps.adminToken, snapshot, ports: deps.ports, jwks: deps.jwks });
      return await route({ request, caller, snapshot }, deps);
    } catch (error) {
      if (error instanceof CallerError) return problem(error.status, error.message);
      deps.ports.log.log('error', 'rehearsal engine request failed', { path: request.path, error: String((error as Error)?.stack ?? error) });
      return problem(500, 'Internal error; details are in the workbench log.');
    }
  };
}
