import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `ssowb orgs|roles|access` as a pipeline runs them: the built CLI, a private data dir, files on disk.
const built = existsSync('dist/main/cli.mjs');
if (!built) console.warn('rbac CLI tests skipped: dist/main/cli.mjs is missing (run `node scripts/build.mjs --quiet`).');

describe.skipIf(!built)('ssowb orgs / roles / access', () => {
  let dir: string;
  const ssowb = (args: string[]) => spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', join(dir, 'data'), ...args], { encoding: 'utf8', timeout: 20_000 });
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssowb-rbac-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('orgs add / list, with --json; a duplicate name exits 2 naming the field', () => {
    expect(ssowb(['orgs', 'list']).stdout).toContain('No organizations yet');
    const added = ssowb(['orgs', 'add', '--id', 'org-1', '--name', 'Research', '--json']);
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 'org-1', name: 'Research', roleCount: 0 });
    expect(ssowb(['orgs', 'add', '--id', 'org-2', '--name', 'Sales']).stdout).toBe('Added organization Sales (org-2).\n');
    expect(JSON.parse(ssowb(['orgs', 'list', '--json']).stdout).map((o: { id: string }) => o.id)).toEqual(['org-1', 'org-2']);
    const clash = ssowb(['orgs', 'add', '--id', 'org-3', '--name', 'research', '--json']);
    expect(clash.status).toBe(2);
    expect(JSON.parse(clash.stdout)).toMatchObject({ error: { code: 'conflict', field: 'name' } });
  });

  it('roles import (Arthur body with --org, globalRoleDefs YAML), list --json, export both formats to files', () => {
    const body = file('roles.json', JSON.stringify({ roles: [{ role_name: 'ml-engineers', permissions: [{ resource: 'model', action: 'read' }] }, { role_name: 'ml-leads', permissions: [{ resource: 'model', action: 'write' }], inherited_role_names: ['ml-engineers'] }] }));
    const globals = file('global.yaml', 'globalRoleDefs:\n  - name: idp-admin\n    permissions:\n      organization_global: [read, write]\n');
    expect(ssowb(['roles', 'import', body]).status).toBe(2); // an Arthur body needs --org
    const imported = ssowb(['roles', 'import', body, '--org', 'Research', '--json']);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ created: ['ml-engineers', 'ml-leads'], replaced: [], scope: 'organization' });
    expect(ssowb(['roles', 'import', globals]).stdout).toBe('Imported 1 global role(s): 1 created, 0 replaced.\n');
    const again = ssowb(['roles', 'import', body, '--org', 'Research']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/roles\.0\.role_name: A role named "ml-engineers" already exists/);
    expect(ssowb(['roles', 'import', body, '--org', 'Research', '--replace']).stdout).toContain('0 created, 2 replaced');

    const listed = JSON.parse(ssowb(['roles', 'list', '--org', 'org-1', '--json']).stdout) as Array<{ name: string; effectivePermissions: unknown[] }>;
    expect(listed.map((r) => r.name)).toEqual(['ml-engineers', 'ml-leads']);
    expect(listed[1]?.effectivePermissions).toEqual([{ resource: 'model', action: 'read', via: ['ml-leads', 'ml-engineers'] }, { resource: 'model', action: 'write', via: ['ml-leads'] }]);
    expect(ssowb(['roles', 'list']).stdout).toMatch(/^idp-admin {2}\[global\]/);

    const out = join(dir, 'export.json');
    expect(ssowb(['roles', 'export', '--org', 'Research', '--format', 'arthur-json', '--out', out]).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).roles[1]).toEqual({ role_name: 'ml-leads', permissions: [{ resource: 'model', action: 'write' }], inherited_role_names: ['ml-engineers'] });
    expect(ssowb(['roles', 'export', '--format', 'global-yaml']).stdout).toBe('globalRoleDefs:\n  - name: "idp-admin"\n    permissions:\n      organization_global:\n        - "read"\n        - "write"\n');
    const bad = ssowb(['roles', 'export', '--format', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/format/);
  });

  it('access: exit 0 allowed, 1 denied, 2 bad input; --json prints the decision', () => {
    const connection = file('conn.json', JSON.stringify({
      format: 'sso-workbench/connection@1',
      exportedAt: '2026-01-01T00:00:00.000Z',
      validation: { validatedAt: null, lastTest: null, current: false, settingsDigest: 'x' },
      connection: {
        id: '6a0c6f5e-58b8-4a0a-9d43-0d2d1a4a1b11', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
        protocol: 'oidc', provider: 'keycloak', displayName: 'KC', platform: 'arthur',
        oidc: { clientId: 'x', authorizationEndpoint: 'https://kc.example.com/auth', tokenEndpoint: 'https://kc.example.com/token', jwksUri: 'https://kc.example.com/certs', tokenEndpointAuthMethod: 'none', groupSync: { enabled: true, claim: 'realm_access.roles' } },
      },
    }));
    expect(ssowb(['connections', 'import', connection]).stderr).toBe('');
    const claims = file('claims.json', JSON.stringify({ sub: 'alice', realm_access: { roles: ['offline_access', 'ml-leads'] } }));
    const allowed = ssowb(['access', 'KC', '--claims', claims, '--permission', 'model:write', '--json']);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ allowed: true, organization: { id: 'org-1', name: 'Research' }, explanation: expect.arrayContaining([expect.stringContaining('"ml-leads" grants model:write')]) });
    const denied = ssowb(['access', 'KC', '--claims', claims, '--permission', 'tag:read']);
    expect(denied.status).toBe(1);
    expect(denied.stdout).toMatch(/^DENIED {2}tag:read in Research/);
    const notFound = ssowb(['access', 'KC', '--claims', claims, '--permission', 'model:read', '--org', 'Sales', '--json']);
    expect(notFound.status).toBe(1);
    expect(JSON.parse(notFound.stdout)).toMatchObject({ allowed: false, decision: 'not_found' });

    expect(ssowb(['access', 'KC', '--permission', 'model:read']).status).toBe(2);
    expect(ssowb(['access', 'KC', '--claims', claims, '--permission', 'model']).stderr).toMatch(/--permission: "model" is not resource:action/);
    expect(ssowb(['access', 'KC', '--claims', file('bad.json', '{'), '--permission', 'model:read']).stderr).toMatch(/--claims: not valid JSON/);
    const unknownPermission = ssowb(['access', 'KC', '--claims', claims, '--permission', 'model:fly', '--json']);
    expect(unknownPermission.status).toBe(2);
    expect(JSON.parse(unknownPermission.stdout)).toMatchObject({ error: { field: 'permission' } });
  });
});
