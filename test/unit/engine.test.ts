import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { createTestPorts, MemorySecretStore } from '../support/fakes.js';

describe('engine', () => {
  it('answers app.info with the runtime facts', async () => {
    const engine = createEngine(createTestPorts());
    const result = await engine.invoke('app.info', {});
    expect(result).toEqual({
      ok: true,
      value: { name: 'SSO Workbench', version: '0.0.0-test', mode: 'cli', dataDir: '/nonexistent', platform: 'linux' },
    });
  });

  it('refuses an unknown operation, naming it', async () => {
    const result = await createEngine(createTestPorts()).invoke('connections.explode', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('connections.explode') } });
  });

  it('names the bad field when input breaks the schema, and changes nothing', async () => {
    const ports = createTestPorts();
    const engine = createEngine(ports);
    const result = await engine.invoke('settings.update', { testPort: 80 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'testPort' } });
    expect(ports.store.settings.getAll()).toEqual({});
    expect(ports.store.audit.list({ limit: 10 })).toEqual([]);
  });

  it('refuses unknown fields rather than ignoring them', async () => {
    const result = await createEngine(createTestPorts()).invoke('settings.update', { testport: 9000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('records every change in the audit log and announces it', async () => {
    const ports = createTestPorts();
    const engine = createEngine(ports);
    const seen: string[] = [];
    engine.subscribe((event) => seen.push(event.name));
    const result = await engine.invoke('settings.update', { testPort: 9100 });
    expect(result).toMatchObject({ ok: true, value: { testPort: 9100 } });
    const audit = await engine.invoke('audit.list', {});
    expect(audit).toMatchObject({ ok: true, value: [{ action: 'settings.update', subject: 'settings', actor: 'test' }] });
    expect(seen).toEqual(['onAuditAppended']);
  });

  it('maps keychain failures to typed errors with a fix', async () => {
    const secrets = new MemorySecretStore();
    secrets.state = { state: 'unavailable', detail: 'No Secret Service on the session bus.', fix: 'Start gnome-keyring.', backend: 'libsecret' };
    const result = await createEngine(createTestPorts({ secrets })).invoke('settings.keychainStatus', {});
    expect(result).toMatchObject({ ok: true, value: { state: 'unavailable', fix: 'Start gnome-keyring.' } });
  });
});

describe('contract names', () => {
  it('the schema-free name list used by the preload equals the contract', async () => {
    const { operationNames } = await import('../../main/contract/index.js');
    const { operationNameList } = await import('../../main/contract/operation-names.js');
    expect([...operationNameList].sort()).toEqual([...operationNames].sort());
  });
});
