import { describe, expect, it } from 'vitest';
import { lazyApiServer, lazyHttp, lazyLoopback } from '../../main/composition/lazy-ports.js';
import type { ApiServerFactory, Http } from '../../main/core/ports/index.js';
import { FakeLoopback } from '../support/fakes.js';

// The composition root imports the http, loopback and API-server adapters on first use (issue 14); what the engine
// sees must be the real adapter's behaviour, routes registered early included.
describe('lazy ports', () => {
  it('the loopback loads on the first listen and keeps the routes registered before it', async () => {
    const real = new FakeLoopback();
    let loads = 0;
    const loopback = lazyLoopback(async () => {
      loads += 1;
      return real;
    });
    const keep = async () => ({ status: 200, title: 'kept', text: '' });
    loopback.route('/callback', keep);
    const removeEarly = loopback.route('/gone', keep);
    removeEarly();
    expect(loads).toBe(0);

    expect(await loopback.listen(8765)).toBe(8765);
    expect(loads).toBe(1);
    expect([...real.routes.keys()]).toEqual(['/callback']);
    expect((await real.deliver('http://127.0.0.1:8765/callback')).title).toBe('kept');

    const removeLate = loopback.route('/acs', keep);
    expect([...real.routes.keys()]).toEqual(['/callback', '/acs']);
    removeLate();
    expect([...real.routes.keys()]).toEqual(['/callback']);
    await loopback.close();
    expect(real.closed).toBe(true);
    expect(loads).toBe(1);
  });

  it('a route registered before the load can still be removed after it', async () => {
    const real = new FakeLoopback();
    const loopback = lazyLoopback(async () => real);
    const remove = loopback.route('/callback', async () => ({ status: 200, title: '', text: '' }));
    await loopback.listen(0);
    expect(real.routes.has('/callback')).toBe(true);
    remove();
    expect(real.routes.has('/callback')).toBe(false);
  });

  it('closing a loopback that was never used loads nothing', async () => {
    let loads = 0;
    const loopback = lazyLoopback(async () => {
      loads += 1;
      return new FakeLoopback();
    });
    await loopback.close();
    expect(loads).toBe(0);
  });

  it('http and the API server load once, and a failed load is retried on the next use', async () => {
    let attempts = 0;
    const http = lazyHttp(async (): Promise<Http> => {
      attempts += 1;
      if (attempts === 1) throw new Error('module missing');
      return { request: async (request) => ({ status: 204, headers: {}, url: request.url, body: '' }) };
    });
    await expect(http.request({ url: 'https://idp.example/x', timeoutMs: 1000, maxBytes: 1000 })).rejects.toThrow('module missing');
    const [a, b] = await Promise.all([http.request({ url: 'https://idp.example/a', timeoutMs: 1000, maxBytes: 1000 }), http.request({ url: 'https://idp.example/b', timeoutMs: 1000, maxBytes: 1000 })]);
    expect([a.url, b.url]).toEqual(['https://idp.example/a', 'https://idp.example/b']);
    expect(attempts).toBe(2);

    let factories = 0;
    const apiServer = lazyApiServer(async (): Promise<ApiServerFactory> => {
      factories += 1;
      return { listen: async (port) => ({ port, url: `http://127.0.0.1:${port}`, close: async () => {} }) };
    });
    const [one, two] = await Promise.all([apiServer.listen(4100, async () => ({ status: 204 })), apiServer.listen(4101, async () => ({ status: 204 }))]);
    expect([one.port, two.port]).toEqual([4100, 4101]);
    expect(factories).toBe(1);
  });
});
