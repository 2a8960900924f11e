import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samlSettingsSchema, type SamlSettings } from '../../main/contract/schemas/connection-saml.js';
import { describeCertificate } from '../../main/core/idp/x509.js';
import { buildAuthnRequest } from '../../main/core/saml/authn-request.js';
import { mapSamlAttributes } from '../../main/core/saml/map-attributes.js';
import { createReplayCache } from '../../main/core/saml/replay-cache.js';
import { validateSamlResponse } from '../../main/core/saml/validate-response.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';
import { createTestKey, type TestKey } from '../support/saml-forge.js';

// A real login: SimpleSAMLphp 1.19 on loopback, Debian's Chromium driving its login form, the Response POSTed to a
// tiny ACS on 127.0.0.1, then validated by the engine module with the request ID this run sent.
const SP_ENTITY_ID = 'urn:sso-workbench:it-saml-login';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const POST_DEADLINE_MS = 15_000;

/** A one-route ACS that answers at once and hands each POSTed form to whoever awaits `next()`. */
interface Acs {
  url: string;
  next(): Promise<Record<string, string>>;
  close(): Promise<void>;
}
async function startAcs(): Promise<Acs> {
  const waiting: ((fields: Record<string, string>) => void)[] = [];
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/saml/acs') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Response received.</p>');
      waiting.shift()?.(Object.fromEntries(new URLSearchParams(body)));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/saml/acs`,
    next: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No POST at the ACS within ${POST_DEADLINE_MS} ms (IdP error page?)`)), POST_DEADLINE_MS);
        waiting.push((fields) => {
          clearTimeout(timer);
          resolve(fields);
        });
      }),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

let acs: Acs;
let browser: Browser;
let sp: TestKey;
let plain: SamlPeer;
let knowsSp: SamlPeer;
let requiresSigned: SamlPeer;
const replayCache = createReplayCache();

beforeAll(async () => {
  [acs, sp, browser] = await Promise.all([startAcs(), createTestKey('SSO Workbench IT SP'), chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS })]);
  const common = { spEntityId: SP_ENTITY_ID, acsUrl: acs.url };
  [plain, knowsSp, requiresSigned] = await Promise.all([
    startSamlPeer(common),
    startSamlPeer({ ...common, spCertificatePem: sp.certificatePem }),
    startSamlPeer({ ...common, spCertificatePem: sp.certificatePem, validateAuthnRequest: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), knowsSp?.stop(), requiresSigned?.stop(), browser?.close(), acs?.close()]);
});

function settingsFor(peer: SamlPeer, signRequests: boolean): SamlSettings {
  return samlSettingsSchema.parse({
    spEntityId: SP_ENTITY_ID,
    idp: { entityId: peer.entityId, ssoUrl: peer.ssoUrl, certificates: [describeCertificate(peer.idpCertificatePem, new Date())] },
    requireSignedAssertions: true,
    requireSignedResponse: true,
    signRequests,
    ...(signRequests ? { signingCertificate: sp.certificate } : {}),
    attributeMappings: { userId: '$nameid', email: 'mail', name: 'displayName', givenName: 'givenName', familyName: 'sn' },
    groupSync: { enabled: true, attribute: 'memberOf' },
  });
}

async function login(peer: SamlPeer, username: string, signRequests: boolean) {
  const settings = settingsFor(peer, signRequests);
  const request = await buildAuthnRequest({ settings, spEntityId: SP_ENTITY_ID, acsUrl: acs.url, privateKeyPem: signRequests ? sp.privateKeyPem : undefined, now: new Date() });
  const context = await browser.newContext(); // fresh cookies: every 127.0.0.1 server shares one jar
  try {
    const page = await context.newPage();
    await page.goto(request.url);
    await page.fill('#username', username, { timeout: 10_000 });
    await page.fill('#password', `${username}pass`);
    // Start the click, await the POST at our ACS, then let the click settle (peers.md).
    const posted = acs.next();
    const click = page.click('#submit_button');
    const fields = await posted;
    await click;
    expect(fields.RelayState).toBe(request.relayState);
    const validation = await validateSamlResponse({
      samlResponse: fields.SAMLResponse ?? '',
      settings,
      spEntityId: SP_ENTITY_ID,
      acsUrl: acs.url,
      expectedRequestId: request.requestId,
      now: new Date(),
      replayCache,
    });
    return { validation, settings, samlResponse: fields.SAMLResponse ?? '', mapping: mapSamlAttributes({ nameId: validation.nameId, attributes: validation.attributes, settings }) };
  } finally {
    await context.close();
  }
}

