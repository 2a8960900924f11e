import { describe, expect, it } from 'vitest';
import { formatClaimPath, parseClaimPath, readClaim } from '../../main/core/connections/claim-path.js';

describe('claim paths', () => {
  it('splits nested names on dots', () => {
    expect(parseClaimPath('realm_access.roles')).toEqual(['realm_access', 'roles']);
    expect(parseClaimPath('groups')).toEqual(['groups']);
  });

  it('takes a quoted name whole, dots and colons included', () => {
    expect(parseClaimPath('"https://example.com/claims/groups"')).toEqual(['https://example.com/claims/groups']);
    expect(parseClaimPath('"cognito:groups"')).toEqual(['cognito:groups']);
    expect(parseClaimPath('ext."a.b".c')).toEqual(['ext', 'a.b', 'c']);
    expect(parseClaimPath('"say \\"hi\\""')).toEqual(['say "hi"']);
  });

  it('names the column of an unclosed quote and says how to fix it', () => {
    expect(() => parseClaimPath('"cognito:groups')).toThrow(/column 1 .*add the closing "/);
  });

  it('names the column of an empty segment', () => {
    expect(() => parseClaimPath('realm_access..roles')).toThrow(/Empty name at column 14.*remove the extra dot/);
    expect(() => parseClaimPath('.roles')).toThrow(/column 1/);
    expect(() => parseClaimPath('roles.')).toThrow(/trailing dot at column 6/);
    expect(() => parseClaimPath('')).toThrow(/empty/);
  });

  it('refuses a quote in the middle of a name and text after a closing quote', () => {
    expect(() => parseClaimPath('cog"nito')).toThrow(/Unexpected quote at column 4/);
    expect(() => parseClaimPath('"a"b')).toThrow(/Expected "\." after the quoted name at column 4/);
  });

  it('reads nested and quoted claims, undefined when missing', () => {
    const claims = {
      realm_access: { roles: ['admin'] },
      'https://example.com/groups': ['g1'],
      'cognito:groups': ['c1'],
      'a.b': 'flat',
    };
    expect(readClaim(claims, 'realm_access.roles')).toEqual(['admin']);
    expect(readClaim(claims, '"https://example.com/groups"')).toEqual(['g1']);
    expect(readClaim(claims, '"cognito:groups"')).toEqual(['c1']);
    expect(readClaim(claims, '"a.b"')).toBe('flat');
    expect(readClaim(claims, 'a.b')).toBeUndefined();
    expect(readClaim(claims, 'realm_access.roles.x')).toBeUndefined();
    expect(readClaim(claims, 'toString')).toBeUndefined();
  });

  it('formats segments back, quoting only where needed', () => {
    expect(formatClaimPath(['realm_access', 'roles'])).toBe('realm_access.roles');
    expect(formatClaimPath(['cognito:groups'])).toBe('"cognito:groups"');
    expect(parseClaimPath(formatClaimPath(['https://x.com/g', 'a']))).toEqual(['https://x.com/g', 'a']);
  });
});
