import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { createRoleResolver } from '../../main/core/test-runs/resolution.js';
import { createFakeIdpTools, createTestPorts } from '../support/fakes.js';

// A ClearML report says which of the login's groups exist on the ClearML server, from Settings → ClearML platform
// groups as they are when the verdict is built: the stored list (trimmed, as settings.get shows it), or none when
// nothing valid is stored.
async function setup() {
  const ports = createTestPorts();
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  const created = await engine.invoke('connections.create', {
    protocol: 'oidc',
    provider: 'keycloak',
    displayName: 'ClearML groups',
    oidc: { issuer: 'https://sso.example.com/realms/ml', clientId: 'clearml', authorizationEndpoint: 'https://sso.example.com/auth', tokenEndpoint: 'https://sso.example.com/token', jwksUri: 'https://sso.example.com/certs', groupSync: { enabled: true, claim: 'groups' } },
  });
  if (!created.ok) throw new Error(created.error.message);
  const connection = ports.store.connections.get((created.value as { id: string }).id);
  if (!connection) throw new Error('not stored');
  return { engine, ports, resolve: createRoleResolver(ports.store, connection) };
}

describe('ClearML platform groups in a report', () => {
  it('follow Settings as they are at the verdict, and fall back to none when the stored value is not valid', async () => {
    const { engine, ports, resolve } = await setup();
    expect(resolve(['ml-admins']).check.status).toBe('skip'); // none listed yet

    expect((await engine.invoke('settings.update', { clearmlGroups: ['ml-admins', 'data'] })).ok).toBe(true);
    const joined = resolve(['ml-admins', 'other']);
    expect(joined.check.status).toBe('pass');
    expect(joined.resolution.clearml?.joinedGroups).toEqual(['ml-admins']);
    expect(joined.resolution.clearml?.unknownGroups).toEqual(['other']);

    ports.store.settings.set('clearmlGroups', [' data ']); // stored untrimmed: read as settings.get shows it
    expect(resolve(['data']).resolution.clearml?.joinedGroups).toEqual(['data']);

    ports.store.settings.set('clearmlGroups', 'ml-admins'); // not a list: ignored, as readSettings ignores it
    expect(resolve(['ml-admins']).check.status).toBe('skip');
    await engine.close();
  });
});
