#!/usr/bin/env node
// SAML test run: ACS POST received → report ready (issue 14), the twin of bench/oidc-report.mjs.
//
//   node bench/saml-report.mjs [iterations=200]
//
// Needs no prior build: bundles the sources it uses (engine, Loopback adapter, in-memory fakes, the test SAML forge)
// with esbuild into .cache/. One process, one IdP key, interleaved run by run, both fed the SAME kind of Response (a
// fresh one per run, forged by test/support/saml-forge.ts and signed like SimpleSAMLphp signs: the Assertion):
// - workbench: a live run of the engine (tests.start → the AuthnRequest's ID → the forged Response POSTed to the
//   engine's loopback ACS): size/DOCTYPE guard, node-saml, the engine's own checks, mapping, report, History in memory;
// - bare: a node:http ACS → node-saml `validatePostResponseAsync` (same strict options: only the configured
//   certificate, audience, InResponseTo always) plus, written inline, what node-saml leaves to the SP: Destination and
//   Recipient equal to the ACS URL and an assertion-ID replay cache; then a reply.
// Measured: from the moment the POST reaches the engine's route (bare: its handler) until the reply is ready.
import { createServer } from 'node:http';
import { inflateRawSync } from 'node:zlib';
import { timedLoopback } from './lib/timed-loopback.mjs';
import { emitFigure, quantile, size } from './lib/figures.mjs';
import { importSources } from './lib/seed-store.mjs';

const iterations = Number(process.argv[2] ?? size(200, 3));
const warmup = size(20, 1);
const lib = await importSources(
  `export { createEngine } from './main/core/engine.ts';
   export { createNodeLoopback } from './main/adapters/loopback/index.ts';
   export { systemClock } from './main/core/ports/clock.ts';
   export { createTestPorts, createFakeIdpTools } from './test/support/fakes.ts';
   export { createTestKey, forgeResponse, toBase64 } from './test/support/saml-forge.ts';`,
  'saml',
);
const { SAML, ValidateInResponseTo } = await import('@node-saml/node-saml');
const { DOMParser } = await import('@xmldom/xmldom');

const idpEntityId = 'https://idp.example.test/saml2/idp/metadata.php';
const key = await lib.createTestKey('Bench IdP');
const attributes = { mail: ['alice@example.test'], displayName: ['Alice Example'], memberOf: ['ml-admins', 'ml-users'] };

// ---- workbench: the engine with its real loopback listener, route timed ----------------------------------------
const { loopback, testPort, lastRouteMs } = await timedLoopback(lib.createNodeLoopback);
const engine = lib.createEngine(lib.createTestPorts({ clock: lib.systemClock, loopback }));
const call = async (name, input) => {
  const result = await engine.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
};
await call('settings.update', { testPort });
const view = await call('connections.create', {
  protocol: 'saml',
  provider: 'custom',
  displayName: 'Bench SAML',
  saml: {
    idp: { entityId: idpEntityId, ssoUrl: 'https://idp.example.test/sso', certificates: [key.certificate] },
    attributeMappings: { userId: '$nameid', email: 'mail', name: 'displayName' },
    groupSync: { enabled: true, attribute: 'memberOf' },
  },
});
const forged = (acsUrl, spEntityId, inResponseTo) =>
  lib.toBase64(lib.forgeResponse({ now: new Date(), idpEntityId, spEntityId, acsUrl, inResponseTo, nameId: 'alice', attributes }, { key }));
const post = (url, fields) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

async function workbenchRun() {
  const start = await call('tests.start', { ref: view.id, timeoutSeconds: 60 });
  const url = new URL(start.authorizeUrl);
  const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest'), 'base64')).toString('utf8');
  const requestId = /\sID="([^"]+)"/.exec(request)[1];
  const body = { SAMLResponse: forged(view.testAcsUrl, view.spEntityId, requestId), RelayState: url.searchParams.get('RelayState') };
  const page = await post(view.testAcsUrl, body);
  await page.text();
  const report = await call('tests.wait', { runId: start.runId });
  if (report.outcome !== 'passed') throw new Error(`workbench run failed: ${JSON.stringify(report.checks.filter((c) => c.status === 'fail'))}`);
  return lastRouteMs();
}

