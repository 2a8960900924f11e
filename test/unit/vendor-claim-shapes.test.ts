import { describe, expect, it } from 'vitest';
import { mapClaims, type ClaimMappingInput } from '../../main/core/test-runs/mapping.js';

// The claim shapes real IdPs send where no peer can play them (issue 12), and the hint each gives: what to change at
// the vendor. Claims are copied from the vendors' documented token examples (values shortened).
const base: Omit<ClaimMappingInput, 'claims' | 'provider'> = {
  origins: {},
  mappings: { userId: 'sub', email: 'email', name: 'name', givenName: 'given_name', familyName: 'family_name', picture: 'picture' },
  emailVerification: false,
  groupSync: { enabled: true, claim: 'groups', caseSensitive: true },
};
const groupsCheck = (provider: string, claims: Record<string, unknown>, over: Partial<ClaimMappingInput> = {}) => {
  const result = mapClaims({ ...base, provider, ...over, claims });
  return { result, check: result.checks.find((c) => c.id === 'mapping.groups') };
};

describe('vendor claim shapes: groups', () => {
  it('Entra ID groups overage (_claim_names → Microsoft Graph): fail, with the app-registration fix', () => {
    const { check, result } = groupsCheck('azure', {
      sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ', oid: '00000000-0000-0000-66f3-3332eca7ea81',
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/00000000-0000-0000-66f3-3332eca7ea81/getMemberObjects' } },
    });
    expect(result.groups).toEqual([]);
    expect(check).toMatchObject({ status: 'fail', message: expect.stringContaining('graph.microsoft.com') });
    expect(check?.hint).toMatch(/Groups assigned to the application/);
  });

  it('Entra ID implicit-flow overage (hasgroups: true) is caught too', () => {
    const { check } = groupsCheck('azure', { sub: 's', hasgroups: true });
    expect(check).toMatchObject({ status: 'fail', message: expect.stringContaining('hasgroups: true') });
  });

  it('Entra ID GUID groups: a warning that names cannot match, and how to emit names', () => {
    const { check, result } = groupsCheck('azure', { sub: 's', groups: ['8d3f0a5e-1b2c-4d5e-9f60-7a8b9c0d1e2f', '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0'] });
    expect(result.groups).toHaveLength(2);
    expect(check).toMatchObject({ status: 'warn', message: expect.stringContaining('object ID') });
    expect(check?.hint).toMatch(/sAMAccountName/);
    expect(check?.hint).toMatch(/cloud_displayname/);
  });

  it('Okta: no groups in the ID token (they come only from userinfo unless the claim is "Always"): the Okta fix', () => {
    const { check } = groupsCheck('okta', { sub: '00uid4BxXw6I6TV4m0g3', email: 'john.doe@example.com', ver: 1, idp: '00oid' });
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.hint).toMatch(/Include in: ID Token – Always/);
    expect(check?.hint).toMatch(/userinfo/);
  });

  it('Okta: groups read from the userinfo response pass and say where they came from', () => {
    const { check } = groupsCheck('okta', { sub: 'u', groups: ['Everyone', 'ml-engineers'] }, { origins: { groups: 'userinfo' } });
    expect(check).toMatchObject({ status: 'pass', message: expect.stringContaining('from the userinfo') });
  });

  it('Google: no groups claim at all: the hint says Google sign-in never sends groups and what to use instead', () => {
    const { check } = groupsCheck('google', { sub: '110169484474386276334', email: 'a@example.com', email_verified: true, hd: 'example.com' });
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.hint).toMatch(/never sends groups/);
    expect(check?.hint).toMatch(/SAML/);
  });

  it('Cognito: groups under "cognito:groups" while the connection reads "groups": the exact quoted path to set', () => {
    const { check } = groupsCheck('cognito', { sub: 'aaaaaaaa-bbbb', 'cognito:groups': ['ml-admins'], 'cognito:username': 'alice', token_use: 'id' });
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.hint).toContain('"cognito:groups" (1)');
    expect(check?.hint).toContain(`--groups-claim '"cognito:groups"'`);
    const fixed = groupsCheck('cognito', { sub: 's', 'cognito:groups': ['ml-admins'] }, { groupSync: { enabled: true, claim: '"cognito:groups"', caseSensitive: true } });
    expect(fixed.check).toMatchObject({ status: 'pass' });
    expect(fixed.result.groups).toEqual(['ml-admins']);
  });

  it('Keycloak: roles in realm_access.roles and resource_access.<client>.roles: both offered, and the Group Membership mapper', () => {
    const claims = {
      sub: 'f:1', preferred_username: 'alice',
      realm_access: { roles: ['offline_access', 'ml-admin'] },
      resource_access: { clearml: { roles: ['viewer'] }, account: { roles: ['manage-account'] } },
    };
    const { check } = groupsCheck('keycloak', claims);
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.hint).toContain('realm_access.roles (2)');
    expect(check?.hint).toContain('resource_access.clearml.roles (1)');
    expect(check?.hint).toMatch(/Group Membership/);
    const client = groupsCheck('keycloak', claims, { groupSync: { enabled: true, claim: 'resource_access.clearml.roles', caseSensitive: true } });
    expect(client.result.groups).toEqual(['viewer']);
    expect(client.check).toMatchObject({ status: 'pass' });
  });
});
