import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { SecretStoreError } from '../../main/core/ports/index.js';
import { createFakeIdpTools, createTestPorts, fakeCertificatePem, fakePrivateKeyPem, MemorySecretStore } from '../support/fakes.js';

const CANARY = 'canary-s3cr3t-4b1d';
const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const oidcInput = (over: Record<string, unknown> = {}) => ({
  protocol: 'oidc',
  provider: 'okta',
  displayName: 'Okta',
  oidc: { clientId: 'client-1', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys` },
  clientSecret: CANARY,
  ...over,
});
const cert = (pem: string) => ({ pem, subject: '', issuer: '', notBefore: '', notAfter: '', fingerprintSha256: '', expired: false, expiresInDays: 0 });
const samlInput = (over: Record<string, unknown> = {}, samlOver: Record<string, unknown> = {}) => ({
  protocol: 'saml',
  provider: 'custom',
  displayName: 'SAML',
  saml: { idp: { entityId: 'https://idp', ssoUrl: 'https://idp.example.com/sso', certificates: [cert(fakeCertificatePem('idp', '2030-01-01T00:00:00Z'))] }, signRequests: true, ...samlOver },
  ...over,
});

/** A keychain that refuses to write, as a locked or missing Secret Service does. */
class FailingSecretStore extends MemorySecretStore {
  override async set(): Promise<void> {
    throw new SecretStoreError('locked', 'The keychain is locked.', 'Unlock the login keyring and try again.');
  }
}

function setup(secrets = new MemorySecretStore()) {
  const ports = createTestPorts({ secrets });
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  return { ports, engine, secrets };
}

/** Everything persistent or returned that must never carry a secret. */
function everythingVisible(ports: ReturnType<typeof createTestPorts>, ...values: unknown[]): string {
  return JSON.stringify([ports.store.connections.list(), ports.store.audit.list({ limit: 500 }), ...values]);
}

describe('connection secrets', () => {
  it('the client secret goes only to the keychain', async () => {
    const { ports, engine, secrets } = setup();
    const created = await engine.invoke('connections.create', oidcInput());
    expect(created).toMatchObject({ ok: true, value: { hasClientSecret: true } });
    const id = (created as { value: { id: string } }).value.id;
    expect(secrets.items.get(`connection:${id}:client-secret`)).toBe(CANARY);
    const list = await engine.invoke('connections.list', {});
    const exported = await engine.invoke('connections.export', { ref: id });
    expect(everythingVisible(ports, created, list, exported)).not.toContain(CANARY);
  });

  it('a keychain failure fails the save with the typed keychain error and stores nothing', async () => {
    const { ports, engine } = setup(new FailingSecretStore());
    const result = await engine.invoke('connections.create', oidcInput());
    expect(result).toMatchObject({ ok: false, error: { code: 'keychain_locked', message: 'The keychain is locked.', hint: 'Unlock the login keyring and try again.' } });
    expect(ports.store.connections.list()).toEqual([]);
    expect(ports.store.audit.list({ limit: 10 })).toEqual([]);
  });

  it('when the row cannot be written, the secret just written is removed again', async () => {
    const { ports, engine, secrets } = setup();
    ports.store.connections.put = () => {
      throw new Error('disk full');
    };
    const result = await engine.invoke('connections.create', oidcInput());
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(secrets.items.size).toBe(0);
    expect(ports.store.audit.list({ limit: 10 })).toEqual([]);
  });

  it('update: omitted keeps, a value replaces (restored if the row fails), null deletes', async () => {
    const { ports, engine, secrets } = setup();
    const { value } = (await engine.invoke('connections.create', oidcInput())) as { value: { id: string } };
    const account = `connection:${value.id}:client-secret`;
    await engine.invoke('connections.update', { id: value.id, displayName: 'Okta 2' });
    expect(secrets.items.get(account)).toBe(CANARY);
    const put = ports.store.connections.put;
    ports.store.connections.put = () => {
      throw new Error('disk full');
    };
    expect((await engine.invoke('connections.update', { id: value.id, clientSecret: 'new-secret' })).ok).toBe(false);
    expect(secrets.items.get(account)).toBe(CANARY);
    ports.store.connections.put = put;
    expect(await engine.invoke('connections.update', { id: value.id, clientSecret: 'new-secret' })).toMatchObject({ ok: true, value: { hasClientSecret: true } });
    expect(secrets.items.get(account)).toBe('new-secret');
    expect(await engine.invoke('connections.update', { id: value.id, clientSecret: null })).toMatchObject({ ok: true, value: { hasClientSecret: false } });
    expect(secrets.items.has(account)).toBe(false);
    expect(ports.store.audit.list({ limit: 1 })[0]?.detail).toMatchObject({ secrets: { clientSecret: 'deleted' } });
    expect(everythingVisible(ports)).not.toContain('new-secret');
  });

  it('remove deletes the keychain items of the connection', async () => {
    const { engine, secrets } = setup();
    const { value } = (await engine.invoke('connections.create', oidcInput())) as { value: { id: string } };
    expect(secrets.items.size).toBe(1);
    expect((await engine.invoke('connections.remove', { ref: value.id })).ok).toBe(true);
    expect(secrets.items.size).toBe(0);
  });

  it('SAML: a generated key pair stores the certificate in the connection and the key only in the keychain', async () => {
    const { ports, engine, secrets } = setup();
    const result = await engine.invoke('connections.create', { ...samlInput(), generateKeyPair: { algorithm: 'RSA-3072', validityDays: 365 } });
    expect(result).toMatchObject({ ok: true, value: { hasPrivateKey: true, saml: { signingCertificate: { notAfter: '2027-11-23T10:00:00.000Z' } } } });
    const id = (result as { value: { id: string } }).value.id;
    const key = secrets.items.get(`connection:${id}:saml-private-key`);
    expect(key).toContain('PRIVATE KEY');
    expect(everythingVisible(ports, result)).not.toContain('PRIVATE KEY');
    expect(ports.store.audit.list({ limit: 1 })[0]?.detail).toMatchObject({ secrets: { privateKey: 'generated' } });
  });

  it('SAML: connections.generateKeyPair parks the key; a create with pendingKeyId claims it', async () => {
    const { ports, engine, secrets } = setup();
    const generated = await engine.invoke('connections.generateKeyPair', { commonName: 'sp.example.com' });
    expect(generated).toMatchObject({ ok: true, value: { certificate: { subject: 'CN=sp.example.com' }, pendingKeyId: expect.any(String) } });
    const { certificate, pendingKeyId } = (generated as { value: { certificate: unknown; pendingKeyId: string } }).value;
    expect(JSON.stringify(generated)).not.toContain('PRIVATE KEY');
    expect(secrets.items.get(`pending-key:${pendingKeyId}`)).toContain('PRIVATE KEY');
    const created = await engine.invoke('connections.create', { ...samlInput({}, { signingCertificate: certificate }), pendingKeyId });
    expect(created).toMatchObject({ ok: true, value: { hasPrivateKey: true } });
    const id = (created as { value: { id: string } }).value.id;
    expect(secrets.items.has(`pending-key:${pendingKeyId}`)).toBe(false);
    expect(secrets.items.get(`connection:${id}:saml-private-key`)).toContain('PRIVATE KEY');
    expect(everythingVisible(ports)).not.toContain('PRIVATE KEY');
    const again = await engine.invoke('connections.create', { ...samlInput({ displayName: 'Other' }, { signingCertificate: certificate }), pendingKeyId });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'pendingKeyId' } });
  });

  it('SAML: a pasted key must match its certificate', async () => {
    const { ports, engine } = setup();
    const signingCertificate = cert(fakeCertificatePem('sp', '2030-01-01T00:00:00Z', 'k1'));
    const wrong = await engine.invoke('connections.create', { ...samlInput({}, { signingCertificate }), privateKeyPem: fakePrivateKeyPem('k2') });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'privateKeyPem', message: expect.stringContaining('does not match') } });
    expect(ports.store.connections.list()).toEqual([]);
    const right = await engine.invoke('connections.create', { ...samlInput({}, { signingCertificate }), privateKeyPem: fakePrivateKeyPem('k1') });
    expect(right).toMatchObject({ ok: true, value: { hasPrivateKey: true } });
  });

  it('SAML: deleting the key while requests are signed is refused', async () => {
    const { engine } = setup();
    const created = await engine.invoke('connections.create', { ...samlInput(), generateKeyPair: { algorithm: 'RSA-2048', validityDays: 30 } });
    const id = (created as { value: { id: string } }).value.id;
    expect(await engine.invoke('connections.update', { id, privateKeyPem: null })).toMatchObject({ ok: false, error: { field: 'privateKeyPem' } });
    expect(await engine.invoke('connections.update', { id, privateKeyPem: null, saml: { signRequests: false } })).toMatchObject({ ok: true, value: { hasPrivateKey: false } });
  });

  it('secrets of the other protocol are refused', async () => {
    const { engine } = setup();
    const { value } = (await engine.invoke('connections.create', oidcInput())) as { value: { id: string } };
    expect(await engine.invoke('connections.update', { id: value.id, privateKeyPem: 'x' })).toMatchObject({ ok: false, error: { field: 'privateKeyPem' } });
  });
});
