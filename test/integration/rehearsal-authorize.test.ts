import * as oidc from 'openid-client';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RehearsalStatus } from '../../main/contract/index.js';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { oidcLoginWithoutBrowser } from '../peers/scripted-login.js';
import { createPushEngine, type PushEngine } from '../support/push-engine.js';

// The rehearsal engine authorizes IdP tokens as the platform would: real tokens from oidc-provider, resolved by the
// roles resolver over the roles pushed to the engine (header, session, single org, 404 without access).
const REDIRECT_URI = 'http://127.0.0.1:8719/callback';
const CLIENT = { client_id: 'wb-rehearsal', client_secret: 'wb-rehearsal-secret', redirect_uris: [REDIRECT_URI] };

describe('rehearsal engine: authorize IdP tokens', () => {
  let op: OidcPeer;
  let wb: PushEngine;
  let base: string;
  const adminToken = 'rehearsal-admin-token-for-tests-0002';
  const tokens: Record<string, string> = {};

  async function idToken(login: string): Promise<string> {
    const config = await oidc.discovery(new URL(op.issuer), CLIENT.client_id, CLIENT.client_secret, undefined, { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid email profile groups', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
    const callback = await oidcLoginWithoutBrowser(url.href, REDIRECT_URI, login);
    const result = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    return result.id_token as string;
  }

  beforeAll(async () => {
    op = await startOidcPeer({ clients: [CLIENT], autoConsent: true });
    wb = await createPushEngine();
    await wb.call('connections.create', {
      protocol: 'oidc',
      provider: 'custom',
      displayName: 'Peer',
      clientSecret: CLIENT.client_secret,
      oidc: { issuer: op.issuer, clientId: CLIENT.client_id, authorizationEndpoint: `${op.issuer}/auth`, tokenEndpoint: `${op.issuer}/token`, jwksUri: `${op.issuer}/jwks`, groupSync: { enabled: true, claim: 'groups' } },
    });
    await wb.call('orgs.create', { id: 'org-1', name: 'Research' });
    await wb.call('orgs.create', { id: 'org-2', name: 'Production' });
    await wb.call('roles.create', { scope: 'organization', organizationId: 'org-1', name: 'ml-engineers', permissions: [{ resource: 'model', action: 'read' }] });
    await wb.call('roles.create', { scope: 'organization', organizationId: 'org-2', name: 'sso-admins', permissions: [{ resource: 'custom_roles', action: 'read' }], inheritedRoleNames: [] });
    await wb.call('rehearsal.start', { adminToken });
    await wb.call('rehearsal.addTarget', {});
    await wb.call('targets.push', { ref: 'Local rehearsal' });
    base = ((await wb.call<RehearsalStatus>('rehearsal.status', {})).url as string) + '/api/v3';
    tokens.alice = await idToken('alice');
    tokens.bob = await idToken('bob');
  });
  afterAll(async () => {
    await wb?.close();
    await op?.stop();
  });

  const authorize = (token: string, permission: string, headers: Record<string, string> = {}) => {
    const [resource, action] = permission.split(':');
    return fetch(`${base}/authorization/authorize`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ resource, action }) });
  };

  it('selects the organization by header, answers 404 for one the user cannot reach, and asks when several are reachable', async () => {
    expect((await authorize(tokens.alice as string, 'model:read', { 'arthur-organization-id': 'org-1' })).status).toBe(200);
    expect((await authorize(tokens.alice as string, 'custom_roles:read', { 'arthur-organization-id': 'org-1' })).status).toBe(403);
    expect((await authorize(tokens.alice as string, 'custom_roles:read', { 'arthur-organization-id': 'org-2' })).status).toBe(200);
    expect((await authorize(tokens.alice as string, 'model:read', { 'arthur-organization-id': 'org-9' })).status).toBe(404);
    expect((await authorize(tokens.alice as string, 'model:read')).status).toBe(400);
    const info = (await (await fetch(`${base}/users/me/auth_info`, { headers: { authorization: `Bearer ${tokens.alice}` } })).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ issuer: op.issuer, email: 'alice@example.test', roles: ['sso-admins', 'ml-engineers'] });
    expect((info.organization_ids as string[]).sort()).toEqual(['org-1', 'org-2']);
  });

  it('PUT /organizations/current sets a 30-day _arthur_session cookie that later requests are scoped by', async () => {
    const put = await fetch(`${base}/organizations/current`, { method: 'PUT', headers: { authorization: `Bearer ${tokens.alice}`, 'content-type': 'application/json' }, body: JSON.stringify({ organization_id: 'org-2' }) });
    expect(put.status).toBe(200);
    const cookie = put.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^_arthur_session=[\w-]+; Path=\/; Max-Age=2592000; /);
    expect(cookie).toMatch(/HttpOnly/);
    const session = cookie.split(';')[0] as string;
    const current = await fetch(`${base}/organizations/current`, { headers: { authorization: `Bearer ${tokens.alice}`, cookie: session } });
    expect(await current.json()).toMatchObject({ id: 'org-2', name: 'Production' });
    expect((await authorize(tokens.alice as string, 'custom_roles:read', { cookie: session })).status).toBe(200);
    // The header still wins over the session.
    expect((await authorize(tokens.alice as string, 'custom_roles:read', { cookie: session, 'arthur-organization-id': 'org-1' })).status).toBe(403);
    const refused = await fetch(`${base}/organizations/current`, { method: 'PUT', headers: { authorization: `Bearer ${tokens.alice}`, 'content-type': 'application/json' }, body: JSON.stringify({ organization_id: 'org-9' }) });
    expect(refused.status).toBe(404);
  });

  it('denies a valid token whose groups match no role, and refuses a token signed by a foreign key', async () => {
    const bob = await authorize(tokens.bob as string, 'model:read');
    expect(bob.status).toBe(403);
    expect(((await bob.json()) as { detail: string }).detail).toMatch(/viewers/);

    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ groups: ['ml-engineers'], sub: 'mallory' })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(op.issuer)
      .setAudience(CLIENT.client_id)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    const refused = await authorize(forged, 'model:read', { 'arthur-organization-id': 'org-1' });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/signature|kid/);

    const otherClient = await new SignJWT({ groups: ['ml-engineers'] }).setProtectedHeader({ alg: 'RS256' }).setIssuer(op.issuer).setAudience('someone-else').setExpirationTime(now + 300).sign(privateKey);
    expect((await authorize(otherClient, 'model:read')).status).toBe(401);
  });

  it('lists permissions of the current organization and keeps organization management to global roles', async () => {
    const permissions = await fetch(`${base}/authorization/permissions`, { headers: { authorization: `Bearer ${tokens.alice}`, 'arthur-organization-id': 'org-1' } });
    expect(await permissions.json()).toEqual([{ resource: 'model', action: 'read' }]);
    expect((await fetch(`${base}/organizations`, { headers: { authorization: `Bearer ${tokens.alice}` } })).status).toBe(403);
    const created = await fetch(`${base}/organizations`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Sandbox' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'Sandbox', plan: 'enterprise' });
  });
});
