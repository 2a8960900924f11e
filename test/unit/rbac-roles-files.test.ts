import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AuditEntry } from '../../main/contract/index.js';
import { perm, rbacSetup, type Loose } from '../support/rbac-setup.js';

const arthurBody = JSON.stringify({
  roles: [
    { role_name: 'role1', permissions: [perm('model:read'), perm('tag:read')] },
    { role_name: 'role2', permissions: [perm('raw_data:read')], inherited_role_names: ['role1'] },
    { role_name: 'role3', inherited_role_names: ['Model Owner'] },
  ],
});
const globalYaml = `globalRoleDefs:
  - name: "idp-admin"
    permissions:
      custom_roles: [read, write, delete]
      organization_global: [read, write]
      organization: [read, delete]
`;

async function withOrg() {
  const s = rbacSetup();
  await s.call('orgs.create', { id: 'org-1', name: 'Research' });
  return s;
}

describe('roles import / export', () => {
  it('imports an Arthur roles body into an organization (roles may inherit each other) and exports it back identically', async () => {
    const { call } = await withOrg();
    expect(await call('roles.import', { content: arthurBody, organization: 'Research' })).toEqual({ created: ['role1', 'role2', 'role3'], replaced: [], scope: 'organization' });
    const role2 = (await call<Loose[]>('roles.list', {})).find((r) => r.name === 'role2');
    expect(role2?.effectivePermissions).toEqual([
      { resource: 'model', action: 'read', via: ['role2', 'role1'] },
      { resource: 'raw_data', action: 'read', via: ['role2'] },
      { resource: 'tag', action: 'read', via: ['role2', 'role1'] },
    ]);
    const exported = await call<{ content: string; filename: string }>('roles.export', { organization: 'org-1', format: 'arthur-json' });
    expect(exported.filename).toBe('arthur-roles-research.json');
    const expected = JSON.parse(arthurBody) as { roles: Array<Record<string, unknown>> };
    expect(JSON.parse(exported.content)).toEqual({ roles: expected.roles.map((r) => ({ permissions: [], inherited_role_names: [], ...r })) });
  });

  it('imports globalRoleDefs YAML (or a whole Arthur IdP YAML) and exports it with every string quoted', async () => {
    const { call } = await withOrg();
    expect(await call('roles.import', { content: globalYaml })).toEqual({ created: ['idp-admin'], replaced: [], scope: 'global' });
    const idpYaml = `version: v2\nkind: OIDC\nconfig:\n  discoveryBaseURL: https://idp.example.com\n  globalRoleDefs:\n    - name: "on"\n      permissions:\n        system_config: [write]\n`;
    expect(await call('roles.import', { content: idpYaml })).toMatchObject({ created: ['on'] });
    const { content } = await call<{ content: string }>('roles.export', { format: 'global-yaml' });
    expect(content).toContain('- name: "on"');
    expect(content).toContain('- "read"');
    expect(parse(content)).toEqual({
      globalRoleDefs: [
        { name: 'idp-admin', permissions: { custom_roles: ['read', 'write', 'delete'], organization_global: ['read', 'write'], organization: ['read', 'delete'] } },
        { name: 'on', permissions: { system_config: ['write'] } },
      ],
    });
  });

  it('YAML 1.1 surprises stay text: `yes`, `on`, `no` are names/actions, not booleans (then refused as unknown actions)', async () => {
    const { fail, call } = await withOrg();
    const error = await fail('roles.import', { content: 'globalRoleDefs:\n  - name: no\n    permissions:\n      model: [yes]\n' });
    expect(error.issues).toEqual([{ field: 'globalRoleDefs.0.permissions.model', message: expect.stringContaining('no action "yes"') }]);
    expect(await call<Loose[]>('roles.list', {})).toEqual([]);
    const typed = await fail('roles.import', { content: 'globalRoleDefs:\n  - name: true\n' });
    expect(typed).toMatchObject({ field: 'globalRoleDefs.0.name', message: expect.stringContaining('quote it') });
  });

  it('alias bombs, DOCTYPE/XML, duplicate keys and unknown keys are refused with their path; nothing is stored', async () => {
    const { fail, call } = await withOrg();
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nglobalRoleDefs: [*d]\n';
    expect((await fail('roles.import', { content: bomb })).message).toMatch(/alias/i);
    expect((await fail('roles.import', { content: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><roles/>' })).message).toContain('looks like XML');
    expect((await fail('roles.import', { content: 'globalRoleDefs: []\nglobalRoleDefs: []\n' })).message).toMatch(/unique/i);
    const unknown = await fail('roles.import', { content: JSON.stringify({ roles: [{ role_name: 'x', permission: [] }] }), organization: 'org-1' });
    expect(unknown).toMatchObject({ field: 'roles.0.permission', message: expect.stringContaining('unknown key "permission"') });
    expect((await fail('roles.import', { content: JSON.stringify({ rolez: [] }) })).message).toContain('Neither "roles"');
    expect(await call<Loose[]>('roles.list', {})).toEqual([]);
  });

  it('all or nothing: one bad role refuses the whole file, naming it as the file spells it', async () => {
    const { fail, call } = await withOrg();
    const body = JSON.stringify({ roles: [{ role_name: 'ok' }, { role_name: 'bad', permissions: [perm('organization_global:write')], inherited_role_names: ['Nobody'] }] });
    const error = await fail('roles.import', { content: body, organization: 'org-1' });
    expect(error.issues?.map((i) => i.field)).toEqual(['roles.1.permissions.0', 'roles.1.inherited_role_names.0']);
    expect(await call<Loose[]>('roles.list', {})).toEqual([]);
    expect((await fail('roles.import', { content: arthurBody })).field).toBe('organization');
    expect((await fail('roles.import', { content: globalYaml, organization: 'org-1' })).field).toBe('organization');
  });

  it('existing names are refused unless replace, which overwrites in place', async () => {
    const { fail, call } = await withOrg();
    await call('roles.import', { content: arthurBody, organization: 'org-1' });
    expect((await fail('roles.import', { content: arthurBody, organization: 'org-1' })).issues?.[0]).toMatchObject({ field: 'roles.0.role_name', message: expect.stringContaining('--replace') });
    const before = (await call<Loose[]>('roles.list', {})).find((r) => r.name === 'role1');
    const changed = JSON.stringify({ roles: [{ role_name: 'role1', permissions: [perm('model:write')] }] });
    expect(await call('roles.import', { content: changed, organization: 'org-1', replace: true })).toEqual({ created: [], replaced: ['role1'], scope: 'organization' });
    const after = (await call<Loose[]>('roles.list', {})).find((r) => r.name === 'role1');
    expect(after).toMatchObject({ id: before?.id, permissions: [perm('model:write')] });
  });
});

describe('role and organization changes', () => {
  it('a rename is followed by the roles that inherit it; a role is not removed while inherited; every change is audited', async () => {
    const { call, fail, role, ports } = await withOrg();
    const base = await role('base', 'org-1', { permissions: [perm('model:read')] });
    await role('child', 'org-1', { inheritedRoleNames: ['base'] });
    await call('roles.update', { id: base.id, draft: { scope: 'organization', organizationId: 'org-1', name: 'base-v2', permissions: [perm('model:read')] } });
    expect(await call('roles.get', { ref: 'child' })).toMatchObject({ inheritedRoleNames: ['base-v2'], effectivePermissions: [{ resource: 'model', action: 'read', via: ['child', 'base-v2'] }] });
    expect(await fail('roles.remove', { ref: 'base-v2' })).toMatchObject({ code: 'conflict', message: expect.stringContaining('inherited by "child"') });
    await call('roles.remove', { ref: 'child' });
    await call('roles.remove', { ref: 'BASE-V2' });
    const actions = (await call<AuditEntry[]>('audit.list', { limit: 20 })).map((e) => `${e.action} ${e.subject}`).reverse();
    expect(actions).toEqual(['orgs.create org-1', 'roles.create base', 'roles.create child', 'roles.update base-v2', 'roles.remove child', 'roles.remove base-v2']);
    expect(ports.store.audit.list({ limit: 10 }).find((e) => e.action === 'roles.update')?.detail).toMatchObject({ renamedIn: ['child'] });
  });

  it('organizations: unique names, renamed, removal refused while they have roles unless withRoles', async () => {
    const { call, fail, role } = await withOrg();
    expect(await fail('orgs.create', { id: 'org-2', name: 'research' })).toMatchObject({ code: 'conflict', field: 'name' });
    expect(await fail('orgs.create', { id: 'org-1', name: 'Other' })).toMatchObject({ code: 'conflict', field: 'id' });
    const generated = await call('orgs.create', { name: 'Generated' });
    expect(generated.id).toMatch(/^[0-9a-f-]{36}$/);
    await role('r1', 'org-1');
    expect(await call('orgs.update', { ref: 'Research', name: 'R&D' })).toMatchObject({ id: 'org-1', name: 'R&D', roleCount: 1 });
    expect(await fail('orgs.remove', { ref: 'org-1' })).toMatchObject({ code: 'conflict', message: expect.stringContaining('r1') });
    expect(await call('orgs.remove', { ref: 'R&D', withRoles: true })).toEqual({ id: 'org-1', removedRoles: ['r1'] });
    expect(await call<Loose[]>('orgs.list', {})).toEqual([expect.objectContaining({ name: 'Generated', roleCount: 0 })]);
    expect(await call<Loose[]>('roles.list', {})).toEqual([]);
  });

  it('the catalogue lists resources with group and scope, and built-ins say when their permissions are unpublished', async () => {
    const { call } = rbacSetup();
    const catalogue = await call<{ resources: Array<{ resource: string; scope: string }>; builtIns: Array<{ name: string; permissionsKnown: boolean; permissions: unknown[] }> }>('roles.catalogue', {});
    expect(catalogue.resources.find((r) => r.resource === 'organization_global')).toMatchObject({ scope: 'global', group: 'Organization and users' });
    expect(catalogue.builtIns.find((b) => b.name === 'Model Owner')).toMatchObject({ permissionsKnown: false, permissions: [] });
    expect(catalogue.builtIns.find((b) => b.name === 'Super Admin')?.permissions.length).toBeGreaterThan(60);
  });
});