function expectAllSamlChecksPass(checks: { id: string; status: string; message: string }[]) {
  const notPassed = checks.filter((c) => c.status !== 'pass');
  expect(notPassed, JSON.stringify(notPassed, null, 1)).toEqual([]);
}

describe('SAML login through SimpleSAMLphp in Chromium', () => {
  it('unsigned request: alice (multi-valued groups), bob (single), carol (none)', async () => {
    const alice = await login(plain, 'alice', false);
    expectAllSamlChecksPass(alice.validation.checks);
    expect(alice.validation.verified).toBe(true);
    expect(alice.validation.nameId).toEqual({ value: 'alice', format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' });
    expect(alice.validation.attributes).toMatchObject({ uid: ['alice'], mail: ['alice@example.test'], memberOf: ['sso-admins', 'ml-engineers'] });
    expect(alice.validation.details.certificateUsed?.fingerprintSha256).toBe(describeCertificate(plain.idpCertificatePem, new Date()).fingerprintSha256);
    expect(alice.validation.details.responseXml).toMatch(/✔ SIGNED Response[\s\S]*✔ SIGNED Assertion/);
    expect(alice.mapping.user).toEqual({ userId: 'alice', email: 'alice@example.test', name: 'Alice Admin', givenName: 'Alice', familyName: 'Admin', picture: null });
    expect(alice.mapping.groups).toEqual(['sso-admins', 'ml-engineers']);

    const bob = await login(plain, 'bob', false);
    expect(bob.validation.verified).toBe(true);
    expect(bob.validation.attributes.memberOf).toEqual(['viewers']); // node-saml gives a string: normalised
    expect(bob.mapping.groups).toEqual(['viewers']);

    const carol = await login(plain, 'carol', false);
    expect(carol.validation.verified).toBe(true);
    expect(carol.validation.attributes).not.toHaveProperty('memberOf');
    expect(carol.mapping.groups).toEqual([]);
    expect(carol.mapping.checks.find((c) => c.id === 'mapping.groups')).toMatchObject({ status: 'warn', message: expect.stringContaining('"memberOf" is absent') });
    expect(carol.mapping.checks.find((c) => c.id === 'mapping.email')).toMatchObject({ status: 'warn' });
  });

  it('signed request (RSA-SHA256) to an IdP that knows the SP certificate', async () => {
    const alice = await login(knowsSp, 'alice', true);
    expectAllSamlChecksPass(alice.validation.checks);
    expect(alice.mapping.groups).toEqual(['sso-admins', 'ml-engineers']);

    // The same real Response: offline inspect passes (InResponseTo skipped, saying so); a second live use is a replay.
    const common = { samlResponse: alice.samlResponse, settings: alice.settings, spEntityId: SP_ENTITY_ID, acsUrl: acs.url, now: new Date() };
    const inspected = await validateSamlResponse({ ...common, replayCache: createReplayCache() });
    expect(inspected.verified).toBe(true);
    expect(inspected.checks.find((c) => c.id === 'saml.assertion.in_response_to')?.status).toBe('skip');
    const replayed = await validateSamlResponse({ ...common, expectedRequestId: alice.validation.details.inResponseTo, replayCache });
    expect(replayed.checks.find((c) => c.id === 'saml.assertion.replay')?.status).toBe('fail');
    expect(replayed.verified).toBe(false);
  });

  it('an IdP that requires signed requests accepts ours and refuses an unsigned one', async () => {
    const alice = await login(requiresSigned, 'alice', true);
    expectAllSamlChecksPass(alice.validation.checks);
    expect(alice.validation.nameId?.value).toBe('alice');

    const unsigned = await buildAuthnRequest({ settings: settingsFor(requiresSigned, false), spEntityId: SP_ENTITY_ID, acsUrl: acs.url, now: new Date() });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(unsigned.url); // resolves on the load event: the IdP's answer is complete
      expect(await page.locator('#username').count()).toBe(0); // no login form: the IdP refused the request
      expect(await page.textContent('body')).toMatch(/no signature found on message/i);
    } finally {
      await context.close();
    }
  });
});
