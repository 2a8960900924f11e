import { createEngine, type Engine } from '../../main/core/engine.js';
import { createNodeHttp } from '../../main/adapters/http/node-http.js';
import { createNodeApiServer } from '../../main/adapters/rbac-server/node-api-server.js';
import { systemClock } from '../../main/core/ports/clock.js';
import type { Ports } from '../../main/core/ports/index.js';
import type { PushProgress } from '../../main/contract/index.js';
import { createFakeIdpTools, createTestPorts, MemorySecretStore } from './fakes.js';

export interface PushEngine {
  engine: Engine;
  ports: Ports & { secrets: MemorySecretStore };
  call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T>;
  fail(name: string, input: unknown): Promise<{ code: string; message: string; field?: string; hint?: string }>;
  /** Every wait the retry logic asked for (ms); they return at once. */
  sleeps: number[];
  progress: PushProgress[];
  close(): Promise<void>;
}

/**
 * An engine with the real Http and ApiServer adapters (loopback sockets), in-memory store and keychain, the system
 * clock, and a sleep that records instead of waiting (the retry schedule is asserted, not waited for).
 */
export async function createPushEngine(overrides: Partial<Ports> = {}): Promise<PushEngine> {
  const sleeps: number[] = [];
  const secrets = new MemorySecretStore();
  const ports = createTestPorts({ http: createNodeHttp(), clock: systemClock, apiServer: createNodeApiServer(), secrets, sleep: async (ms) => void sleeps.push(ms), ...overrides }) as PushEngine['ports'];
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const progress: PushProgress[] = [];
  engine.subscribe((event) => {
    if (event.name === 'onPushProgress') progress.push(event.payload);
  });
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const fail = async (name: string, input: unknown) => {
    const result = await engine.invoke(name, input);
    if (result.ok) throw new Error(`${name} succeeded, expected an error`);
    return result.error;
  };
  return { engine, ports, call, fail, sleeps, progress, close: () => engine.close() };
}

/** Two organizations with a few roles, one inheriting another of the same org and one a built-in. */
export async function seedRoles(call: PushEngine['call']): Promise<void> {
  await call('orgs.create', { id: 'org-1', name: 'Research' });
  await call('orgs.create', { id: 'org-2', name: 'Production' });
  const role = (organizationId: string | null, name: string, permissions: string[], inheritedRoleNames: string[] = []) =>
    call('roles.create', {
      scope: organizationId ? 'organization' : 'global',
      organizationId,
      name,
      permissions: permissions.map((p) => ({ resource: p.split(':')[0], action: p.split(':')[1] })),
      inheritedRoleNames,
    });
  await role('org-1', 'research-readers', ['model:read', 'tag:read']);
  await role('org-1', 'research-owners', ['model:write'], ['research-readers']);
  await role('org-2', 'prod-admins', [], ['Administrator']);
  await role(null, 'idp-admins', ['custom_roles:read', 'custom_roles:write', 'custom_roles:delete', 'organization_global:read']);
}
