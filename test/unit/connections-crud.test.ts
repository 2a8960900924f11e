import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { recordTestOutcome } from '../../main/core/connections/test-outcome.js';
import { createFakeIdpTools, createTestPorts, FixedClock } from '../support/fakes.js';

const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const oidcInput = (displayName: string, over: Record<string, unknown> = {}) => ({
  protocol: 'oidc',
  provider: 'okta',
  displayName,
  webappUrl: 'https://app.clearml.example.com/',
  oidc: { clientId: 'client-1', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys` },
  ...over,
});

/** Operation outputs, loosely typed for assertions. */
type View = Record<string, unknown> & { id: string; name: string };

function setup() {
  const clock = new FixedClock();
  const ports = createTestPorts({ clock });
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const call = async <T = View>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  return { ports, engine, clock, call };
}

describe('connections CRUD', () => {
  it('create → get (by id and by name) → list round trip with the view fields', async () => {
    const { call } = setup();
    const created = await call('connections.create', oidcInput('Okta Prod'));
    expect(created).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Okta Prod',
      displayName: 'Okta Prod',
      protocol: 'oidc',
      provider: 'okta',
      active: true,
      platform: 'clearml',
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
      productionCallbackUrl: 'https://app.clearml.example.com/callback_okta',
      testRedirectUri: `http://127.0.0.1:8765/oidc/${created.id}/callback`,
      hasClientSecret: false,
      lastTest: null,
      validatedAt: null,
      validationCurrent: false,
      warnings: [expect.objectContaining({ field: 'clientSecret' })],
    });
    expect(await call('connections.get', { ref: created.id })).toEqual(created);
    expect(await call('connections.get', { ref: 'okta prod' })).toEqual(created);
    // The list row: what product.md promises a list object carries, plus the table's columns; no settings.
    const keys = ['protocol', 'id', 'name', 'provider', 'active', 'updatedAt', 'lastTest', 'validatedAt', 'lastPass', 'validationCurrent', 'productionCallbackUrl', 'warnings', 'hasClientSecret', 'testRedirectUri'];
    expect(await call<View[]>('connections.list', {})).toEqual([Object.fromEntries(keys.map((k) => [k, created[k]]))]);
  });

  it('get of an unknown ref is not_found with a hint', async () => {
    const { engine } = setup();
    expect(await engine.invoke('connections.get', { ref: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found', hint: expect.stringContaining('connections list') } });
  });

  it('lists sorted by name and filters by search, protocol and active', async () => {
    const { call } = setup();
    await call('connections.create', oidcInput('zeta'));
    const b = await call('connections.create', oidcInput('Beta', { provider: 'keycloak', active: false }));
    await call('connections.create', oidcInput('alpha'));
    expect((await call<View[]>('connections.list', {})).map((c) => c.name)).toEqual(['alpha', 'Beta', 'zeta']);
    expect((await call<View[]>('connections.list', { search: 'KEYCLOAK' })).map((c) => c.name)).toEqual(['Beta']);
    expect((await call<View[]>('connections.list', { search: b.id.slice(0, 8) })).map((c) => c.id)).toEqual([b.id]);
    expect((await call<View[]>('connections.list', { active: true })).map((c) => c.name)).toEqual(['alpha', 'zeta']);
    expect(await call('connections.list', { protocol: 'saml' })).toEqual([]);
  });

  it('the test URLs follow the configured test port', async () => {
    const { call } = setup();
    const created = await call('connections.create', oidcInput('Okta'));
    await call('settings.update', { testPort: 9100 });
    expect((await call('connections.get', { ref: created.id })).testRedirectUri).toBe(`http://127.0.0.1:9100/oidc/${created.id}/callback`);
  });

  it('update patches nested fields, keeps the rest, and makes the last test stale', async () => {
    const { ports, clock, call } = setup();
    const created = await call('connections.create', oidcInput('Okta'));
    clock.advance(60_000);
    recordTestOutcome(ports.store, created.id, { at: clock.now().toISOString(), outcome: 'passed', source: 'live' });
    expect((await call('connections.get', { ref: created.id })).validationCurrent).toBe(true);
    clock.advance(60_000);
    const updated = await call('connections.update', { id: created.id, oidc: { groupSync: { enabled: true }, claimMappings: { email: 'upn' } } });
    expect(updated).toMatchObject({
      oidc: { clientId: 'client-1', groupSync: { enabled: true, claim: 'groups', caseSensitive: true, adminGroups: [] }, claimMappings: { userId: 'sub', email: 'upn' } },
    });
    expect(updated.updatedAt).toBe('2026-11-23T10:02:00.000Z');
    expect(updated.validatedAt).toBe('2026-11-23T10:01:00.000Z');
    expect(updated.validationCurrent).toBe(false);
    const audit = ports.store.audit.list({ limit: 1 })[0];
    expect(audit).toMatchObject({ action: 'connections.update', subject: created.id, detail: { changed: ['oidc.claimMappings.email', 'oidc.groupSync.enabled'] } });
  });

  it('update clears an optional field with null and validates the merged result', async () => {
    const { call, engine } = setup();
    const created = await call('connections.create', oidcInput('Okta', { oidc: { ...oidcInput('x').oidc, revocationEndpoint: `${okta}/revoke` } }));
    const cleared = await call('connections.update', { id: created.id, oidc: { revocationEndpoint: null } });
    expect(cleared).not.toHaveProperty('oidc.revocationEndpoint');
    const bad = await engine.invoke('connections.update', { id: created.id, oidc: { jwksUri: null } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'oidc.jwksUri' } });
    expect(await call('connections.get', { ref: created.id })).toMatchObject({ oidc: { jwksUri: `${okta}/keys` } });
    expect(await engine.invoke('connections.update', { id: created.id, saml: { signRequests: true } })).toMatchObject({ ok: false, error: { field: 'saml' } });
  });

  it('an update that changes nothing, or only toggles active, keeps the validation current', async () => {
    const { ports, clock, call } = setup();
    const created = await call('connections.create', oidcInput('Okta'));
    recordTestOutcome(ports.store, created.id, { at: clock.now().toISOString(), outcome: 'passed', source: 'inspect' });
    clock.advance(60_000);
    const auditBefore = ports.store.audit.list({ limit: 100 }).length;
    expect((await call('connections.update', { id: created.id, oidc: { clientId: 'client-1' } })).validationCurrent).toBe(true);
    expect(ports.store.audit.list({ limit: 100 })).toHaveLength(auditBefore);
    const off = await call('connections.setActive', { ref: 'okta', active: false });
    expect(off).toMatchObject({ active: false, validationCurrent: true });
    expect(ports.store.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'connections.setActive', detail: { active: false } });
  });

  it('renaming onto another connection is a conflict naming displayName', async () => {
    const { call, engine } = setup();
    await call('connections.create', oidcInput('One'));
    const two = await call('connections.create', oidcInput('Two'));
    expect(await engine.invoke('connections.update', { id: two.id, displayName: 'one' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'displayName' } });
    expect((await call('connections.update', { id: two.id, displayName: 'TWO' })).name).toBe('TWO');
  });

  it('remove deletes the connection and records it', async () => {
    const { ports, call, engine } = setup();
    const created = await call('connections.create', oidcInput('Okta'));
    expect(await call('connections.remove', { ref: 'OKTA' })).toEqual({ id: created.id, name: 'Okta', removed: true });
    expect(ports.store.connections.list()).toEqual([]);
    expect(ports.store.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'connections.remove', subject: created.id });
    expect(await engine.invoke('connections.remove', { ref: created.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a SAML view carries the loopback ACS, the SP entity ID and the production values', async () => {
    const { call } = setup();
    const pem = '-----BEGIN CERTIFICATE-----\nFAKE|idp|2030-01-01T00:00:00.000Z|idp\n-----END CERTIFICATE-----';
    const certificate = { pem, subject: 'forged', issuer: '', notBefore: '', notAfter: '', fingerprintSha256: '', expired: false, expiresInDays: 0 };
    const created = await call('connections.create', {
      protocol: 'saml',
      provider: 'duo',
      displayName: 'Duo',
      platform: 'arthur',
      webappUrl: 'https://arthur.example.com',
      saml: { idp: { entityId: 'https://idp', ssoUrl: 'https://idp.example.com/sso', certificates: [certificate] } },
    });
    expect(created).toMatchObject({
      testAcsUrl: `http://127.0.0.1:8765/saml/${created.id}/acs`,
      spEntityId: `http://127.0.0.1:8765/saml/${created.id}`,
      productionCallbackUrl: 'https://arthur.example.com/api/v3/saml/sso',
      productionSpEntityId: 'https://arthur.example.com/api/v3/saml/sso',
      hasPrivateKey: false,
      saml: { requireSignedAssertions: true, requireSignedResponse: false, allowSha1: false, clockSkewSeconds: 60, attributeMappings: { userId: '$nameid' } },
    });
    // Certificate facts are re-derived from the PEM, not taken from the input.
    expect(created).toMatchObject({ saml: { idp: { certificates: [{ subject: 'CN=idp', notAfter: '2030-01-01T00:00:00.000Z' }] } } });
    const renamed = await call('connections.update', { id: created.id, saml: { spEntityId: 'clearml' } });
    expect(renamed.spEntityId).toBe('clearml');
  });
});
