import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../main/contract/index.js';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { oidcLoginWithoutBrowser } from '../peers/scripted-login.js';
import { createLiveEngine, joseConnectionInput, startJoseOp, type JoseOp, type LiveEngine } from '../support/jose-op.js';
import { freePort } from '../support/free-port.js';

// Token endpoint client authentication as an admin meets it: a refused secret says the IdP refused the client's
// credentials (method, fixes), the RFC 6749 §2.3.1 form-encoding trap is named and has a way out in the product, and
// the 401 answer is shown as received under "Full provider response" (tokens never).

const SECRET = 'wb-secret_with-dash_and_underscore';
const exchangeOf = (report: Report) => report.checks.find((c) => c.id === 'oidc.token.exchange');
type Entry = { endpoint: string; status: number; headers: Record<string, string>; body: Record<string, unknown> };
const backChannel = (report: Report) => (report.details.backChannel ?? []) as Entry[];

describe('client authentication against a peer that compares HTTP Basic credentials without decoding', () => {
  let op: JoseOp;
  let wb: LiveEngine;
  let id: string;

  beforeAll(async () => {
    op = await startJoseOp({ clientSecret: SECRET, basicWithoutDecoding: true });
    wb = await createLiveEngine();
    id = (await wb.call<{ id: string }>('connections.create', joseConnectionInput(op, 'Raw basic'))).id;
  });
  afterAll(async () => {
    await wb?.close();
    await op?.stop();
  });

  async function liveRun(): Promise<Report> {
    const start = await wb.call<{ runId: string; authorizeUrl: string }>('tests.start', { ref: 'Raw basic', timeoutSeconds: 20 });
    await fetch(await op.authorize(start.authorizeUrl));
    return wb.call<Report>('tests.wait', { runId: start.runId });
  }

  it('client_secret_basic with "-" and "_" in the secret: refused credentials, the method, and the encoding trap with its way out', async () => {
    const report = await liveRun();
    expect(report.outcome).toBe('failed');
    const check = exchangeOf(report);
    expect(check?.status).toBe('fail');
    expect(check?.message).toContain("The IdP refused the client's credentials (HTTP 401, invalid_client");
    expect(check?.message).toContain('WWW-Authenticate: Basic realm="jose-op"');
    expect(check?.message).toContain('client_secret_basic');
    expect(check?.message).not.toMatch(/openid-client|challenge in the WWW-Authenticate/);
    expect(check?.hint).toContain('wrong or was rotated');
    expect(check?.hint).toContain('form-encoded before Base64');
    expect(check?.hint).toContain('HTTP Basic without form-encoding');
    expect(check?.hint).toContain('client_secret_post');
    expect(backChannel(report)).toEqual([
      expect.objectContaining({ endpoint: 'token', status: 401, headers: expect.objectContaining({ 'www-authenticate': 'Basic realm="jose-op"' }), body: { error: 'invalid_client', error_description: 'client authentication failed' } }),
    ]);
  });

  it('the compatibility method "HTTP Basic without form-encoding" logs in; the token answer is shown with tokens redacted', async () => {
    await wb.call('connections.update', { id, oidc: { tokenEndpointAuthMethod: 'client_secret_basic_unencoded' } });
    const report = await liveRun();
    expect(report.outcome).toBe('passed');
    const [token] = backChannel(report);
    expect(token).toMatchObject({ endpoint: 'token', status: 200 });
    expect(String(token?.body.id_token)).toMatch(/^\(id token: \d+ characters, not stored\)$/);
    expect(JSON.stringify(report.details)).not.toMatch(/eyJ[\w-]{4,}\./);
  });

  it('client_secret_post logs in too', async () => {
    await wb.call('connections.update', { id, oidc: { tokenEndpointAuthMethod: 'client_secret_post' } });
    expect((await liveRun()).outcome).toBe('passed');
  });
});

describe('client authentication against oidc-provider', () => {
  let peer: OidcPeer;
  let wb: LiveEngine;
  let redirectUri: string;

  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    wb = await createLiveEngine();
    const input = {
      protocol: 'oidc',
      provider: 'custom',
      displayName: 'Peer',
      clientSecret: SECRET,
      oidc: { issuer, clientId: 'wb-auth', authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, jwksUri: `${issuer}/jwks`, additionalScopes: ['groups'], groupSync: { enabled: true, claim: 'groups' } },
    };
    redirectUri = (await wb.call<{ testRedirectUri: string }>('connections.create', input)).testRedirectUri;
    await wb.call('connections.create', { ...input, displayName: 'Peer wrong secret', clientSecret: 'rotated-long-ago' });
    const wrong = (await wb.call<{ testRedirectUri: string }>('connections.get', { ref: 'Peer wrong secret' })).testRedirectUri;
    peer = await startOidcPeer({ port, autoConsent: true, clients: [{ client_id: 'wb-auth', client_secret: SECRET, redirect_uris: [redirectUri, wrong], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }] });
  });
  afterAll(async () => {
    await wb?.close();
    await peer?.stop();
  });

  async function liveRun(ref: string): Promise<Report> {
    const start = await wb.call<{ runId: string; authorizeUrl: string; redirectUri: string }>('tests.start', { ref, timeoutSeconds: 30 });
    await fetch(await oidcLoginWithoutBrowser(start.authorizeUrl, start.redirectUri, 'alice'));
    return wb.call<Report>('tests.wait', { runId: start.runId });
  }

  it('a secret with "-" and "_" passes with client_secret_basic (oidc-provider form-decodes as RFC 6749 says)', async () => {
    const report = await liveRun('Peer');
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.outcome).toBe('passed');
    expect(exchangeOf(report)?.message).toContain('client_secret_basic');
  });

  it('a wrong secret: the IdP refused the client credentials, with the method and the fixes, and its 401 body shown', async () => {
    const report = await liveRun('Peer wrong secret');
    const check = exchangeOf(report);
    expect(check).toMatchObject({ status: 'fail', message: expect.stringContaining("The IdP refused the client's credentials (HTTP 401, invalid_client") });
    expect(check?.message).toContain('client_secret_basic');
    expect(check?.hint).toContain('wrong or was rotated');
    expect(check?.hint).toContain('form-encoded before Base64');
    const [token] = backChannel(report);
    expect(token).toMatchObject({ endpoint: 'token', status: 401, body: { error: 'invalid_client' } });
  });
});
