#!/usr/bin/env node
// OIDC test run: callback received → report ready, with a warm JWKS (issue 4 "Done when").
//
//   node bench/oidc-report.mjs [iterations=200]      (BENCH_STEPS=1 also prints the report's step timeline)
//
// Needs no prior build: it bundles the TypeScript sources it uses (engine, Http and Loopback adapters, the in-memory
// store of test/support/fakes.ts, the jose test OP) with esbuild into .cache/ and imports that. Both sides run in
// this process against the same jose OP (test/support/jose-op.ts) on 127.0.0.1, interleaved run by run:
// - workbench: the engine's live run (openid-client exchange + non-repudiation check, the engine's own jose checks,
//   access-token decode, mapping, report, History in memory), callback delivered to its loopback listener;
// - bare RP: node:http callback → openid-client authorizationCodeGrant (same checks: state, nonce, PKCE,
//   enableNonRepudiationChecks) + jose jwtVerify of the ID token against a warm remote JWKS, then a reply.
// Measured: from the moment the callback reaches the engine's loopback route (bare: its handler) until the report
// reply (bare: the verified claims) is ready. Also printed: the client's round trip (callback request → tab answer),
// which in one process also pays for what runs right after the reply (History write, events) on the same thread.
// Prints p50/p90 and the p50 ratios.
import { createServer } from 'node:http';
import { importSources } from './lib/import-sources.mjs';
import { timedLoopback } from './lib/timed-loopback.mjs';
import { collectGarbage, emitFigure, size } from './lib/figures.mjs';

// Each run starts on a collected heap, both sides alike: otherwise one run's garbage (the workbench's
// History write and events) is collected inside the next run, whichever side it is.

const iterations = Number(process.argv[2] ?? size(200, 3));
const warmup = size(20, 1);

const lib = await importSources(
  `
      export { createEngine } from './main/core/engine.ts';
      export { createNodeHttp } from './main/adapters/http/node-http.ts';
      export { createNodeLoopback } from './main/adapters/loopback/index.ts';
      export { systemClock } from './main/core/ports/clock.ts';
      export { createTestPorts, createFakeIdpTools } from './test/support/fakes.ts';
      export { startJoseOp, joseConnectionInput } from './test/support/jose-op.ts';`,
  'oidc',
);
const oidc = await import('openid-client');
const jose = await import('jose');

const op = await lib.startJoseOp();

// Workbench engine: real Http and Loopback adapters, in-memory store and keychain, system clock.
const { loopback, testPort, lastRouteMs } = await timedLoopback(lib.createNodeLoopback);
const ports = lib.createTestPorts({ http: lib.createNodeHttp(), clock: lib.systemClock, loopback });
const engine = lib.createEngine(ports, { idpTools: lib.createFakeIdpTools() });
const call = async (name, input) => {
  const result = await engine.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
};
await call('settings.update', { testPort });
await call('connections.create', lib.joseConnectionInput(op, 'Bench'));

/** The report's own step timeline, per step name (printed with BENCH_STEPS=1). */
const stepSamples = {};

async function workbenchRun() {
  const start = await call('tests.start', { ref: 'Bench', timeoutSeconds: 60 });
  const callbackUrl = await op.authorize(start.authorizeUrl);
  collectGarbage();
  const t0 = performance.now();
  const page = await fetch(callbackUrl);
  await page.text();
  const elapsed = performance.now() - t0;
  const report = await call('tests.wait', { runId: start.runId });
  for (const step of report.steps) (stepSamples[step.name] ??= []).push(step.durationMs);
  if (report.outcome !== 'passed') throw new Error(`workbench run failed: ${JSON.stringify(report.checks.filter((c) => c.status === 'fail'))}`);
  return { elapsed, engine: lastRouteMs() };
}

