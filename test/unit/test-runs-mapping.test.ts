import { describe, expect, it } from 'vitest';
import { detectGroupsOverage, normaliseGroups } from '../../main/core/test-runs/groups.js';
import { mapClaims, type ClaimMappingInput } from '../../main/core/test-runs/mapping.js';
import { requirePlatformFields } from '../../main/core/test-runs/verdict-common.js';

const defaults: Omit<ClaimMappingInput, 'claims'> = {
  origins: {},
  mappings: { userId: 'sub', email: 'email', name: 'name', givenName: 'given_name', familyName: 'family_name', picture: 'picture' },
  emailVerification: false,
  groupSync: { enabled: true, claim: 'groups', caseSensitive: true },
  provider: 'custom',
};
const map = (claims: Record<string, unknown>, over: Partial<ClaimMappingInput> = {}) => mapClaims({ ...defaults, ...over, claims });
const checkOf = (result: ReturnType<typeof mapClaims>, id: string) => result.checks.find((c) => c.id === id);

describe('claim mapping', () => {
  it('maps every field through its claim path and says where each value came from', () => {
    const result = map(
      { sub: 'u-1', email: 'a@example.test', name: 'A B', given_name: 'A', family_name: 'B', picture: 'https://x/p.png', groups: ['g1'] },
      { origins: { sub: 'id_token', email: 'userinfo' } },
    );
    expect(result.user).toEqual({ userId: 'u-1', email: 'a@example.test', name: 'A B', givenName: 'A', familyName: 'B', picture: 'https://x/p.png' });
    expect(checkOf(result, 'mapping.userId')).toMatchObject({ status: 'pass', message: 'userId = "u-1" (claim "sub", from the id token).' });
    expect(checkOf(result, 'mapping.email')?.message).toContain('from the userinfo');
    expect(result.checks.map((c) => c.id)).toEqual([
      'mapping.userId', 'mapping.email', 'mapping.name', 'mapping.givenName', 'mapping.familyName', 'mapping.picture', 'mapping.email_verified', 'mapping.groups',
    ]);
  });

  it('follows nested and quoted claim paths (Keycloak realm roles, Cognito groups, URL-named claims)', () => {
    const claims = { sub: 's', realm_access: { roles: ['admin'] }, 'cognito:groups': ['c1', 'c2'], 'https://example.com/claims': { email: 'e@x.test' } };
    expect(map(claims, { groupSync: { enabled: true, claim: 'realm_access.roles', caseSensitive: true } }).groups).toEqual(['admin']);
    expect(map(claims, { groupSync: { enabled: true, claim: '"cognito:groups"', caseSensitive: true } }).groups).toEqual(['c1', 'c2']);
    expect(map(claims, { mappings: { ...defaults.mappings, email: '"https://example.com/claims".email' } }).user.email).toBe('e@x.test');
  });

  it('a missing user id fails with a hint listing the claims received; other missing claims warn', () => {
    const result = map({ oid: 'x', email: 'a@example.test' }, { mappings: { ...defaults.mappings, userId: 'employee_id' } });
    expect(checkOf(result, 'mapping.userId')).toMatchObject({ status: 'fail', message: 'userId is empty: the claim "employee_id" is not in the claims.' });
    expect(checkOf(result, 'mapping.userId')?.hint).toContain('looked up in: oid, email');
    expect(checkOf(result, 'mapping.name')).toMatchObject({ status: 'warn', hint: expect.stringContaining('"profile" scope') });
    expect(result.user.userId).toBeNull();
  });

  it('a missing email fails when email verification is on, and names Entra ID’s alternatives', () => {
    const result = map({ sub: 's' }, { emailVerification: true, provider: 'azure' });
    expect(checkOf(result, 'mapping.email')).toMatchObject({ status: 'fail', hint: expect.stringContaining('preferred_username') });
  });

  it('unmapped fields are skipped; lists give their first value; odd values are said so', () => {
    const result = map({ sub: 7, emails: ['first@x.test', 'second@x.test'], name: 'n' }, { mappings: { ...defaults.mappings, email: 'emails', picture: '' } });
    expect(result.user.userId).toBe('7');
    expect(checkOf(result, 'mapping.userId')?.message).toContain('a number, used as text');
    expect(result.user.email).toBe('first@x.test');
    expect(checkOf(result, 'mapping.email')?.message).toContain('first of 2 values');
    expect(checkOf(result, 'mapping.picture')).toMatchObject({ status: 'skip' });
    expect(checkOf(map({ sub: 's', email: 'not-an-email' }), 'mapping.email')?.status).toBe('warn');
  });
});

describe('email_verified policy', () => {
  const verified = (value: unknown) => checkOf(map({ sub: 's', email: 'a@x.test', ...(value === undefined ? {} : { email_verified: value }) }, { emailVerification: true }), 'mapping.email_verified');
  it('passes for true and the string "true" (Cognito), saying so', () => {
    expect(verified(true)).toMatchObject({ status: 'pass', hint: '' });
    expect(verified('true')).toMatchObject({ status: 'pass', message: expect.stringContaining('string "true"') });
  });
  it('fails for false and for an absent claim, each with its own fix', () => {
    expect(verified(false)).toMatchObject({ status: 'fail', message: expect.stringContaining('email_verified is false for a@x.test'), hint: expect.stringContaining('verify their email') });
    expect(verified(undefined)).toMatchObject({ status: 'fail', message: expect.stringContaining('no email_verified claim'), hint: expect.stringContaining('"email" scope') });
  });
  it('is skipped, with the value shown, when verification is off', () => {
    expect(checkOf(map({ sub: 's', email_verified: false }), 'mapping.email_verified')).toMatchObject({ status: 'skip', message: expect.stringContaining('false') });
  });
});

