import { describe, expect, it } from 'vitest';
import type { TargetView } from '../../main/contract/index.js';
import { createEngine } from '../../main/core/engine.js';
import { createFakeIdpTools, createTestPorts, MemorySecretStore } from '../support/fakes.js';

function setup() {
  const secrets = new MemorySecretStore();
  const ports = createTestPorts({ secrets });
  const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
  return { ports, secrets, engine };
}

describe('targets', () => {
  it('keeps the token in the keychain only: the row, the view and the audit entry never carry it', async () => {
    const { ports, secrets, engine } = setup();
    const token = 'tok-canary-31415';
    const added = await engine.invoke('targets.add', { name: 'Prod', url: 'https://arthur.example.com/', token });
    if (!added.ok) throw new Error('add failed');
    const view = added.value as TargetView;
    expect(view).toMatchObject({ name: 'Prod', url: 'https://arthur.example.com', kind: 'arthur', hasToken: true, caCertificates: 0 });
    expect(secrets.items.get(`target:${view.id}:token`)).toBe(token);
    expect(JSON.stringify(ports.store.targets.list())).not.toContain(token);
    expect(JSON.stringify(ports.store.audit.list({ limit: 10 }))).not.toContain(token);
    expect(JSON.stringify(view)).not.toContain(token);

    const removed = await engine.invoke('targets.remove', { ref: 'prod' });
    expect(removed.ok).toBe(true);
    expect(secrets.items.size).toBe(0);
  });

  it('refuses http to a non-loopback host, a duplicate name ignoring case, and a CA file that is not PEM, naming the field', async () => {
    const { engine, secrets } = setup();
    const http = await engine.invoke('targets.add', { name: 'A', url: 'http://arthur.example.com' });
    expect(http).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'url' } });
    expect((await engine.invoke('targets.add', { name: 'Local', url: 'http://127.0.0.1:9000' })).ok).toBe(true);
    const twice = await engine.invoke('targets.add', { name: 'local', url: 'https://x.example.com', token: 'secret-two' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect(secrets.items.size).toBe(0); // the refused add wrote nothing to the keychain
    const ca = await engine.invoke('targets.add', { name: 'B', url: 'https://b.example.com', caBundle: 'not a certificate' });
    expect(ca).toMatchObject({ ok: false, error: { field: 'caBundle' } });
  });

  it('update changes only what it names; a new token replaces the keychain item and clears the last check', async () => {
    const { engine, secrets } = setup();
    const added = await engine.invoke('targets.add', { name: 'Prod', url: 'https://arthur.example.com', token: 'one' });
    if (!added.ok) throw new Error('add failed');
    const updated = await engine.invoke('targets.update', { ref: 'Prod', token: 'two' });
    expect(updated).toMatchObject({ ok: true, value: { name: 'Prod', url: 'https://arthur.example.com', hasToken: true, lastCheck: null } });
    expect(secrets.items.get(`target:${(added.value as TargetView).id}:token`)).toBe('two');
    const plan = await engine.invoke('targets.plan', { ref: 'nope' });
    expect(plan).toMatchObject({ ok: false, error: { code: 'not_found', field: 'ref' } });
  });
});
