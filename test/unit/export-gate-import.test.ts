import { describe, expect, it } from 'vitest';
import type { ExportOutput } from '../../main/contract/index.js';
import { globalRoleDefsOf } from '../../main/core/export/global-role-defs.js';
import { arthurYaml } from '../../main/core/export/arthur-yaml.js';
import { recordTestOutcome } from '../../main/core/connections/test-outcome.js';
import { createEngine } from '../../main/core/engine.js';
import { createTestPorts, type FixedClock } from '../support/fakes.js';
import { CANARY_SECRET, exportSetup, oidcDocument, OIDC_ID, SAML_ID } from '../support/export-fixtures.js';
import { parse } from 'yaml';

type View = Record<string, unknown> & { id: string; validationCurrent: boolean };

describe('validation gate', () => {
  it('refuses platform formats after an edit, naming the test to run; json still exports', async () => {
    const { call, engine } = exportSetup();
    await call('connections.update', { id: OIDC_ID, oidc: { clockToleranceSeconds: 45 } });
    for (const format of ['arthur-yaml', 'clearml-env', 'clearml-api']) {
      const result = await engine.invoke('connections.export', { ref: 'Okta prod', format });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_validated', field: 'format' } });
      if (!result.ok) {
        expect(result.error.message).toContain('changed');
        expect(result.error.hint).toContain('ssowb test "Okta prod"');
      }
    }
    const backup = await call<ExportOutput>('connections.export', { ref: 'Okta prod', format: 'json' });
    expect(backup.stamp.validated).toBe(false);
    expect(JSON.parse(backup.content).validation.current).toBe(false);
  });

  it('--force exports marked NOT VALIDATED, with the audit entry saying forced', async () => {
    const { call, ports } = exportSetup();
    await call('connections.update', { id: SAML_ID, saml: { clockSkewSeconds: 90 } });
    const out = await call<ExportOutput>('connections.export', { ref: 'ADFS', format: 'arthur-yaml', force: true });
    expect(out.content).toMatch(/^# validation: NOT VALIDATED \(exported with --force: it changed .* after its last passing test/m);
    expect(out.stamp).toMatchObject({ validated: false, runId: 'run-0001' });
    expect(ports.store.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'connections.export', detail: { format: 'arthur-yaml', validated: false, forced: true } });
  });

  it('a never-tested connection is refused; a passing run (with its id and counts) lets it out again', async () => {
    const { call, engine, ports } = exportSetup();
    await call('connections.update', { id: OIDC_ID, oidc: { clockToleranceSeconds: 45 } });
    (ports.clock as FixedClock).advance(60_000);
    const at = ports.clock.now().toISOString();
    recordTestOutcome(ports.store, OIDC_ID, { at, outcome: 'failed', source: 'live' });
    expect(await engine.invoke('connections.export', { ref: 'Okta prod', format: 'clearml-env' })).toMatchObject({ ok: false });
    recordTestOutcome(ports.store, OIDC_ID, { at, outcome: 'passed', source: 'inspect' }, { runId: 'run-0002', checksPassed: 12, checksWarned: 0 });
    const out = await call<ExportOutput>('connections.export', { ref: 'Okta prod', format: 'clearml-env' });
    expect(out.stamp).toMatchObject({ validated: true, runId: 'run-0002', source: 'inspect', checksPassed: 12, checksWarned: 0, at });
    expect((await call<View>('connections.get', { ref: 'Okta prod' })).validationCurrent).toBe(true);
  });

  it('the Arthur YAML carries the global roles of the role editor as globalRoleDefs, and no organization role', async () => {
    const { call } = exportSetup();
    await call('orgs.create', { id: 'org-1', name: 'Research' });
    await call('roles.create', { scope: 'global', name: 'idp-admin', permissions: [{ resource: 'custom_roles', action: 'read' }, { resource: 'organization_global', action: 'write' }] });
    await call('roles.create', { scope: 'organization', organizationId: 'org-1', name: 'org-1-readers', inheritedRoleNames: ['User'] });
    const yamlText = (await call<ExportOutput>('connections.export', { ref: 'Okta prod', format: 'arthur-yaml' })).content;
    expect(parse(yamlText).config.globalRoleDefs).toEqual([{ name: 'idp-admin', permissions: { custom_roles: ['read'], organization_global: ['write'] } }]);
    expect(yamlText).not.toContain('org-1-readers');
  });

  it('toggling active keeps the connection validated', async () => {
    const { call } = exportSetup();
    await call('connections.setActive', { ref: 'Okta prod', active: false });
    expect((await call<ExportOutput>('connections.export', { ref: 'Okta prod', format: 'arthur-yaml' })).stamp.validated).toBe(true);
  });
});

describe('globalRoleDefs', () => {
  const roles = [
    { scope: 'organization' as const, name: 'org-1-model-owner', permissions: [{ resource: 'model', action: 'read' }] },
    {
      scope: 'global' as const,
      name: 'idp-admin',
      permissions: [
        { resource: 'custom_roles', action: 'read' },
        { resource: 'custom_roles', action: 'write' },
        { resource: 'organization_global', action: 'read' },
        { resource: 'custom_roles', action: 'read' },
      ],
    },
  ];

  it('only global roles, permissions grouped by resource', () => {
    expect(globalRoleDefsOf(roles)).toEqual([{ name: 'idp-admin', permissions: { custom_roles: ['read', 'write'], organization_global: ['read'] } }]);
  });

  it('land under config.globalRoleDefs in the YAML, and are left out when there are none', () => {
    const withRoles = parse(arthurYaml({ connection: oidcDocument(), globalRoleDefs: globalRoleDefsOf(roles), testUrls: [] }).body);
    expect(withRoles.config.globalRoleDefs).toEqual([{ name: 'idp-admin', permissions: { custom_roles: ['read', 'write'], organization_global: ['read'] } }]);
    expect(Object.keys(withRoles.config)).toEqual(['discoveryBaseURL', 'flowType', 'clientID', 'resourceID', 'authorizeScopes', 'globalRoleDefs', 'accessTokenValidation']);
    const without = parse(arthurYaml({ connection: oidcDocument(), globalRoleDefs: [], testUrls: [] }).body);
    expect(without.config).not.toHaveProperty('globalRoleDefs');
  });
});