// ---- bare: node-saml + the SP's own Destination/Recipient/replay checks, inline ---------------------------------
const bareSp = 'https://sp.bench.test/saml';
const pending = new Set();
const seenAssertions = new Set();
const bareSaml = (requestId, acs) =>
  new SAML({
    entryPoint: 'https://idp.example.test/sso',
    issuer: bareSp,
    callbackUrl: acs,
    audience: bareSp,
    idpIssuer: idpEntityId,
    idpCert: [key.certificatePem],
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: 60_000,
    maxAssertionAgeMs: 0,
    validateInResponseTo: ValidateInResponseTo.always,
    disableRequestedAuthnContext: true,
    cacheProvider: {
      saveAsync: async (_k, value) => ({ value, createdAt: Date.now() }),
      getAsync: async (k) => (k === requestId && pending.has(k) ? new Date().toISOString() : null),
      removeAsync: async (k) => (pending.delete(k), null),
    },
  });
let inHandler = 0;
const bare = createServer((req, res) => {
  const t0 = performance.now();
  let raw = '';
  req.setEncoding('utf8').on('data', (chunk) => (raw += chunk));
  req.on('end', async () => {
    const fields = new URLSearchParams(raw);
    const samlResponse = fields.get('SAMLResponse');
    const acs = `http://127.0.0.1:${bare.address().port}/acs`;
    const doc = new DOMParser().parseFromString(Buffer.from(samlResponse, 'base64').toString('utf8'), 'text/xml');
    const requestId = doc.documentElement.getAttribute('InResponseTo');
    const { profile } = await bareSaml(requestId, acs).validatePostResponseAsync({ SAMLResponse: samlResponse });
    // What node-saml leaves to the SP: Destination, Recipient (Profiles §4.1.4.3) and one-time use of the assertion.
    if (doc.documentElement.getAttribute('Destination') !== acs) throw new Error('Destination');
    const confirmation = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'SubjectConfirmationData')[0];
    if (confirmation.getAttribute('Recipient') !== acs) throw new Error('Recipient');
    const assertionId = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion')[0].getAttribute('ID');
    if (seenAssertions.has(assertionId)) throw new Error('replay');
    seenAssertions.add(assertionId);
    inHandler = performance.now() - t0;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${profile.nameID}`);
  });
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareAcs = `http://127.0.0.1:${bare.address().port}/acs`;
let bareRequests = 0;
async function bareRun() {
  const requestId = `_bench${++bareRequests}_${Date.now()}`;
  pending.add(requestId);
  const page = await post(bareAcs, { SAMLResponse: forged(bareAcs, bareSp, requestId) });
  const text = await page.text();
  if (!text.startsWith('ok alice')) throw new Error(`bare ACS failed: ${text}`);
  return inHandler;
}

const samples = { workbench: [], bare: [] };
for (let i = 0; i < warmup + iterations; i++) {
  const order = i % 2 === 0 ? [workbenchRun, bareRun] : [bareRun, workbenchRun];
  for (const run of order) {
    const ms = await run();
    if (i >= warmup) samples[run === workbenchRun ? 'workbench' : 'bare'].push(ms);
  }
}
const ours = quantile(samples.workbench, 0.5);
const anchor = quantile(samples.bare, 0.5);
console.log(`SAML ACS POST → report (${iterations} runs each after ${warmup} warm-up, interleaved): workbench p50 ${ours.toFixed(2)} ms p90 ${quantile(samples.workbench, 0.9).toFixed(2)} ms; bare node-saml p50 ${anchor.toFixed(2)} ms p90 ${quantile(samples.bare, 0.9).toFixed(2)} ms`);
emitFigure({ figure: 'SAML ACS POST → report (p50)', ours, anchor, goal: '≤ 1.25× bare node-saml + inline checks', met: ours / anchor <= 1.25 });

await engine.close();
await new Promise((resolve) => {
  bare.close(resolve);
  bare.closeAllConnections();
});
