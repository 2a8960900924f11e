import { createServer } from 'node:http';

/**
 * The engine's real loopback adapter on a free port, wrapped to time each callback from the moment the engine's route
 * receives it until its reply (the report, rendered for the tab) is ready: `lastRouteMs()` after each run.
 */
export async function timedLoopback(createNodeLoopback) {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const testPort = probe.address().port;
  await new Promise((resolve) => probe.close(resolve));
  const nodeLoopback = createNodeLoopback();
  let routeMs = 0;
  const loopback = {
    listen: (port) => nodeLoopback.listen(port),
    close: () => nodeLoopback.close(),
    route: (path, handler) =>
      nodeLoopback.route(path, async (request) => {
        const t0 = performance.now();
        const reply = await handler(request);
        routeMs = performance.now() - t0;
        return reply;
      }),
  };
  return { loopback, testPort, lastRouteMs: () => routeMs };
}
