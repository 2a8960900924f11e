import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { reconcileSecrets } from '../../main/core/connections/reconcile.js';
import { createFakeIdpTools, createTestPorts, MemorySecretStore } from '../support/fakes.js';

// Finding 5: after a crash the keychain and the database may be out of step. The write order now leaves at worst an
// orphan keychain item; the start-up reconcile removes orphans and flags rows whose secret is gone.
const oidc = (displayName: string, clientSecret?: string) => ({
  protocol: 'oidc',
  provider: 'okta',
  displayName,
  ...(clientSecret ? { clientSecret } : {}),
  oidc: { clientId: 'c', authorizationEndpoint: 'https://idp.example.com/a', tokenEndpoint: 'https://idp.example.com/t', jwksUri: 'https://idp.example.com/k' },
});

describe('start-up reconcile of keychain and database', () => {
  it('removes orphan connection and target items, keeps pending keys, clears flags of rows whose secret is gone', async () => {
    const secrets = new MemorySecretStore();
    const ports = createTestPorts({ secrets });
    const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
    const kept = (await engine.invoke('connections.create', oidc('Kept', 's1'))) as { ok: true; value: { id: string } };
    const lost = (await engine.invoke('connections.create', oidc('Lost', 's2'))) as { ok: true; value: { id: string } };
    const target = (await engine.invoke('targets.add', { name: 'prod', url: 'https://arthur.example.com/', token: 't0ken' })) as { ok: true; value: { id: string } };
    expect([kept.ok, lost.ok, target.ok]).toEqual([true, true, true]);
    // What crashes leave: items whose rows never committed, and a row whose item was lost.
    await secrets.set('connection:ghost-1:client-secret', 'orphan');
    await secrets.set('target:ghost-2:token', 'orphan');
    await secrets.set('pending-key:p1', 'generated, not saved yet');
    await secrets.delete(`connection:${lost.value.id}:client-secret`);
    await secrets.delete(`target:${target.value.id}:token`);

    const outcome = await reconcileSecrets(ports);
    expect(outcome.removedOrphans.sort()).toEqual(['connection:ghost-1:client-secret', 'target:ghost-2:token']);
    expect(outcome.missingSecrets).toEqual([{ id: lost.value.id, name: 'Lost', account: `connection:${lost.value.id}:client-secret` }]);
    expect(outcome.missingTokens).toEqual([{ id: target.value.id, name: 'prod' }]);
    expect([...secrets.items.keys()].sort()).toEqual([`connection:${kept.value.id}:client-secret`, 'pending-key:p1']);
    expect(await engine.invoke('connections.get', { ref: 'Lost' })).toMatchObject({ ok: true, value: { hasClientSecret: false } });
    expect(await engine.invoke('connections.get', { ref: 'Kept' })).toMatchObject({ ok: true, value: { hasClientSecret: true } });
    const audit = ports.store.audit.list({ limit: 20 }).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['connections.reconcile', 'targets.reconcile']));
    // A second run finds nothing.
    expect(await reconcileSecrets(ports)).toEqual({ removedOrphans: [], missingSecrets: [], missingTokens: [] });
  });

  it('write order: clearing or removing a secret commits the row first (a failing keychain delete leaves an orphan, not a lie)', async () => {
    const secrets = new MemorySecretStore();
    const ports = createTestPorts({ secrets });
    const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
    const created = (await engine.invoke('connections.create', oidc('Okta', 's1'))) as { ok: true; value: { id: string } };
    const realDelete = secrets.delete.bind(secrets);
    secrets.delete = async () => {
      throw new Error('keychain went away');
    };
    expect(await engine.invoke('connections.update', { id: created.value.id, clientSecret: null })).toMatchObject({ ok: true, value: { hasClientSecret: false } });
    expect(secrets.items.has(`connection:${created.value.id}:client-secret`)).toBe(true); // the orphan
    expect((await engine.invoke('connections.remove', { ref: 'Okta' })).ok).toBe(true);
    secrets.delete = realDelete;
    expect((await reconcileSecrets(ports)).removedOrphans).toEqual([`connection:${created.value.id}:client-secret`]);
    expect(secrets.items.size).toBe(0);
  });
});
