import { describe, expect, it } from 'vitest';
import { perm, rbacSetup, type Loose } from '../support/rbac-setup.js';

async function withOrgs() {
  const s = rbacSetup();
  await s.call('orgs.create', { id: 'org-1', name: 'Research' });
  await s.call('orgs.create', { id: 'org-2', name: 'Sales' });
  return s;
}

const fieldsOf = (error: { issues?: Array<{ field: string; message: string }> }) => (error.issues ?? []).map((i) => i.field);

describe('role validation (every rule names its field)', () => {
  it('names are unique across the installation, ignoring case, even across organizations and scopes', async () => {
    const { role, fail } = await withOrgs();
    await role('ml-engineers', 'org-1');
    const error = await fail('roles.create', { scope: 'organization', organizationId: 'org-2', name: 'ML-Engineers' });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'name', message: expect.stringContaining('unique across the whole installation') });
    expect((await fail('roles.create', { scope: 'global', name: 'ml-ENGINEERS' })).field).toBe('name');
  });

  it('a built-in role name is refused, whatever its case', async () => {
    const { fail } = await withOrgs();
    const error = await fail('roles.create', { scope: 'organization', organizationId: 'org-1', name: 'model owner' });
    expect(error).toMatchObject({ field: 'name', message: expect.stringContaining('built-in role "Model Owner"') });
  });

  it('unknown resources and actions are refused with the index of the permission', async () => {
    const { fail } = await withOrgs();
    const error = await fail('roles.create', { scope: 'organization', organizationId: 'org-1', name: 'x', permissions: [perm('model:read'), perm('modle:read'), perm('model:fly')] });
    expect(fieldsOf(error)).toEqual(['permissions.1.resource', 'permissions.2.action']);
    expect(error.issues?.[1]?.message).toContain('"read", "write", "delete"');
  });

  it('global-scope permissions are refused in an organization role and accepted in a global role', async () => {
    const { fail, role } = await withOrgs();
    const error = await fail('roles.create', { scope: 'organization', organizationId: 'org-1', name: 'x', permissions: [perm('organization_global:write')] });
    expect(error).toMatchObject({ field: 'permissions.0', message: expect.stringContaining('only a global role') });
    expect(await role('idp-admin', null, { permissions: [perm('organization_global:write')] })).toMatchObject({ scope: 'global' });
  });

  it('global roles have no organization and no inheritance', async () => {
    const { fail } = await withOrgs();
    const error = await fail('roles.create', { scope: 'global', organizationId: 'org-1', name: 'g', inheritedRoleNames: ['User'] });
    expect(fieldsOf(error)).toEqual(['organizationId', 'inheritedRoleNames']);
  });

  it('an organization role needs an organization that exists (by id or name)', async () => {
    const { fail, call } = await withOrgs();
    expect((await fail('roles.create', { scope: 'organization', name: 'x' })).field).toBe('organizationId');
    expect(await fail('roles.create', { scope: 'organization', organizationId: 'nope', name: 'x' })).toMatchObject({ field: 'organizationId', message: expect.stringContaining('No organization "nope"') });
    expect(await call('roles.create', { scope: 'organization', organizationId: 'research', name: 'x' })).toMatchObject({ organizationId: 'org-1' });
  });

  it('inheritance only from built-ins or roles of the same organization, spelled exactly', async () => {
    const { role, fail } = await withOrgs();
    await role('sales-team', 'org-2');
    await role('global-admin', null);
    await role('research-base', 'org-1', { permissions: [perm('model:read')] });
    const error = await fail('roles.create', {
      scope: 'organization',
      organizationId: 'org-1',
      name: 'x',
      inheritedRoleNames: ['Model Owner', 'sales-team', 'global-admin', 'nobody', 'model owner', 'RESEARCH-BASE', 'research-base', 'research-base'],
    });
    expect(error.issues).toEqual([
      { field: 'inheritedRoleNames.1', message: expect.stringContaining('belongs to organization "Sales"') },
      { field: 'inheritedRoleNames.2', message: expect.stringContaining('is a global role') },
      { field: 'inheritedRoleNames.3', message: expect.stringContaining('Unknown role "nobody"') },
      { field: 'inheritedRoleNames.4', message: expect.stringContaining('listed twice') },
      { field: 'inheritedRoleNames.5', message: expect.stringContaining('exactly as "research-base"') },
      { field: 'inheritedRoleNames.6', message: expect.stringContaining('listed twice') },
      { field: 'inheritedRoleNames.7', message: expect.stringContaining('listed twice') },
    ]);
  });

  it('cycles are refused at write time, with the chain', async () => {
    const { role, call, fail } = await withOrgs();
    const a = await role('a', 'org-1');
    await role('b', 'org-1', { inheritedRoleNames: ['a'] });
    await role('c', 'org-1', { inheritedRoleNames: ['b'] });
    const error = await fail('roles.update', { id: a.id, draft: { scope: 'organization', organizationId: 'org-1', name: 'a', inheritedRoleNames: ['c'] } });
    expect(error).toMatchObject({ field: 'inheritedRoleNames.0', message: expect.stringContaining('"a" → "c" → "b" → "a"') });
    expect((await fail('roles.update', { id: a.id, draft: { scope: 'organization', organizationId: 'org-1', name: 'a', inheritedRoleNames: ['a'] } })).message).toContain('cannot inherit itself');
    // A rename does not hide a cycle: c inherits b inherits "a" (which follows the rename).
    expect((await fail('roles.update', { id: a.id, draft: { scope: 'organization', organizationId: 'org-1', name: 'a2', inheritedRoleNames: ['c'] } })).field).toBe('inheritedRoleNames.0');
    expect(await call<Loose[]>('roles.list', {})).toHaveLength(3);
  });

  it('roles.validate checks a draft as the editor types, without saving, with its effective permissions', async () => {
    const { role, call } = await withOrgs();
    await role('base', 'org-1', { permissions: [perm('model:read')] });
    const result = await call<{ issues: unknown[]; effectivePermissions: unknown[]; unpublishedInherited: string[] }>('roles.validate', {
      draft: { scope: 'organization', organizationId: 'org-1', name: 'new', permissions: [perm('tag:read')], inheritedRoleNames: ['base', 'Model Owner'] },
    });
    expect(result.issues).toEqual([]);
    expect(result.effectivePermissions).toEqual([
      { resource: 'model', action: 'read', via: ['new', 'base'] },
      { resource: 'tag', action: 'read', via: ['new'] },
    ]);
    expect(result.unpublishedInherited).toEqual(['Model Owner']);
    const bad = await call<{ issues: Array<{ field: string }> }>('roles.validate', { draft: { scope: 'organization', name: '' } });
    expect(bad.issues.map((i) => i.field)).toContain('name');
    expect(await call<Loose[]>('roles.list', {})).toHaveLength(1);
  });
});
