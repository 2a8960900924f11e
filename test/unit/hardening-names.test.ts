/* eslint-disable no-control-regex -- these tests look for raw control characters in output */
import { describe, expect, it } from 'vitest';
import { displayNameSchema, nameKey, nameSchema, type ConnectionView } from '../../main/contract/index.js';
import { escapeNonPrintable } from '../../main/contract/printable.js';
import { escapingIo, type CliIo } from '../../main/cli/cli-io.js';
import { printConnection, printConnections } from '../../main/cli/printers/connection-printer.js';
import type { CliContext } from '../../main/cli/cli-context.js';
import { createEngine } from '../../main/core/engine.js';
import { createLogger } from '../../main/core/log/logger.js';
import { createFakeIdpTools, createTestPorts } from '../support/fakes.js';

// Finding 1 of the security review: names reach terminals, logs and login pages, so control and bidi characters are
// refused at the contract, uniqueness ignores width variants and invisible characters, and printing escapes the rest.
const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const oidc = (displayName: string) => ({
  protocol: 'oidc',
  provider: 'okta',
  displayName,
  webappUrl: 'https://app.clearml.example.com',
  oidc: { clientId: 'client-1', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys` },
});

const hostile: Array<[string, string, RegExp]> = [
  ['OSC retitle', 'ok\u001b]0;pwned\u0007', /control character U\+001B/],
  ['erase line', 'x\u001b[2K\rfake', /control character U\+001B/],
  ['newline', 'a\nb', /U\+000A/],
  ['carriage return', 'a\rb', /U\+000D/],
  ['tab', 'a\tb', /U\+0009/],
  ['DEL', 'a\u007fb', /U\+007F/],
  ['C1 CSI', 'a\u009b2Jb', /U\+009B/],
  ['right-to-left override', 'admin\u202Etxt.exe', /text-direction control U\+202E/],
  ['isolate', 'a\u2067b', /U\+2067/],
  ['line separator', 'a\u2028b', /U\+2028/],
  ['only invisible', '\u200B\u200B', /no visible characters/],
];

describe('display names refuse control and bidi characters at the contract', () => {
  it.each(hostile)('%s is refused with the code point named', async (_label, name, message) => {
    const parsed = displayNameSchema.safeParse(name);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
    // And through the engine (create, the same schema import uses), nothing stored.
    const ports = createTestPorts();
    const result = await createEngine(ports, { idpTools: createFakeIdpTools() }).invoke('connections.create', oidc(name));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'displayName' } });
    expect(ports.store.connections.list()).toEqual([]);
  });

  it('ordinary international names, emoji with joiners and punctuation are accepted', () => {
    for (const name of ['Okta (prod)', 'Müller & Söhne SSO', 'شركة', '東京 IdP', 'team 👩‍💻', 'a.b-c_d/e']) {
      expect(displayNameSchema.safeParse(name).success, name).toBe(true);
    }
  });

  it('the rule is exported for other names (roles, organisations, targets) with their own label', () => {
    const roleName = nameSchema({ label: 'Role name', max: 64, purpose: 'name the role' });
    expect(roleName.safeParse('ops\u001b[31m').error?.issues[0]?.message).toMatch(/^Role name contains the control character U\+001B/);
    expect(roleName.safeParse('').error?.issues[0]?.message).toBe('Role name is empty: name the role.');
  });
});

describe('uniqueness compares the name key (NFKC, zero-width stripped, case-folded)', () => {
  it('look-alikes share a key', () => {
    expect(nameKey('oidc1\u200B')).toBe(nameKey('oidc1'));
    expect(nameKey('ＯＩＤＣ１')).toBe(nameKey('oidc1'));
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('\uFEFFOkta\u2060')).toBe('okta');
    expect(nameKey('oidc1')).not.toBe(nameKey('oidc2'));
  });

  it.each([
    ['zero-width space', 'oidc1\u200B'],
    ['full-width', 'ｏｉｄｃ1'],
    ['case', 'OIDC1'],
    ['soft hyphen', 'oi\u00ADdc1'],
  ])('a %s variant of an existing name is a conflict', async (_label, variant) => {
    const ports = createTestPorts();
    const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
    expect((await engine.invoke('connections.create', oidc('oidc1'))).ok).toBe(true);
    const again = await engine.invoke('connections.create', oidc(variant));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', field: 'displayName' } });
    expect(ports.store.connections.list()).toHaveLength(1);
    // And the variant finds the original by name (what `connections show <name>` takes).
    expect(await engine.invoke('connections.get', { ref: variant })).toMatchObject({ ok: true, value: { name: 'oidc1' } });
  });
});

describe('the CLI and logs escape anything non-printable, whatever its source', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
    return { io: escapingIo(io), out, err };
  };

  it('a hostile name (e.g. from an older database) prints escaped in list and show', async () => {
    const { io, out } = capture();
    const context = { json: false, io } as unknown as CliContext;
    const created = await createEngine(createTestPorts(), { idpTools: createFakeIdpTools() }).invoke('connections.create', oidc('benign'));
    if (!created.ok) throw new Error(created.error.message);
    const view = created.value as ConnectionView;
    printConnection(context, view);
    const benignLines = out.splice(0).join('').split('\n').filter(Boolean).length;
    const c = { ...view, name: 'x\u001b]0;pwned\u0007\u001b[2K\rOK\u202Egnp.exe' };
    printConnections(context, [c]);
    printConnection(context, c);
    const text = out.join('');
    expect(text).not.toMatch(/[\u001b\u0007\r\u202E]/);
    expect(text).toContain('x\\u001B]0;pwned\\u0007\\u001B[2K\\u000DOK\\u202Egnp.exe');
    expect(text.split('\n').filter(Boolean)).toHaveLength(1 + benignLines); // the output's own line breaks survive
  });

  it('JSON output stays parseable JSON with the same values', () => {
    const { io, out } = capture();
    const value = { claim: 'a\u202Eb\u200Bc\u0085d', nested: ['\u001b[31mred'] };
    printJsonTo(io, value);
    expect(out.join('')).not.toMatch(/[\u202E\u200B\u0085\u001b]/);
    expect(JSON.parse(out.join(''))).toEqual(value);
  });

  it('log lines carry no raw control or bidi characters (IdP claims included)', () => {
    const lines: string[] = [];
    createLogger((line) => lines.push(line)).log('info', 'claims received', { name: 'Eve\u202E\u001b]0;x\u0007', email: 'e\u0085@x' });
    expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202E]/);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ name: 'Eve\u202E\u001b]0;x\u0007', email: 'e\u0085@x' });
  });

  it('escapes each code point once and keeps newlines and ordinary text', () => {
    expect(escapeNonPrintable('a\nb\tc\u200Dd')).toBe('a\nb\\u0009c\u200Dd');
    // Characters outside the BMP (surrogate pairs) pass whole; a bidi override next to one is still escaped.
    expect(escapeNonPrintable('\u{1F600}\u202Ex\u{20BB7}')).toBe('\u{1F600}\\u202Ex\u{20BB7}');
  });
});

function printJsonTo(io: CliIo, value: unknown) {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}

describe('the same rule for organisation, role and target names', () => {
  it.each([
    ['orgs.create', (name: string) => ({ id: 'org-x', name }), 'name'],
    ['roles.create', (name: string) => ({ scope: 'global', name, permissions: [{ resource: 'custom_roles', action: 'read' }] }), 'name'],
    ['targets.add', (name: string) => ({ name, url: 'https://arthur.example.com/' }), 'name'],
  ] as const)('%s refuses control and bidi characters, naming the field', async (operation, input, field) => {
    const engine = createEngine(createTestPorts(), { idpTools: createFakeIdpTools() });
    for (const [name, code] of [['ops\u001b]0;x\u0007', 'U\\+001B'], ['admin\u202Egnp', 'U\\+202E'], ['a\nb', 'U\\+000A']] as const) {
      const result = await engine.invoke(operation, input(name));
      expect(result, `${operation} ${JSON.stringify(name)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) {
        expect(result.error.issues?.some((i) => i.field === field && new RegExp(code).test(i.message)) ?? new RegExp(code).test(result.error.message)).toBe(true);
      }
    }
    expect((await engine.invoke(operation, input('Plain name'))).ok).toBe(true);
  });

  it('uniqueness ignores width variants and invisible characters for organisations, roles and targets', async () => {
    const engine = createEngine(createTestPorts(), { idpTools: createFakeIdpTools() });
    expect((await engine.invoke('orgs.create', { id: 'org-1', name: 'Research' })).ok).toBe(true);
    expect((await engine.invoke('orgs.create', { id: 'org-2', name: 'Ｒｅｓｅａｒｃｈ\u200B' })).ok).toBe(false);
    expect((await engine.invoke('roles.create', { scope: 'global', name: 'ml-admins', permissions: [{ resource: 'custom_roles', action: 'read' }] })).ok).toBe(true);
    expect((await engine.invoke('roles.create', { scope: 'global', name: 'ML-ADMINS\u2060', permissions: [{ resource: 'custom_roles', action: 'read' }] })).ok).toBe(false);
    expect((await engine.invoke('targets.add', { name: 'prod', url: 'https://arthur.example.com/' })).ok).toBe(true);
    expect((await engine.invoke('targets.add', { name: 'ｐｒｏｄ', url: 'https://arthur2.example.com/' })).ok).toBe(false);
  });
});
