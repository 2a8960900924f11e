import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan, PushRecord, RehearsalStatus, TargetView } from '../../main/contract/index.js';
import { createPushEngine, seedRoles, type PushEngine } from '../support/push-engine.js';

// The local rehearsal target: the engine's own Arthur-compatible API on 127.0.0.1, pushed to over real sockets.
describe('push to the loopback rehearsal engine', () => {
  let wb: PushEngine;
  const adminToken = 'rehearsal-admin-token-for-tests-0001';

  beforeEach(async () => {
    wb = await createPushEngine();
    await seedRoles(wb.call);
    await wb.call('rehearsal.start', { adminToken });
  });
  afterEach(() => wb.close());

  it('one click adds the target (token in the keychain only), copies the organizations, and push/plan round-trip', async () => {
    const target = await wb.call<TargetView>('rehearsal.addTarget', {});
    const status = await wb.call<RehearsalStatus>('rehearsal.status', {});
    expect(target).toMatchObject({ name: 'Local rehearsal', url: status.url, rehearsal: true, hasToken: true });
    expect(JSON.stringify(target)).not.toContain(adminToken);
    expect(wb.ports.secrets.items.get(`target:${target.id}:token`)).toBe(adminToken);
    expect(wb.ports.store.rehearsal.organizations.list().map((o) => o.id).sort()).toEqual(['org-1', 'org-2']);

    const first = await wb.call<Plan>('targets.plan', { ref: 'Local rehearsal' });
    expect(first.counts).toEqual({ create: 3, replace: 0, delete: 0, keep: 0 });
    const pushed = await wb.call<PushRecord>('targets.push', { ref: 'Local rehearsal', digest: first.digest });
    expect(pushed.outcome).toBe('succeeded');
    expect(wb.ports.store.rehearsal.roles.list().map((r) => r.name).sort()).toEqual(['prod-admins', 'research-owners', 'research-readers']);
    // Workbench roles are untouched: the engine keeps its own copy.
    expect(wb.ports.store.roles.list()).toHaveLength(4);

    const second = await wb.call<Plan>('targets.plan', { ref: 'Local rehearsal' });
    expect(second.changes.every((c) => c.action === 'keep')).toBe(true);

    const owners = await wb.call<{ id: string }>('roles.get', { ref: 'research-owners' });
    await wb.call('roles.update', { id: owners.id, draft: { scope: 'organization', organizationId: 'org-1', name: 'research-maintainers', permissions: [{ resource: 'model', action: 'write' }], inheritedRoleNames: ['research-readers'] } });
    const third = await wb.call<Plan>('targets.plan', { ref: 'Local rehearsal', deleteUnknown: true });
    expect(Object.fromEntries(third.changes.filter((c) => c.action !== 'keep').map((c) => [c.role, c.action]))).toEqual({ 'research-maintainers': 'create', 'research-owners': 'delete' });
    const renamed = await wb.call<PushRecord>('targets.push', { ref: 'Local rehearsal', deleteUnknown: true });
    expect(renamed.outcome).toBe('succeeded');
    expect(wb.ports.store.rehearsal.roles.list().map((r) => r.name).sort()).toEqual(['prod-admins', 'research-maintainers', 'research-readers']);
  });

  it('the engine answers as Arthur: bad tokens 401, foreign Host 403, unknown permissions 400, duplicate names 409', async () => {
    const { url } = await wb.call<RehearsalStatus>('rehearsal.status', {});
    await wb.call('rehearsal.addTarget', {});
    const roles = `${url}/api/v3/authorization/custom_roles`;
    const headers = { authorization: `Bearer ${adminToken}`, 'arthur-organization-id': 'org-1', 'content-type': 'application/json' };
    expect((await fetch(roles, { headers: { 'arthur-organization-id': 'org-1' } })).status).toBe(401);
    expect((await fetch(roles, { headers: { ...headers, authorization: 'Bearer wrong' } })).status).toBe(401);
    const unknown = await fetch(roles, { method: 'POST', headers, body: JSON.stringify({ roles: [{ role_name: 'x', permissions: [{ resource: 'nope', action: 'read' }] }] }) });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(/nope/);
    const global = await fetch(roles, { method: 'POST', headers, body: JSON.stringify({ roles: [{ role_name: 'y', permissions: [{ resource: 'organization_global', action: 'write' }] }] }) });
    expect(global.status).toBe(400);
    const ok = await fetch(roles, { method: 'POST', headers, body: JSON.stringify({ roles: [{ role_name: 'z', inherited_role_names: ['Model Owner'] }] }) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ roles: [{ role_name: 'z', permissions: [], inherited_role_names: ['Model Owner'] }] });
    const twice = await fetch(roles, { method: 'POST', headers: { ...headers, 'arthur-organization-id': 'org-2' }, body: JSON.stringify({ roles: [{ role_name: 'Z', inherited_role_names: ['User'] }] }) });
    expect(twice.status).toBe(409);
    const deleted = await fetch(roles, { method: 'DELETE', headers, body: JSON.stringify({ roles: ['z'] }) });
    expect(await deleted.json()).toEqual({ roles: [{ role_name: 'z', permissions: [], inherited_role_names: ['Model Owner'] }] });
    const port = new URL(url as string).port;
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/v3/authorization/custom_roles', headers: { ...headers, host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