// Bare RP: one Configuration (warm JWKS in openid-client's cache) and one jose remote JWKS, like a long-lived RP.
const config = new oidc.Configuration(
  { issuer: op.issuer, authorization_endpoint: op.authorizationEndpoint, token_endpoint: op.tokenEndpoint, jwks_uri: op.jwksUri, id_token_signing_alg_values_supported: ['RS256'] },
  op.clientId,
  { id_token_signed_response_alg: 'RS256' },
  oidc.ClientSecretBasic(op.clientSecret),
);
oidc.allowInsecureRequests(config);
oidc.enableNonRepudiationChecks(config);
const remoteJwks = jose.createRemoteJWKSet(new URL(op.jwksUri));
const pending = new Map();
const bare = createServer(async (req, res) => {
  const handlerStart = performance.now();
  const url = new URL(req.url, `http://127.0.0.1:${bare.address().port}`);
  const run = pending.get(url.searchParams.get('state'));
  const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: run.verifier, expectedState: run.state, expectedNonce: run.nonce });
  const { payload } = await jose.jwtVerify(tokens.id_token, remoteJwks, { issuer: op.issuer, audience: op.clientId, algorithms: ['RS256'] });
  run.inHandler = performance.now() - handlerStart;
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${payload.sub}`);
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareRedirect = `http://127.0.0.1:${bare.address().port}/cb`;

async function bareRun() {
  const run = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
  pending.set(run.state, run);
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: bareRedirect,
    scope: 'openid profile email',
    state: run.state,
    nonce: run.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(run.verifier),
    code_challenge_method: 'S256',
  });
  const callbackUrl = await op.authorize(url.href);
  collectGarbage();
  const t0 = performance.now();
  const page = await fetch(callbackUrl);
  const text = await page.text();
  const elapsed = performance.now() - t0;
  if (!text.startsWith('ok')) throw new Error(`bare RP failed: ${text}`);
  pending.delete(run.state);
  return { elapsed, engine: run.inHandler };
}

const samples = { workbench: [], bare: [], workbenchInside: [], bareInside: [] };
for (let i = 0; i < warmup + iterations; i++) {
  // Interleaved, alternating who goes first, so drift and GC hit both sides alike.
  const order = i % 2 === 0 ? [workbenchRun, bareRun] : [bareRun, workbenchRun];
  for (const run of order) {
    const { elapsed, engine: inside } = await run();
    if (i < warmup) continue;
    const side = run === workbenchRun ? 'workbench' : 'bare';
    samples[side].push(elapsed);
    samples[`${side}Inside`].push(inside);
  }
}

const pick = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];
const line = (label, list) => `${label.padEnd(34)} p50 ${pick(list, 0.5).toFixed(2)} ms   p90 ${pick(list, 0.9).toFixed(2)} ms`;
const ratio = (a, b) => (pick(a, 0.5) / pick(b, 0.5)).toFixed(2);
console.log(`OIDC callback received → report ready, warm JWKS (${iterations} runs each after ${warmup} warm-up, same jose OP, interleaved)`);
console.log(line('workbench (route → report reply)', samples.workbenchInside));
console.log(line('bare RP (handler → verified claims)', samples.bareInside));
console.log(`ratio p50 workbench/bare: ${ratio(samples.workbenchInside, samples.bareInside)} (goal ≤ 1.10)`);
{
  const ours = pick(samples.workbenchInside, 0.5);
  const anchor = pick(samples.bareInside, 0.5);
  emitFigure({ figure: 'OIDC callback → report (p50)', ours, anchor, goal: '≤ 1.10× bare openid-client RP', met: ours / anchor <= 1.1 });
}
console.log(line('workbench, client round trip', samples.workbench));
console.log(line('bare RP, client round trip', samples.bare));
console.log(`ratio p50 round trip: ${ratio(samples.workbench, samples.bare)} (same process: includes the History write and events)`);

if (process.env.BENCH_STEPS) for (const [name, list] of Object.entries(stepSamples)) console.log(line(`  step ${name}`, list));
await engine.close();
await new Promise((resolve) => {
  bare.close(resolve);
  bare.closeAllConnections();
});
await op.stop();
