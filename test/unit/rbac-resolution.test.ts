import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AccessDecision } from '../../main/contract/index.js';
import { perm, rbacSetup, type Loose } from '../support/rbac-setup.js';

const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const connection = (displayName: string, groupSync: Record<string, unknown> = {}) => ({
  protocol: 'oidc',
  provider: 'okta',
  displayName,
  platform: 'arthur',
  webappUrl: 'https://arthur.example.com/some/path',
  oidc: { clientId: 'client-1', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys`, groupSync: { enabled: true, ...groupSync } },
});

/** Two orgs, a chain of inheritance, a global admin role. */
async function installation() {
  const s = rbacSetup();
  await s.call('orgs.create', { id: 'org-1', name: 'Research' });
  await s.call('orgs.create', { id: 'org-2', name: 'Sales' });
  await s.call('orgs.create', { id: 'org-3', name: 'Empty' });
  await s.role('research-readers', 'org-1', { permissions: [perm('model:read')] });
  await s.role('research-writers', 'org-1', { permissions: [perm('model:write')], inheritedRoleNames: ['research-readers'] });
  await s.role('research-leads', 'org-1', { inheritedRoleNames: ['research-writers'] });
  await s.role('sales-owners', 'org-2', { inheritedRoleNames: ['Model Owner'] });
  await s.role('sales-super', 'org-2', { inheritedRoleNames: ['Super Admin'] });
  await s.role('idp-admin', null, { permissions: [perm('organization_global:write'), perm('custom_roles:read')] });
  await s.call('connections.create', connection('Arthur'));
  const check = (groups: unknown, permission: string, over: Record<string, unknown> = {}) =>
    s.call<AccessDecision>('access.check', { ref: 'Arthur', source: { kind: 'claims', claims: { sub: 'u', groups } }, permission: perm(permission), ...over });
  return { ...s, check };
}

describe('access decisions (groups → roles → organization → permission)', () => {
  it('extra groups are ignored; one matching group is enough; the chain names every inherited role', async () => {
    const { check } = await installation();
    const decision = await check(['everyone', 'research-leads', 'vpn-users'], 'model:read');
    expect(decision).toMatchObject({
      allowed: true,
      decision: 'allowed',
      organization: { id: 'org-1', name: 'Research', selectedBy: 'single' },
      roles: ['research-leads'],
      unmatchedGroups: ['everyone', 'vpn-users'],
      organizations: [{ id: 'org-1', name: 'Research' }],
      deepLinks: [],
    });
    expect(decision.path.filter((s) => s.decisive).map((s) => `${s.kind}:${s.label}`)).toEqual([
      'claim:claim groups',
      'organization:Research',
      'group:research-leads',
      'role:research-leads',
      'inherited:research-writers',
      'inherited:research-readers',
      'permission:model:read',
    ]);
    expect(decision.explanation.join('\n')).toContain('"research-leads" → "research-writers" → "research-readers" grants model:read');
  });

  it('no group matching a role: denied with Arthur\'s reason', async () => {
    const { check } = await installation();
    const decision = await check(['everyone'], 'model:read');
    expect(decision).toMatchObject({ allowed: false, decision: 'denied', organization: null, roles: [] });
    expect(decision.explanation.join(' ')).toContain('at least one group must match a role');
  });

  it('several organizations: header, else session, else denied with deep links on the platform host', async () => {
    const { check } = await installation();
    const groups = ['research-readers', 'sales-owners'];
    const none = await check(groups, 'model:read');
    expect(none).toMatchObject({ decision: 'denied', organization: null });
    expect(none.deepLinks).toEqual([
      { organizationId: 'org-1', url: 'https://arthur.example.com/?organization_id=org-1' },
      { organizationId: 'org-2', url: 'https://arthur.example.com/?organization_id=org-2' },
    ]);
    expect(await check(groups, 'model:read', { organization: 'org-1' })).toMatchObject({ decision: 'allowed', organization: { id: 'org-1', selectedBy: 'header' } });
    expect(await check(groups, 'model:read', { sessionOrganization: 'Research' })).toMatchObject({ decision: 'allowed', organization: { id: 'org-1', selectedBy: 'session' } });
    // The header wins over the session.
    expect(await check(groups, 'model:write', { organization: 'org-1', sessionOrganization: 'org-2' })).toMatchObject({ decision: 'denied', organization: { id: 'org-1', selectedBy: 'header' } });
  });

  it('an organization the user cannot reach (or that does not exist) is not_found, as the platform\'s 404', async () => {
    const { check } = await installation();
    expect(await check(['research-readers'], 'model:read', { organization: 'org-2' })).toMatchObject({ allowed: false, decision: 'not_found', organization: null });
    expect(await check(['research-readers'], 'model:read', { sessionOrganization: 'nowhere' })).toMatchObject({ decision: 'not_found' });
  });

  it('only an unpublished built-in could grant it: undetermined, never invented; Super Admin grants everything in its org', async () => {
    const { check } = await installation();
    const decision = await check(['sales-owners'], 'raw_data:write');
    expect(decision).toMatchObject({ allowed: false, decision: 'undetermined' });
    expect(decision.explanation.join(' ')).toContain('"Model Owner"');
    expect(await check(['sales-super'], 'raw_data:write')).toMatchObject({ decision: 'allowed', organization: { id: 'org-2' } });
  });

  it('installation-wide permissions come only from global roles; a global role reaches every organization', async () => {
    const { check } = await installation();
    expect(await check(['idp-admin'], 'organization_global:write')).toMatchObject({ decision: 'allowed', organization: null });
    expect(await check(['sales-super'], 'organization_global:write')).toMatchObject({ decision: 'denied' });
    const crossOrg = await check(['idp-admin'], 'custom_roles:read', { organization: 'Empty' });
    expect(crossOrg).toMatchObject({ decision: 'allowed', organization: { id: 'org-3' } });
    expect(crossOrg.organizations).toHaveLength(3);
  });

  it('case-insensitive matching only when the connection says so', async () => {
    const { call, check } = await installation();
    expect(await check(['RESEARCH-READERS'], 'model:read')).toMatchObject({ decision: 'denied', unmatchedGroups: ['RESEARCH-READERS'] });
    await call('connections.create', connection('Lenient', { caseSensitive: false }));
    const lenient = await call<AccessDecision>('access.check', { ref: 'Lenient', source: { kind: 'claims', claims: { groups: ['RESEARCH-READERS'] } }, permission: perm('model:read') });
    expect(lenient).toMatchObject({ decision: 'allowed', roles: ['research-readers'] });
  });

  it('nested and quoted claim paths find the groups (realm_access.roles, "https://example.com/claims/groups")', async () => {
    const { call } = await installation();
    await call('connections.create', connection('Keycloak', { claim: 'realm_access.roles' }));
    await call('connections.create', connection('Auth0', { claim: '"https://example.com/claims/groups"' }));
    const nested = await call<AccessDecision>('access.check', { ref: 'Keycloak', source: { kind: 'claims', claims: { realm_access: { roles: ['research-readers'] } } }, permission: perm('model:read') });
    expect(nested).toMatchObject({ decision: 'allowed', groups: ['research-readers'] });
    const quoted = await call<AccessDecision>('access.check', { ref: 'Auth0', source: { kind: 'claims', claims: { 'https://example.com/claims/groups': 'research-readers' } }, permission: perm('model:read') });
    expect(quoted).toMatchObject({ decision: 'allowed', groups: ['research-readers'] });
    expect(quoted.path[0]).toEqual({ kind: 'claim', label: 'claim "https://example.com/claims/groups"', decisive: true });
  });

  it('an unknown permission or a run that is not in History is bad input naming the field', async () => {
    const { fail, call } = await installation();
    expect(await fail('access.check', { ref: 'Arthur', source: { kind: 'claims', claims: {} }, permission: perm('model:fly') })).toMatchObject({ code: 'invalid_input', field: 'permission' });
    expect(await fail('access.check', { ref: 'Arthur', source: { kind: 'run', runId: 'nope' }, permission: perm('model:read') })).toMatchObject({ code: 'not_found', field: 'source.runId' });
    expect(await call<Loose[]>('roles.list', { organization: 'Research' })).toHaveLength(3);
  });

  it('whoGrants answers the other way round, shortest chain first', async () => {
    const { call } = await installation();
    const grants = await call<Array<{ group: string; via: string[] }>>('access.whoGrants', { permission: perm('model:read'), organization: 'Research' });
    expect(grants).toEqual([
      { group: 'research-readers', role: 'research-readers', scope: 'organization', via: ['research-readers'] },
      { group: 'research-writers', role: 'research-writers', scope: 'organization', via: ['research-writers', 'research-readers'] },
      { group: 'research-leads', role: 'research-leads', scope: 'organization', via: ['research-leads', 'research-writers', 'research-readers'] },
    ]);
    expect(await call('access.whoGrants', { permission: perm('organization_global:write'), organization: 'Sales' })).toEqual([
      { group: 'idp-admin', role: 'idp-admin', scope: 'global', via: ['idp-admin'] },
    ]);
  });

  it('an unverifiable token is still decided on its claims, saying its checks failed; a History run works the same', async () => {
    const { call, clock } = await installation();
    const now = Math.floor(clock.now().getTime() / 1000);
    const forged = await new SignJWT({ aud: 'client-1', sub: 'eve', iat: now, exp: now + 60, groups: ['research-readers'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign((await generateKeyPair('RS256')).privateKey);
    const fromToken = await call<AccessDecision>('access.check', { ref: 'Arthur', source: { kind: 'idToken', token: forged }, permission: perm('model:read') });
    expect(fromToken).toMatchObject({ decision: 'allowed', groups: ['research-readers'] });
    expect(fromToken.explanation[0]).toMatch(/^The ID token failed 2 check\(s\) \(oidc\.id_token\.signature, oidc\.id_token\.iss\): the platform would refuse this login/);
    expect(await call('history.list', { limit: 5 })).toEqual([]); // deciding records nothing
    await call('tests.inspect', { ref: 'Arthur', idToken: forged });
    const [run] = await call<Array<{ runId: string }>>('history.list', { limit: 5 });
    const fromRun = await call<AccessDecision>('access.check', { ref: 'Arthur', source: { kind: 'run', runId: run?.runId }, permission: perm('model:read') });
    expect(fromRun).toMatchObject({ decision: 'allowed', groups: ['research-readers'] });
    expect(fromRun.explanation[0]).toContain('failed 2 check(s)');
  });
});
