import { errors } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../main/contract/index.js';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { oidcLoginWithoutBrowser } from '../peers/scripted-login.js';
import { createLiveEngine, type LiveEngine } from '../support/jose-op.js';
import { freePort } from '../support/free-port.js';

// ClearML 3.24's extra authorization-request parameters, proved against a real IdP: oidc-provider configured to
// require `domain_hint=corp.example` (as Entra tenants are told to, to skip the account picker). A connection that
// sends it logs in; one that does not is refused by the IdP, and the report's hint names the parameter.
const CLIENT = { id: 'wb-params-it', secret: 'wb-params-secret' };

describe('OIDC extra authorization parameters against oidc-provider', () => {
  let wb: LiveEngine;
  let op: OidcPeer;

  const connection = (issuer: string, name: string, authParams: Record<string, string>) => ({
    protocol: 'oidc',
    provider: 'azure',
    displayName: name,
    clientSecret: CLIENT.secret,
    oidc: {
      issuer, clientId: CLIENT.id, authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, userinfoEndpoint: `${issuer}/me`, jwksUri: `${issuer}/jwks`,
      additionalScopes: ['groups'], groupSync: { enabled: true, claim: 'groups' }, authParams,
    },
  });

  beforeAll(async () => {
    wb = await createLiveEngine();
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const good = await wb.call<{ testRedirectUri: string }>('connections.create', connection(issuer, 'With hint', { domain_hint: 'corp.example', login_hint: 'alice' }));
    const bad = await wb.call<{ testRedirectUri: string }>('connections.create', connection(issuer, 'Without hint', {}));
    op = await startOidcPeer({
      port,
      autoConsent: true,
      clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [good.testRedirectUri, bad.testRedirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
      configuration: {
        extraParams: {
          // Required, like a tenant policy: anything but corp.example is an invalid request.
          domain_hint(_ctx: unknown, value: string | undefined) {
            if (value !== 'corp.example') throw new errors.InvalidRequest('domain_hint is required and must be corp.example');
          },
          login_hint: null,
        },
      },
    });
  });
  afterAll(async () => {
    await op?.stop();
    await wb?.close();
  });

  async function run(ref: string): Promise<{ report: Report; authorizeUrl: string }> {
    const start = await wb.call<{ runId: string; authorizeUrl: string; redirectUri: string }>('tests.start', { ref, timeoutSeconds: 30 });
    const callback = await oidcLoginWithoutBrowser(start.authorizeUrl, start.redirectUri, 'alice');
    const [report] = await Promise.all([wb.call<Report>('tests.wait', { runId: start.runId }), fetch(callback).then((r) => r.text())]);
    return { report, authorizeUrl: start.authorizeUrl };
  }

  it('sends the parameters on the authorization request; the IdP that requires one lets the login through', async () => {
    const { report, authorizeUrl } = await run('With hint');
    const sent = new URL(authorizeUrl).searchParams;
    expect(sent.get('domain_hint')).toBe('corp.example');
    expect(sent.get('login_hint')).toBe('alice');
    expect(report.outcome).toBe('passed');
    expect(report.checks.find((c) => c.id === 'oidc.authorize.extra_params')).toMatchObject({ status: 'pass', message: expect.stringContaining('domain_hint=corp.example') });
    expect(report.details).toMatchObject({ authorizationRequest: { extraParams: { domain_hint: 'corp.example', login_hint: 'alice' } } });
  });

  it('without the parameter the IdP refuses the request, and the hint names the parameter to set', async () => {
    const { report, authorizeUrl } = await run('Without hint');
    expect(new URL(authorizeUrl).searchParams.has('domain_hint')).toBe(false);
    expect(report.outcome).toBe('failed');
    const failed = report.checks.find((c) => c.id === 'oidc.callback.error');
    expect(failed).toMatchObject({ status: 'fail', message: expect.stringContaining('invalid_request') });
    expect(failed?.hint).toMatch(/domain_hint/);
  });
});
