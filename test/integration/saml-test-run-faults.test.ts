// SAML test runs that go wrong before or around the IdP: no Response in time, a cancelled run, odd requests at the
// ACS, a Response nobody asked for, and a signing key the keychain cannot give. The engine has a real loopback
// listener; the IdP (SimpleSAMLphp) only provides the metadata the connection is made from, no browser is needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttp } from '../../main/adapters/http/node-http.js';
import { createNodeLoopback } from '../../main/adapters/loopback/index.js';
import type { Report } from '../../main/contract/index.js';
import { secretAccounts } from '../../main/core/connections/secrets.js';
import { createEngine, type Engine } from '../../main/core/engine.js';
import { systemClock } from '../../main/core/ports/clock.js';
import { SecretStoreError } from '../../main/core/ports/secret-store.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';
import { createTestPorts, MemorySecretStore } from '../support/fakes.js';
import { createTestKey, forgeResponse, toBase64 } from '../support/saml-forge.js';
import { freePort } from '../support/free-port.js';

/** The keychain of this engine; `failWith` makes every read fail like a locked or missing Secret Service. */
class SwitchableSecrets extends MemorySecretStore {
  failWith: SecretStoreError | undefined;
  override async get(account: string) {
    if (this.failWith) throw this.failWith;
    return super.get(account);
  }
}

