import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { recordTestOutcome } from '../../main/core/connections/test-outcome.js';
import { createFakeIdpTools, createTestPorts, fakeCertificatePem, type FixedClock, type MemorySecretStore } from '../support/fakes.js';

const CANARY = 'canary-export-9f2e';
const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const oidcInput = {
  protocol: 'oidc',
  provider: 'okta',
  displayName: 'Okta',
  webappUrl: 'https://app.clearml.example.com',
  oidc: { clientId: 'client-1', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys`, groupSync: { enabled: true, claim: '"cognito:groups"' } },
  clientSecret: CANARY,
};

/** Operation outputs, loosely typed for assertions. */
type View = Record<string, unknown> & { id: string; name: string; content: string; filename: string };

function setup() {
  const ports = createTestPorts();
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const call = async <T = View>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  return { ports, engine, call };
}

describe('connection export / import (native JSON)', () => {
  it('exports a marked JSON file with the validation state and no secrets by default', async () => {
    const { ports, call } = setup();
    const created = await call('connections.create', oidcInput);
    recordTestOutcome(ports.store, created.id, { at: '2026-11-23T10:00:00.000Z', outcome: 'passed', source: 'live' });
    const { content, filename } = await call('connections.export', { ref: 'okta' });
    expect(filename).toBe('okta.connection.json');
    expect(content).not.toContain(CANARY);
    const file = JSON.parse(content);
    expect(file).toMatchObject({
      format: 'sso-workbench/connection@1',
      connection: { id: created.id, displayName: 'Okta', oidc: { clientId: 'client-1' } },
      validation: { validatedAt: '2026-11-23T10:00:00.000Z', current: true, lastTest: { outcome: 'passed' } },
    });
    expect(file.secrets).toBeUndefined();
    expect(ports.store.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'connections.export', detail: { includeSecrets: false } });
  });

  it('includes secrets only when asked', async () => {
    const { call } = setup();
    await call('connections.create', oidcInput);
    const { content } = await call('connections.export', { ref: 'Okta', includeSecrets: true });
    expect(JSON.parse(content).secrets).toEqual({ clientSecret: CANARY });
  });

  it('round-trips into another workbench: same settings, id, validation and secret', async () => {
    const source = setup();
    const created = await source.call('connections.create', oidcInput);
    recordTestOutcome(source.ports.store, created.id, { at: '2026-11-23T10:00:00.000Z', outcome: 'passed', source: 'inspect' });
    const { content } = await source.call('connections.export', { ref: created.id, includeSecrets: true });
    const target = setup();
    const imported = await target.call('connections.import', { content });
    const original = await source.call('connections.get', { ref: created.id });
    expect(imported).toEqual(original);
    expect((target.ports.secrets as MemorySecretStore).items.get(`connection:${created.id}:client-secret`)).toBe(CANARY);
    expect(JSON.stringify([target.ports.store.connections.list(), target.ports.store.audit.list({ limit: 50 })])).not.toContain(CANARY);
  });

  it('a name clash is a conflict naming displayName', async () => {
    const { call, engine } = setup();
    await call('connections.create', oidcInput);
    const { content } = await call('connections.export', { ref: 'Okta' });
    expect(await engine.invoke('connections.import', { content })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'displayName' } });
  });

  it('gets a fresh id when the id already exists', async () => {
    const { call } = setup();
    const created = await call('connections.create', oidcInput);
    const file = JSON.parse((await call('connections.export', { ref: 'Okta' })).content);
    file.connection.displayName = 'Okta copy';
    const imported = await call('connections.import', { content: JSON.stringify(file) });
    expect(imported.id).not.toBe(created.id);
    expect(imported.name).toBe('Okta copy');
  });

  it('an edited file keeps its history but loses validation currency', async () => {
    const source = setup();
    const created = await source.call('connections.create', oidcInput);
    recordTestOutcome(source.ports.store, created.id, { at: '2026-11-23T10:00:00.000Z', outcome: 'passed', source: 'live' });
    const file = JSON.parse((await source.call('connections.export', { ref: 'Okta' })).content);
    file.connection.oidc.clockToleranceSeconds = 90;
    const target = setup();
    (target.ports.clock as FixedClock).advance(3_600_000);
    const imported = await target.call('connections.import', { content: JSON.stringify(file) });
    expect(imported).toMatchObject({ validatedAt: '2026-11-23T10:00:00.000Z', validationCurrent: false, updatedAt: '2026-11-23T11:00:00.000Z' });
  });

  it('validates the file like a create, naming every bad field', async () => {
    const { call, engine, ports } = setup();
    await call('connections.create', oidcInput);
    const file = JSON.parse((await call('connections.export', { ref: 'Okta' })).content);
    file.connection.displayName = 'Other';
    file.connection.oidc.allowedSigningAlgs = ['none'];
    delete file.connection.oidc.jwksUri;
    const result = await engine.invoke('connections.import', { content: JSON.stringify(file) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.issues?.map((i) => i.field).sort()).toEqual(['oidc.allowedSigningAlgs', 'oidc.jwksUri']);
    expect(ports.store.connections.list()).toHaveLength(1);
  });

  it('refuses files that are not connection files', async () => {
    const { engine } = setup();
    expect(await engine.invoke('connections.import', { content: 'not json' })).toMatchObject({ ok: false, error: { field: 'content' } });
    expect(await engine.invoke('connections.import', { content: '{"format":"other"}' })).toMatchObject({ ok: false, error: { field: 'format' } });
  });

  it('a SAML connection that signs requests needs its key in the file or the input', async () => {
    const source = setup();
    const pem = fakeCertificatePem('idp', '2030-01-01T00:00:00Z');
    await source.call('connections.create', {
      protocol: 'saml',
      provider: 'custom',
      displayName: 'S',
      saml: { signRequests: true, idp: { entityId: 'e', ssoUrl: 'https://idp.example.com/sso', certificates: [{ pem, subject: '', issuer: '', notBefore: '', notAfter: '', fingerprintSha256: '', expired: false, expiresInDays: 0 }] } },
      generateKeyPair: { algorithm: 'RSA-2048', validityDays: 90 },
    });
    const bare = (await source.call('connections.export', { ref: 'S' })).content;
    const target = setup();
    expect(await target.engine.invoke('connections.import', { content: bare })).toMatchObject({ ok: false, error: { field: 'privateKeyPem' } });
    const full = (await source.call('connections.export', { ref: 'S', includeSecrets: true })).content;
    expect(await target.engine.invoke('connections.import', { content: full })).toMatchObject({ ok: true, value: { hasPrivateKey: true } });
  });
});
