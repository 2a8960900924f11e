import { describe, expect, it } from 'vitest';
import { samlSettingsSchema } from '../../main/contract/schemas/connection-saml.js';
import { firstCnFromDn } from '../../main/core/saml/dn.js';
import { mapSamlAttributes, normalizeSamlAttributes } from '../../main/core/saml/map-attributes.js';

const settings = (groupSync: Record<string, unknown> = {}, attributeMappings: Record<string, unknown> = {}) =>
  samlSettingsSchema.parse({
    idp: { entityId: 'urn:idp', ssoUrl: 'https://idp.example.com/sso' },
    requireSignedAssertions: false,
    attributeMappings: { userId: '$nameid', email: 'mail', name: 'displayName', givenName: 'givenName', familyName: 'sn', ...attributeMappings },
    groupSync: { enabled: true, attribute: 'memberOf', ...groupSync },
  });
const status = (checks: { id: string; status: string }[], id: string) => checks.find((c) => c.id === id)?.status;

describe('normalizeSamlAttributes', () => {
  it('single value → one-element list; lists kept; empty and non-text dropped', () => {
    expect(normalizeSamlAttributes({ a: 'x', b: ['y', 'z'], c: { _: 'text', $: {} }, d: undefined, e: ['', 'v'] })).toEqual({ a: ['x'], b: ['y', 'z'], c: ['text'], d: [], e: ['v'] });
    expect(normalizeSamlAttributes(undefined)).toEqual({});
  });
});

describe('firstCnFromDn', () => {
  it.each([
    ['CN=Admins,OU=Groups,DC=corp', 'Admins'],
    ['cn=lower,dc=corp', 'lower'],
    ['CN=R\\, D,OU=Groups,DC=corp', 'R, D'],
    ['CN=A\\2CB,DC=corp', 'A,B'],
    ['CN="Quoted, Name",DC=corp', 'Quoted, Name'],
    ['OU=Teams,CN=Inner,DC=corp', 'Inner'],
    ['CN=Multi+UID=7,DC=corp', 'Multi'],
    ['CN=Caf\\C3\\A9,DC=corp', 'Café'],
    ['plain-group', null],
    ['OU=NoCn,DC=corp', null],
  ])('%s → %s', (dn, cn) => expect(firstCnFromDn(dn)).toBe(cn));
});

describe('mapSamlAttributes', () => {
  it('alice: NameID user id, fields from attributes, multi-valued groups', () => {
    const result = mapSamlAttributes({
      nameId: { value: 'alice', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' },
      attributes: { mail: ['alice@example.test'], displayName: ['Alice Admin'], givenName: ['Alice'], sn: ['Admin'], memberOf: ['sso-admins', 'ml-engineers'] },
      settings: settings(),
    });
    expect(result.user).toEqual({ userId: 'alice', email: 'alice@example.test', name: 'Alice Admin', givenName: 'Alice', familyName: 'Admin', picture: null });
    expect(result.groups).toEqual(['sso-admins', 'ml-engineers']);
    expect(status(result.checks, 'mapping.userId')).toBe('pass');
    expect(status(result.checks, 'mapping.picture')).toBe('skip');
    expect(status(result.checks, 'mapping.groups')).toBe('pass');
  });

  it('carol: absent attributes are empty, with checks saying so; no groups is a warning', () => {
    const result = mapSamlAttributes({ nameId: { value: 'carol', format: 'x' }, attributes: { displayName: ['Carol'] }, settings: settings() });
    expect(result.user.email).toBeNull();
    expect(result.groups).toEqual([]);
    const email = result.checks.find((c) => c.id === 'mapping.email');
    expect(email).toMatchObject({ status: 'warn', message: expect.stringContaining('"mail" is absent') });
    expect(result.checks.find((c) => c.id === 'mapping.groups')).toMatchObject({ status: 'warn', message: expect.stringContaining('"memberOf" is absent') });
  });

  it('a missing user id fails; multi-valued fields take the first value with a warning', () => {
    const result = mapSamlAttributes({ attributes: { mail: ['a@x', 'b@x'] }, settings: settings() });
    expect(status(result.checks, 'mapping.userId')).toBe('fail');
    expect(result.user.email).toBe('a@x');
    expect(status(result.checks, 'mapping.email')).toBe('warn');
    const byAttr = mapSamlAttributes({ attributes: {}, settings: settings({}, { userId: 'uid' }) });
    expect(byAttr.checks.find((c) => c.id === 'mapping.userId')).toMatchObject({ status: 'fail', hint: expect.stringContaining('$nameid') });
  });

  it('DN → first CN, and case-insensitive de-duplication when the flag is off', () => {
    const attributes = { memberOf: ['CN=Admins,OU=Groups,DC=corp', 'CN=admins,OU=Other,DC=corp', 'CN=R\\, D,DC=corp', 'flat'] };
    expect(mapSamlAttributes({ attributes, settings: settings({ groupNameFromDnCn: true }) }).groups).toEqual(['Admins', 'admins', 'R, D', 'flat']);
    expect(mapSamlAttributes({ attributes, settings: settings({ groupNameFromDnCn: true, caseSensitive: false }) }).groups).toEqual(['Admins', 'R, D', 'flat']);
    expect(mapSamlAttributes({ attributes, settings: settings() }).groups[0]).toBe('CN=Admins,OU=Groups,DC=corp');
  });

  it('group sync off: groups are shown but the check is skipped', () => {
    const result = mapSamlAttributes({ attributes: { memberOf: ['a'] }, settings: settings({ enabled: false }) });
    expect(result.groups).toEqual(['a']);
    expect(status(result.checks, 'mapping.groups')).toBe('skip');
  });
});
