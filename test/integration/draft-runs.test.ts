import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSpEntityId, testAcsUrl, testRedirectUri, type Report } from '../../main/contract/index.js';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';
import { oidcLoginWithoutBrowser, samlLoginWithoutBrowser } from '../peers/scripted-login.js';
import { createLiveEngine, type LiveEngine } from '../support/jose-op.js';

// Test before save, through the engine against the real IdPs: a draft's test URLs are final before the first save
// (the IdP is configured with them first), the draft runs with its secret held for the run only, "log in again"
// sends prompt=login / ForceAuthn="true", and saving exactly the tested draft records the pass as its validation.

type Saved = { id: string; validatedAt: string | null; lastPass: { runId: string } | null; lastTest: unknown };

describe('draft runs against oidc-provider and SimpleSAMLphp', () => {
  let wb: LiveEngine;
  let op: OidcPeer | undefined;
  let ssp: SamlPeer | undefined;

  beforeAll(async () => {
    wb = await createLiveEngine({ realIdpTools: true });
  });
  afterAll(async () => {
    await wb?.close();
    await op?.stop();
    await ssp?.stop();
  });

  it('OIDC: the draft runs on its final redirect URI with prompt=login, its secret is not stored, and the save is validated', async () => {
    const id = crypto.randomUUID();
    const redirectUri = testRedirectUri(wb.testPort, id);
    op = await startOidcPeer({ clients: [{ client_id: 'wb-draft', client_secret: 'draft-secret_x-y', redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }] });
    const draft = {
      id,
      protocol: 'oidc',
      provider: 'custom',
      displayName: 'OIDC draft',
      clientSecret: 'draft-secret_x-y',
      oidc: { issuer: op.issuer, clientId: 'wb-draft', authorizationEndpoint: `${op.issuer}/auth`, tokenEndpoint: `${op.issuer}/token`, jwksUri: `${op.issuer}/jwks` },
    };
    const started = await wb.call<{ runId: string; authorizeUrl: string; redirectUri: string }>('tests.startDraft', { draft, forceLogin: true });
    expect(started.redirectUri).toBe(redirectUri);
    expect(new URL(started.authorizeUrl).searchParams.get('prompt')).toBe('login');
    await fetch(await oidcLoginWithoutBrowser(started.authorizeUrl, redirectUri, 'alice'));
    const report = await wb.call<Report>('tests.wait', { runId: started.runId });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.connection).toMatchObject({ id, name: 'OIDC draft' });
    expect(await wb.ports.secrets.get(`connection:${id}:client-secret`)).toBeNull();
    expect(await wb.call<unknown[]>('connections.list', {})).toEqual([]);

    const saved = await wb.call<Saved>('connections.create', draft);
    expect(saved).toMatchObject({ id, lastPass: { runId: started.runId }, lastTest: { outcome: 'passed', source: 'live' } });
    expect(saved.validatedAt).not.toBeNull();
    expect((await wb.call<Array<{ runId: string }>>('history.list', { ref: id }))[0]?.runId).toBe(started.runId);
  });

  it('SAML: the draft runs on its final ACS URL and SP entity ID with ForceAuthn="true"; the save is validated', async () => {
    const id = crypto.randomUUID();
    const acsUrl = testAcsUrl(wb.testPort, id);
    ssp = await startSamlPeer({ acsUrl, spEntityId: defaultSpEntityId(wb.testPort, id) });
    const metadata = await wb.call<{ entityId: string; ssoUrl: string; certificates: unknown[] }>('connections.parseMetadata', { url: ssp.metadataUrl });
    const draft = {
      id,
      protocol: 'saml',
      provider: 'custom',
      displayName: 'SAML draft',
      saml: { idp: { entityId: metadata.entityId, ssoUrl: metadata.ssoUrl, certificates: metadata.certificates }, attributeMappings: { email: 'mail' } },
    };
    const started = await wb.call<{ runId: string; authorizeUrl: string; redirectUri: string }>('tests.startDraft', { draft, forceLogin: true });
    expect(started.redirectUri).toBe(acsUrl);
    const request = inflateRawSync(Buffer.from(new URL(started.authorizeUrl).searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    expect(request).toContain('ForceAuthn="true"');
    const fields = await samlLoginWithoutBrowser(started.authorizeUrl, acsUrl, 'alice', 'alicepass');
    await fetch(acsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const report = await wb.call<Report>('tests.wait', { runId: started.runId });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);

    const saved = await wb.call<Saved>('connections.create', draft);
    expect(saved).toMatchObject({ id, lastPass: { runId: started.runId } });
    expect(saved.validatedAt).not.toBeNull();
  });
});
