import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import type { ApiServerFactory } from '../../main/core/ports/index.js';
import { createTestPorts, FakeLoopback } from '../support/fakes.js';

// The engine imports each handler group on the first call of one of its operations (issue 14). Calls that arrive
// together while a group loads must still meet one group: one rehearsal engine, one test-run service.
describe('engine handler groups loaded on first use', () => {
  it('two first calls at once share one group: the rehearsal engine is started once', async () => {
    let listens = 0;
    const apiServer: ApiServerFactory = {
      listen: async () => {
        listens += 1;
        return { port: 4310, url: 'http://127.0.0.1:4310', close: async () => {} };
      },
    };
    const engine = createEngine(createTestPorts({ apiServer }));
    const [started, again, status] = await Promise.all([
      engine.invoke('rehearsal.start', {}),
      engine.invoke('rehearsal.start', {}),
      engine.invoke('rehearsal.status', {}),
    ]);
    expect(started).toMatchObject({ ok: true, value: { running: true, url: 'http://127.0.0.1:4310' } });
    expect(again).toEqual(started);
    expect(status).toMatchObject({ ok: true });
    expect(listens).toBe(1);
    await engine.close();
  });

  it('bad input is refused by the schema whether or not its group was loaded, and the group still works after', async () => {
    const engine = createEngine(createTestPorts());
    expect(await engine.invoke('connections.list', { protocol: 'ldap' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'protocol' } });
    expect(await engine.invoke('connections.list', {})).toEqual({ ok: true, value: [] });
  });

  it('close() ends what was used and leaves the loopback closed, even when no test run was ever started', async () => {
    const loopback = new FakeLoopback();
    const engine = createEngine(createTestPorts({ loopback }));
    await engine.invoke('connections.list', {});
    await engine.close();
    expect(loopback.closed).toBe(true);
  });
});
