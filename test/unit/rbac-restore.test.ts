import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../main/contract/index.js';
import { perm, rbacSetup, type Loose } from '../support/rbac-setup.js';

type RoleOut = Loose & { id: string; createdAt: string; updatedAt: string; organizationId: string | null; inheritedRoleNames: string[]; effectivePermissions: Array<{ resource: string; action: string; via: string[] }> };
/** The stored fields of a role view, as the Roles page's Undo sends them. */
const saved = ({ effectivePermissions: _e, unpublishedInherited: _u, inheritedBy: _i, ...role }: RoleOut & Record<string, unknown>) => role;

async function orgWithRoles() {
  const s = rbacSetup();
  const org = await s.call<Loose & { createdAt: string }>('orgs.create', { id: 'org-1', name: 'Research' });
  const base = await s.call<RoleOut>('roles.create', { scope: 'organization', organizationId: 'org-1', name: 'base', permissions: [perm('model:read')] });
  const top = await s.call<RoleOut>('roles.create', { scope: 'organization', organizationId: 'org-1', name: 'top', permissions: [perm('tag:read')], inheritedRoleNames: ['base'] });
  return { ...s, org, base, top };
}

describe('roles.restore (Undo of a delete)', () => {
  it('an organization deleted with its roles comes back with the same ids and inheritance, whatever order the roles are given in', async () => {
    const { call, org, base, top } = await orgWithRoles();
    await call('orgs.remove', { ref: 'org-1', withRoles: true });
    const back = await call<{ organization: Loose; roles: RoleOut[] }>('roles.restore', { organization: { id: org.id, name: org.name, createdAt: org.createdAt }, roles: [saved(top), saved(base)] });
    expect(back.organization).toMatchObject({ id: 'org-1', name: 'Research', roleCount: 2 });
    expect(back.roles.map((r) => r.id)).toEqual([top.id, base.id]);
    const restoredTop = await call<RoleOut>('roles.get', { ref: top.id });
    expect(restoredTop.createdAt).toBe(top.createdAt);
    expect(restoredTop.effectivePermissions).toContainEqual({ resource: 'model', action: 'read', via: ['top', 'base'] });
  });

  it('a deleted role comes back under its id; the audit log says restored', async () => {
    const { call, ports, base, top } = await orgWithRoles();
    await call('roles.remove', { ref: top.id });
    await call('roles.restore', { roles: [saved(top)] });
    expect((await call<RoleOut>('roles.get', { ref: 'top' })).id).toBe(top.id);
    expect((await call<RoleOut>('roles.get', { ref: 'base' })).inheritedBy).toEqual(['top']);
    const entries = ports.store.audit.list({ limit: 5 }) as AuditEntry[];
    expect(entries[0]).toMatchObject({ action: 'roles.restore', detail: { restored: ['top'] } });
    expect(base.id).not.toBe(top.id);
  });

  it('all or nothing: a name taken since the delete names the role and field, and nothing (not even the organization) is restored', async () => {
    const { call, fail, org, base, top } = await orgWithRoles();
    await call('orgs.remove', { ref: 'org-1', withRoles: true });
    await call('roles.create', { scope: 'global', name: 'TOP', permissions: [perm('organization_global:read')] });
    const error = await fail('roles.restore', { organization: { id: org.id, name: org.name, createdAt: org.createdAt }, roles: [saved(base), saved(top)] });
    expect(error.code, JSON.stringify(error)).toBe('invalid_input');
    expect(error.issues).toContainEqual({ field: 'roles.1.name', message: expect.stringMatching(/^"top": a role named "TOP" was added since the delete/) });
    expect(await call<unknown[]>('orgs.list', {})).toEqual([]);
    expect((await call<RoleOut[]>('roles.list', {})).map((r) => r.name)).toEqual(['TOP']);
  });

  it('refuses a role whose id is in use (restored twice) and a role whose organization is gone', async () => {
    const { call, fail, top } = await orgWithRoles();
    expect((await fail('roles.restore', { roles: [saved(top)] })).issues).toContainEqual({ field: 'roles.0.id', message: expect.stringContaining('is in use by "top"') });
    await call('orgs.remove', { ref: 'org-1', withRoles: true });
    expect((await fail('roles.restore', { roles: [saved(top)] })).issues).toContainEqual({ field: 'roles.0.organizationId', message: expect.stringContaining('no longer exists') });
  });
});
