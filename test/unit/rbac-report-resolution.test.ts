import { describe, expect, it } from 'vitest';
import type { Role } from '../../main/contract/index.js';
import { buildSnapshot } from '../../main/core/rbac/snapshot.js';
import { CheckList } from '../../main/core/test-runs/checks.js';
import { buildReport } from '../../main/core/test-runs/report.js';
import { resolveForReport, type ResolutionSubject } from '../../main/core/test-runs/resolution.js';
import { recordMapping } from '../../main/core/test-runs/verdict-common.js';

const at = '2026-11-23T10:00:00.000Z';
const org = (id: string, name: string) => ({ id, name, createdAt: at, updatedAt: at });
const role = (name: string, organizationId: string | null, over: Partial<Role> = {}): Role => ({
  id: `00000000-0000-4000-8000-${String(name.length).padStart(12, '0')}`,
  scope: organizationId ? 'organization' : 'global',
  organizationId,
  name,
  description: '',
  permissions: [],
  inheritedRoleNames: [],
  createdAt: at,
  updatedAt: at,
  ...over,
});
const arthur: ResolutionSubject = { platform: 'arthur', caseSensitive: true, adminGroups: [], groupSyncEnabled: true, groupsSource: 'claim groups', webappUrl: 'https://arthur.example.com' };
const clearml: ResolutionSubject = { ...arthur, platform: 'clearml', adminGroups: ['sso-admins'] };
const snapshot = buildSnapshot(
  [org('o1', 'Research'), org('o2', 'Sales')],
  [
    role('ml-engineers', 'o1', { permissions: [{ resource: 'model', action: 'read' }], inheritedRoleNames: ['Model Owner'] }),
    role('sales', 'o2', { permissions: [{ resource: 'tag', action: 'read' }] }),
    role('idp-admin', null, { permissions: [{ resource: 'organization_global', action: 'read' }] }),
  ],
);

describe('resolution in reports', () => {
  it('Arthur: matched roles, ignored groups, organizations, permissions per org and unpublished built-ins (pass)', () => {
    const { resolution, check } = resolveForReport(snapshot, ['sso-admins', 'ml-engineers'], arthur, []);
    expect(resolution).toMatchObject({
      roles: ['ml-engineers'],
      unmatchedGroups: ['sso-admins'],
      organizations: ['o1'],
      denied: false,
      matches: [{ group: 'ml-engineers', role: 'ml-engineers', scope: 'organization', organizationId: 'o1' }],
      permissions: { o1: ['model:read'] },
      unpublishedRoles: ['Model Owner'],
      clearml: null,
    });
    expect(check).toMatchObject({ id: 'resolution.roles', status: 'pass', message: expect.stringContaining('"ml-engineers" → ml-engineers') });
  });

  it('Arthur: several organizations are named with their deep links; global permissions under "*"', () => {
    const { resolution, check } = resolveForReport(snapshot, ['ml-engineers', 'sales', 'idp-admin'], arthur, []);
    expect(resolution.organizations).toEqual(['o1', 'o2']);
    expect(resolution.permissions['*']).toEqual(['organization_global:read']);
    expect(check.message).toContain('https://arthur.example.com/?organization_id=o2');
  });

  it('Arthur: no group matching a role is a denied login and a failing check with a fix', () => {
    const { resolution, check } = resolveForReport(snapshot, ['viewers'], arthur, []);
    expect(resolution).toMatchObject({ denied: true, roles: [], unmatchedGroups: ['viewers'], reason: expect.stringContaining('at least one group must match a role') });
    expect(check).toMatchObject({ status: 'fail', hint: expect.stringContaining('Create a role named exactly') });
  });

  it('Arthur with no roles defined yet: a warning saying how to add them, not a denial', () => {
    const { resolution, check } = resolveForReport(buildSnapshot([], []), ['viewers'], arthur, []);
    expect(resolution).toMatchObject({ denied: false, unmatchedGroups: ['viewers'] });
    expect(check).toMatchObject({ status: 'warn', hint: expect.stringContaining('ssowb roles import') });
  });

  it('ClearML: the existing platform groups joined (case rule of the connection) and admin via adminGroups', () => {
    const { resolution, check } = resolveForReport(snapshot, ['SSO-Admins', 'ML-Engineers', 'nobody'], { ...clearml, caseSensitive: false }, ['ml-engineers', 'data']);
    expect(resolution.clearml).toEqual({ joinedGroups: ['ml-engineers'], unknownGroups: ['SSO-Admins', 'nobody'], admin: true, adminVia: ['SSO-Admins'] });
    expect(resolution).toMatchObject({ denied: false, roles: [] });
    expect(check.status).toBe('pass');
    const strict = resolveForReport(snapshot, ['SSO-Admins', 'ML-Engineers'], clearml, ['ml-engineers']);
    expect(strict.resolution.clearml).toMatchObject({ joinedGroups: [], admin: false });
    expect(strict.check.status).toBe('warn');
    expect(resolveForReport(snapshot, ['a'], clearml, []).check).toMatchObject({ status: 'skip', hint: expect.stringContaining('Settings → ClearML platform groups') });
    expect(resolveForReport(snapshot, ['a'], { ...clearml, groupSyncEnabled: false }, ['a']).check.status).toBe('skip');
  });

  it('a login refused by its roles alone keeps the resolution (denied, groups listed); any other failure replaces it', () => {
    const build = (groups: string[], extra: Array<[string, 'fail' | 'pass']> = []) => {
      const checks = new CheckList();
      for (const [id, status] of extra) checks.set(id, status, id, '');
      const mapped = recordMapping(checks, { checks: [], user: { userId: 'u', email: null, name: null, givenName: null, familyName: null, picture: null }, groups }, undefined, (g) => resolveForReport(snapshot, g, arthur, []));
      return buildReport({ connection: { id: 'c', name: 'A', protocol: 'oidc' }, source: 'inspect', at, checks: checks.list(['x', 'resolution.roles'], 'n'), claims: {}, claimOrigins: {}, mapped, details: {}, steps: [] });
    };
    const denied = build(['viewers']);
    expect(denied.outcome).toBe('failed');
    expect(denied.resolution).toMatchObject({ denied: true, unmatchedGroups: ['viewers'], reason: expect.stringContaining('none of the 1 group(s) matches a role') });
    const refused = build(['ml-engineers'], [['x', 'fail']]);
    expect(refused.resolution).toMatchObject({ denied: true, roles: [], reason: expect.stringContaining('Login refused: x failed') });
    expect(build(['ml-engineers']).resolution).toMatchObject({ denied: false, roles: ['ml-engineers'] });
  });
});
