import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { openSqliteStore } from '../../main/adapters/sqlite-store/index.js';
import { createFakeIdpTools, createTestPorts, MemorySecretStore } from '../support/fakes.js';

const canary = 'canary-secret-7f3a9c1e';
const oidcInput = (displayName: string) => ({
  protocol: 'oidc',
  provider: 'keycloak',
  displayName,
  oidc: {
    issuer: 'https://sso.example.com/realms/ml',
    clientId: 'clearml',
    authorizationEndpoint: 'https://sso.example.com/realms/ml/protocol/openid-connect/auth',
    tokenEndpoint: 'https://sso.example.com/realms/ml/protocol/openid-connect/token',
    jwksUri: 'https://sso.example.com/realms/ml/protocol/openid-connect/certs',
  },
  clientSecret: canary,
});

describe('connections in the real SQLite store', () => {
  let dataDir: string;
  let secrets: MemorySecretStore;
  const engineOn = () =>
    createEngine(createTestPorts({ store: openSqliteStore(dataDir), secrets }), { idpTools: createFakeIdpTools() });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssowb-conn-'));
    secrets = new MemorySecretStore();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a connection across reopen, with its secret only in the keychain', async () => {
    const first = engineOn();
    const created = await first.invoke('connections.create', oidcInput('Keycloak ML'));
    expect(created).toMatchObject({ ok: true, value: { name: 'Keycloak ML', hasClientSecret: true } });
    await first.close();

    const second = engineOn();
    const listed = await second.invoke('connections.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ name: 'Keycloak ML', protocol: 'oidc' }] });
    await second.close();

    for (const file of readdirSync(dataDir)) {
      expect(readFileSync(join(dataDir, file)).includes(canary), `${file} holds the secret`).toBe(false);
    }
    expect([...secrets.items.values()]).toContain(canary);
  });

  it('refuses a second connection with the same name in another case, naming displayName', async () => {
    const engine = engineOn();
    await engine.invoke('connections.create', oidcInput('Okta Prod'));
    const clash = await engine.invoke('connections.create', oidcInput('okta prod'));
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict', field: 'displayName' } });
    expect(await engine.invoke('connections.list', {})).toMatchObject({ ok: true, value: [{ name: 'Okta Prod' }] });
    await engine.close();
  });

  it('removes the row and its keychain item', async () => {
    const engine = engineOn();
    await engine.invoke('connections.create', oidcInput('To Remove'));
    expect(await engine.invoke('connections.remove', { ref: 'to remove' })).toMatchObject({ ok: true });
    expect(await engine.invoke('connections.list', {})).toEqual({ ok: true, value: [] });
    expect(secrets.items.size).toBe(0);
    await engine.close();
  });
});