describe('import', () => {
  it('native JSON round-trips to an identical connection (secrets excluded)', async () => {
    const source = exportSetup();
    const { content } = await source.call<ExportOutput>('connections.export', { ref: 'Okta prod', format: 'json' });
    expect(content).not.toContain(CANARY_SECRET);
    const original = source.ports.store.connections.get(OIDC_ID);
    await source.call('connections.remove', { ref: 'Okta prod' });
    const imported = await source.call<View>('connections.import', { content });
    expect({ ...source.ports.store.connections.get(OIDC_ID), hasClientSecret: true }).toEqual(original);
    expect(imported).toMatchObject({ id: OIDC_ID, hasClientSecret: false, validationCurrent: true });
  });

  it('never overwrites without replace; with replace it overwrites in place and keeps the keychain secret', async () => {
    const { call, engine, keychain } = exportSetup();
    const file = JSON.parse((await call<ExportOutput>('connections.export', { ref: 'Okta prod', format: 'json' })).content);
    await call('connections.update', { id: OIDC_ID, oidc: { clockToleranceSeconds: 45 } });
    const refused = await engine.invoke('connections.import', { content: JSON.stringify(file) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'displayName' } });
    if (!refused.ok) expect(refused.error.hint).toContain('--replace');
    const replaced = await call<View>('connections.import', { content: JSON.stringify(file), replace: true });
    expect(replaced).toMatchObject({ id: OIDC_ID, validationCurrent: true, hasClientSecret: true, oidc: { clockToleranceSeconds: 30 } });
    expect(keychain.items.get(`connection:${OIDC_ID}:client-secret`)).toBe(CANARY_SECRET);
  });

  it('imports an exported Arthur OIDC YAML back (strings kept, claims quoted back into paths)', async () => {
    const { call } = exportSetup();
    const { content } = await call<ExportOutput>('connections.export', { ref: 'Okta prod', format: 'arthur-yaml' });
    const imported = await call<View>('connections.import', { content, name: 'Okta again' });
    expect(imported).toMatchObject({
      protocol: 'oidc',
      platform: 'arthur',
      name: 'Okta again',
      validationCurrent: false,
      oidc: { clientId: '0123', issuer: 'https://dev-1.okta.com/oauth2/default', codeChallengeMethod: 'S256', additionalScopes: ['groups'], groupSync: { enabled: true, claim: '"cognito:groups"' } },
    });
  });

  it('imports an Arthur SAML YAML with metadataXML; the name comes from the export header', async () => {
    const { call } = exportSetup();
    const { content } = await call<ExportOutput>('connections.export', { ref: 'ADFS', format: 'arthur-yaml' });
    await call('connections.remove', { ref: 'ADFS' });
    const imported = await call<View>('connections.import', { content });
    expect(imported).toMatchObject({ protocol: 'saml', name: 'ADFS', saml: { groupSync: { attribute: 'groups' }, attributeMappings: { email: 'emailAddress', familyName: 'surname' } } });
  });

  const oidcYaml = (config: string) => `version: v2\nkind: OIDC\nconfig:\n  discoveryBaseURL: https://idp.example.com\n  flowType: PKCE\n  clientID: "x"\n${config}`;
  const validation = '  accessTokenValidation:\n    type: JWT\n    claimMapping:\n      roles: groups\n';

  it('refuses unknown keys with their path, aliases, and DOCTYPEs', async () => {
    const { engine } = exportSetup();
    const unknown = await engine.invoke('connections.import', { content: oidcYaml(`${validation}      rolez: x\n`) });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!unknown.ok) expect(JSON.stringify(unknown.error)).toContain('config.accessTokenValidation.claimMapping');
    const bomb = 'version: v2\nkind: OIDC\nconfig:\n  a: &a ["x","x","x"]\n  b: &b [*a,*a,*a]\n  c: [*b,*b,*b]\n';
    expect(await engine.invoke('connections.import', { content: bomb })).toMatchObject({ ok: false, error: { field: 'content', message: expect.stringContaining('aliases') } });
    const doctype = `version: v1\nkind: SAML\nconfig:\n  metadataXML: |\n    <!DOCTYPE x [<!ENTITY e "boom">]>\n    <EntityDescriptor entityID="e"/>\n  assertionAttributes:\n    roleAttribute:\n      name: groups\n`;
    // The real metadata parser (not the fake): a DOCTYPE inside metadataXML is refused, naming the YAML key.
    const real = createEngine(createTestPorts());
    const refused = await real.invoke('connections.import', { content: doctype });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'config.metadataXML' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/DOCTYPE/i);
  });

  it('keeps string types: a numeric-looking client id stays a string', async () => {
    const { call } = exportSetup();
    const imported = await call<View>('connections.import', { content: oidcYaml(validation).replace('clientID: "x"', 'clientID: 00123'), name: 'Numeric' });
    expect(imported).toMatchObject({ oidc: { clientId: '00123', groupSync: { claim: 'groups' } } });
  });
});