describe('SAML test runs: faults around the ACS (engine)', () => {
  let engine: Engine;
  let peer: SamlPeer;
  const secrets = new SwitchableSecrets();
  let acsUrl: string;
  let signedId: string;
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const result = await engine.invoke(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const post = (fields: Record<string, string>) =>
    fetch(acsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  const check = (report: Report, id: string) => report.checks.find((c) => c.id === id);

  beforeAll(async () => {
    engine = createEngine(createTestPorts({ secrets, http: createNodeHttp(), clock: systemClock, loopback: createNodeLoopback() }));
    await call('settings.update', { testPort: await freePort() });
    peer = await startSamlPeer();
    const metadata = await call<{ entityId: string; ssoUrl: string; certificates: unknown[] }>('connections.parseMetadata', { url: peer.metadataUrl });
    const idp = { entityId: metadata.entityId, ssoUrl: metadata.ssoUrl, certificates: metadata.certificates };
    acsUrl = (await call<{ testAcsUrl: string }>('connections.create', { protocol: 'saml', provider: 'custom', displayName: 'Faults', saml: { idp } })).testAcsUrl;
    const signed = await call<{ id: string }>('connections.create', {
      protocol: 'saml',
      provider: 'custom',
      displayName: 'Faults signed',
      saml: { idp, signRequests: true },
      generateKeyPair: { algorithm: 'RSA-2048', validityDays: 30 },
    });
    signedId = signed.id;
  });
  afterAll(async () => {
    await peer?.stop();
    await engine?.close();
  });

  it('no Response within the timeout: expired, saml.acs.received fails naming the ACS URL, nothing else reached', async () => {
    const start = await call<{ runId: string; redirectUri: string }>('tests.start', { ref: 'Faults', timeoutSeconds: 1 });
    expect(start.redirectUri).toBe(acsUrl);
    const report = await call<Report>('tests.wait', { runId: start.runId });
    expect(report.outcome).toBe('failed');
    expect(check(report, 'saml.acs.received')).toMatchObject({ status: 'fail', message: expect.stringContaining(`${acsUrl} within 1 s`), hint: expect.stringContaining(acsUrl) });
    expect(check(report, 'saml.signature.valid')).toMatchObject({ status: 'skip', message: 'Not reached: no SAML Response arrived.' });
    expect(report.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['authorize:failed', 'verdict:failed']);
    expect(await call('tests.get', { runId: start.runId })).toMatchObject({ status: 'expired' });
    expect(await call('connections.get', { ref: 'Faults' })).toMatchObject({ lastTest: { outcome: 'failed', source: 'live' }, validatedAt: null });
  });

  it('a cancelled run ends with a report saying so', async () => {
    const start = await call<{ runId: string }>('tests.start', { ref: 'Faults', timeoutSeconds: 30 });
    expect(await call('tests.cancel', { runId: start.runId })).toMatchObject({ status: 'cancelled' });
    const report = await call<Report>('tests.wait', { runId: start.runId });
    expect(check(report, 'saml.acs.received')?.message).toMatch(/cancelled/);
  });

  it('the ACS answers GET with 405, a POST without SAMLResponse with 400, an unsolicited Response with 400', async () => {
    expect((await fetch(acsUrl)).status).toBe(405);
    expect((await post({ RelayState: 'x' })).status).toBe(400);
    const unsolicited = await post({ SAMLResponse: Buffer.from('<samlp:Response/>').toString('base64') });
    expect(unsolicited.status).toBe(400);
    expect(await unsolicited.text()).toMatch(/answers no request SSO Workbench sent/);
  });

  it('a Response matching no run while one run waits: refused (400), the run keeps waiting and its timeout names it', async () => {
    const start = await call<{ runId: string }>('tests.start', { ref: 'Faults', timeoutSeconds: 2 });
    const answer = await post({ SAMLResponse: 'not base64 at all!', RelayState: 'forged' });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('answers no request of the test that is waiting');
    expect(await call('tests.get', { runId: start.runId })).toMatchObject({ status: 'waiting' });
    const report = await call<Report>('tests.wait', { runId: start.runId });
    expect(report.outcome).toBe('failed');
    expect(check(report, 'saml.acs.received')?.message).toMatch(/timed out/);
    expect(check(report, 'saml.acs.relay_state')).toMatchObject({ status: 'fail', message: expect.stringMatching(/^1 SAML Response\(s\) POSTed to the ACS were refused.*RelayState this run never sent/) });
    expect(report.claims).toEqual({});
  });

  it('signed requests: a key missing from the keychain is invalid_input; a keychain failure keeps its own code', async () => {
    const start = await call<{ authorizeUrl: string }>('tests.start', { ref: 'Faults signed', timeoutSeconds: 5 });
    expect(new URL(start.authorizeUrl).searchParams.get('Signature')).toBeTruthy();
    secrets.failWith = new SecretStoreError('locked', 'The keychain is locked.', 'Unlock it.');
    expect(await engine.invoke('tests.start', { ref: 'Faults signed' })).toMatchObject({ ok: false, error: { code: 'keychain_locked', hint: 'Unlock it.' } });
    secrets.failWith = undefined;
    await secrets.delete(secretAccounts.samlPrivateKey(signedId));
    expect(await engine.invoke('tests.start', { ref: 'Faults signed' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'privateKeyPem' } });
  });

  it('tests.inspect: garbage is a failed report (not an error); an OIDC token on a SAML connection is refused', async () => {
    const report = await call<Report>('tests.inspect', { ref: 'Faults', samlResponse: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>' });
    expect(report).toMatchObject({ outcome: 'failed', source: 'inspect' });
    expect(check(report, 'saml.response.doctype')?.status).toBe('fail');
    expect(await engine.invoke('tests.inspect', { ref: 'Faults', accessToken: 'x' })).toMatchObject({ ok: false, error: { field: 'ref' } });
    expect(await engine.invoke('tests.inspect', { ref: 'Faults', samlResponse: 'x', idToken: 'y' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('tests.inspect of a Response from the production login is checked against the platform ACS, else the test ACS', async () => {
    const key = await createTestKey('Faults IdP');
    const view = await call<{ testAcsUrl: string; spEntityId: string; productionCallbackUrl: string }>('connections.create', {
      protocol: 'saml',
      provider: 'custom',
      displayName: 'Faults prod',
      webappUrl: 'https://clearml.example.test',
      // ClearML needs an email: the forged Response's NameID is one.
      saml: { idp: { entityId: 'https://idp.example.test', ssoUrl: 'https://idp.example.test/sso', certificates: [key.certificate] }, attributeMappings: { email: '$nameid' } },
    });
    const forged = (acsUrl: string) => toBase64(forgeResponse({ now: new Date(), idpEntityId: 'https://idp.example.test', spEntityId: view.spEntityId, acsUrl, nameId: 'dana@example.test' }, { key }));
    for (const [acsUrl, against] of [[view.productionCallbackUrl, 'production'], [view.testAcsUrl, 'test']] as const) {
      const report = await call<Report>('tests.inspect', { ref: 'Faults prod', samlResponse: forged(acsUrl) });
      expect(report.outcome, JSON.stringify(report.checks.filter((c) => c.status === 'fail'))).toBe('passed');
      expect(report.details).toMatchObject({ acsUrl, checkedAgainst: expect.stringContaining(against) });
      expect(check(report, 'saml.response.destination')?.message).toBe(`Destination is ${acsUrl}.`);
    }
  });
});