describe('groups', () => {
  it('normalises a single string, a list, numbers, blanks, duplicates and junk', () => {
    expect(normaliseGroups('viewers')).toEqual({ groups: ['viewers'], shape: 'string', dropped: 0, duplicates: 0 });
    expect(normaliseGroups([' a ', 'b', 'a', '', 42, null, { x: 1 }])).toEqual({ groups: ['a', 'b', '42'], shape: 'list', dropped: 2, duplicates: 1 });
    expect(normaliseGroups(['Admins', 'admins'], { caseSensitive: false }).groups).toEqual(['Admins']);
    expect(normaliseGroups(undefined).shape).toBe('absent');
    expect(normaliseGroups({ not: 'a list' })).toMatchObject({ groups: [], dropped: 1 });
  });

  it('mapping.groups passes with the list, notes a single string, and warns about separators', () => {
    expect(checkOf(map({ sub: 's', groups: ['a', 'b'] }), 'mapping.groups')).toMatchObject({ status: 'pass', message: '2 group(s) in "groups": "a", "b".' });
    expect(checkOf(map({ sub: 's', groups: 'viewers' }), 'mapping.groups')?.message).toContain('single string, read as one group');
    expect(checkOf(map({ sub: 's', groups: 'a,b' }), 'mapping.groups')?.message).toContain('contains a separator');
  });

  it('absent groups: warn with sync on, skip with sync off', () => {
    expect(checkOf(map({ sub: 's' }), 'mapping.groups')).toMatchObject({ status: 'warn', hint: expect.stringContaining('Group Membership') });
    expect(checkOf(map({ sub: 's' }, { groupSync: { enabled: false, claim: 'groups', caseSensitive: true } }), 'mapping.groups')?.status).toBe('skip');
  });

  it('detects the Entra ID overage (distributed claims, OIDC Core §5.6.2) and hasgroups, and explains it', () => {
    const overage = { sub: 's', _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/u/getMemberObjects' } } };
    expect(detectGroupsOverage(overage, 'groups')).toEqual({ source: 'src1', endpoint: 'https://graph.microsoft.com/v1.0/users/u/getMemberObjects' });
    expect(detectGroupsOverage({ hasgroups: true }, 'groups')).toEqual({ source: 'hasgroups', endpoint: null });
    expect(detectGroupsOverage({ groups: [] }, 'groups')).toBeNull();
    const result = map(overage, { provider: 'azure' });
    expect(checkOf(result, 'mapping.groups')).toMatchObject({ status: 'fail', message: expect.stringContaining('overage'), hint: expect.stringContaining('200 groups') });
    expect(result.overage?.source).toBe('src1');
    expect(checkOf(map(overage, { groupSync: { enabled: false, claim: 'groups', caseSensitive: true } }), 'mapping.groups')?.status).toBe('warn');
  });

  it('a mapping the platform needs that came back empty fails: email for ClearML, groups with group sync on or for Arthur', () => {
    const bare = map({ sub: 'carol', name: 'Carol' }, { groupSync: { enabled: false, claim: 'groups', caseSensitive: true } });
    const clearml = requirePlatformFields(bare, { platform: 'clearml', groupSync: false, groupsFrom: 'the "groups" claim' });
    expect(clearml.find((c) => c.id === 'mapping.email')).toMatchObject({ status: 'fail', message: expect.stringContaining('ClearML needs an email address') });
    expect(clearml.find((c) => c.id === 'mapping.groups')?.status).toBe('skip');
    const arthur = requirePlatformFields(bare, { platform: 'arthur', groupSync: false, groupsFrom: 'the "groups" claim' });
    expect(arthur.find((c) => c.id === 'mapping.email')?.status).toBe('warn');
    expect(arthur.find((c) => c.id === 'mapping.groups')).toMatchObject({ status: 'fail', message: expect.stringContaining('Arthur authorizes by groups') });
    const synced = requirePlatformFields(map({ sub: 'c', email: 'c@x.test' }), { platform: 'clearml', groupSync: true, groupsFrom: 'the "groups" claim' });
    expect(synced.find((c) => c.id === 'mapping.groups')).toMatchObject({ status: 'fail', message: expect.stringContaining('With group sync on, that fails the run.') });
    const full = map({ sub: 'a', email: 'a@x.test', groups: ['g'] });
    expect(requirePlatformFields(full, { platform: 'arthur', groupSync: true, groupsFrom: 'x' }).filter((c) => c.status === 'fail')).toEqual([]);
  });

  it('does not ask for a scope that was requested: it says the IdP did not release the claim, and where that is set', () => {
    const result = map({ sub: 'c' }, { provider: 'okta', requestedScopes: ['openid', 'profile', 'email'] });
    const hint = checkOf(result, 'mapping.name')?.hint ?? '';
    expect(hint).toContain('The "profile" scope was requested, but the IdP did not release "name"');
    expect(hint).toContain('Okta: Security → API');
    expect(hint).not.toContain('Request the "profile" scope');
    expect(checkOf(map({ sub: 'c' }, { requestedScopes: ['openid'] }), 'mapping.name')?.hint).toContain('Request the "profile" scope');
  });
});
