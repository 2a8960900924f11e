import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/app-error.js';
import { applyPreset, listPresets } from '../../main/core/connections/presets/index.js';
import { createEngine } from '../../main/core/engine.js';
import { createFakeIdpTools, createTestPorts } from '../support/fakes.js';

const oidc = (provider: string, inputs: Record<string, string> = {}) => applyPreset({ protocol: 'oidc', provider }, inputs);
const saml = (provider: string, inputs: Record<string, string> = {}) => applyPreset({ protocol: 'saml', provider }, inputs);

describe('connection presets', () => {
  it('lists one preset per provider of each protocol', () => {
    const keys = listPresets().map((p) => `${p.protocol}:${p.provider}`);
    expect(keys.sort()).toEqual(
      [
        ...['auth0', 'cognito', 'google', 'keycloak', 'microsoft-ad', 'azure', 'okta', 'ping', 'custom'].map((p) => `oidc:${p}`),
        ...['duo', 'google', 'jumpcloud', 'microsoft-ad', 'custom'].map((p) => `saml:${p}`),
      ].sort(),
    );
  });

  it('Okta: endpoints from the domain and authorization server, groups claim', () => {
    const { oidc: o } = oidc('okta', { domain: 'https://dev-1.okta.com/' });
    expect(o).toMatchObject({
      issuer: 'https://dev-1.okta.com/oauth2/default',
      authorizationEndpoint: 'https://dev-1.okta.com/oauth2/default/v1/authorize',
      tokenEndpoint: 'https://dev-1.okta.com/oauth2/default/v1/token',
      userinfoEndpoint: 'https://dev-1.okta.com/oauth2/default/v1/userinfo',
      jwksUri: 'https://dev-1.okta.com/oauth2/default/v1/keys',
      revocationEndpoint: 'https://dev-1.okta.com/oauth2/default/v1/revoke',
      groupSync: { enabled: true, claim: 'groups' },
    });
    expect(oidc('okta', { domain: 'dev-1.okta.com', authorizationServerId: 'aus1' }).oidc?.issuer).toBe('https://dev-1.okta.com/oauth2/aus1');
    expect(oidc('okta', { domain: 'dev-1.okta.com', authorizationServerId: 'org' }).oidc).toMatchObject({
      issuer: 'https://dev-1.okta.com',
      tokenEndpoint: 'https://dev-1.okta.com/oauth2/v1/token',
    });
  });

  it('Azure: v2.0 issuer and endpoints from the tenant, GUID groups with the overage note', () => {
    const result = oidc('azure', { tenantId: 'tid-1' });
    expect(result.oidc).toMatchObject({
      issuer: 'https://login.microsoftonline.com/tid-1/v2.0',
      authorizationEndpoint: 'https://login.microsoftonline.com/tid-1/oauth2/v2.0/authorize',
      tokenEndpoint: 'https://login.microsoftonline.com/tid-1/oauth2/v2.0/token',
      jwksUri: 'https://login.microsoftonline.com/tid-1/discovery/v2.0/keys',
      emailVerification: false,
      groupSync: { enabled: true, claim: 'groups' },
    });
    expect(result.notes.join(' ')).toMatch(/GUID/);
    expect(result.notes.join(' ')).toMatch(/_claim_names\/_claim_sources/);
    expect(oidc('azure', { tenantId: 'common' }).oidc?.issuer).toBeUndefined();
  });

  it('Microsoft AD (AD FS) OIDC: /adfs issuer and endpoints', () => {
    expect(oidc('microsoft-ad', { host: 'adfs.corp.example.com' }).oidc).toMatchObject({
      issuer: 'https://adfs.corp.example.com/adfs',
      authorizationEndpoint: 'https://adfs.corp.example.com/adfs/oauth2/authorize',
      tokenEndpoint: 'https://adfs.corp.example.com/adfs/oauth2/token',
      jwksUri: 'https://adfs.corp.example.com/adfs/discovery/keys',
      groupSync: { claim: 'group' },
    });
  });

  it('Microsoft AD SAML: claim URIs, groups attribute and DN→CN', () => {
    const { saml: s } = saml('microsoft-ad', { host: 'adfs.corp.example.com' });
    expect(s).toMatchObject({
      idp: { entityId: 'http://adfs.corp.example.com/adfs/services/trust', ssoBinding: 'HTTP-Redirect' },
      attributeMappings: {
        userId: '$nameid',
        email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
        name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
        givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
        familyName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
      },
      groupSync: { attribute: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups', groupNameFromDnCn: true },
    });
  });

  it('Cognito: pool issuer, hosted-UI endpoints, "cognito:groups" quoted', () => {
    const { oidc: o } = oidc('cognito', { userPoolId: 'eu-west-1_AbC123', domain: 'myapp' });
    expect(o).toMatchObject({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      jwksUri: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json',
      authorizationEndpoint: 'https://myapp.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
      tokenEndpoint: 'https://myapp.auth.eu-west-1.amazoncognito.com/oauth2/token',
      userinfoEndpoint: 'https://myapp.auth.eu-west-1.amazoncognito.com/oauth2/userInfo',
      revocationEndpoint: 'https://myapp.auth.eu-west-1.amazoncognito.com/oauth2/revoke',
      groupSync: { claim: '"cognito:groups"' },
    });
    expect(oidc('cognito', { userPoolId: 'p', region: 'us-east-1', domain: 'login.example.com' }).oidc?.tokenEndpoint).toBe('https://login.example.com/oauth2/token');
  });

  it('Keycloak: realm issuer and openid-connect endpoints', () => {
    const { oidc: o, notes } = oidc('keycloak', { baseUrl: 'https://sso.example.com/', realm: 'ml' });
    const base = 'https://sso.example.com/realms/ml/protocol/openid-connect';
    expect(o).toMatchObject({
      issuer: 'https://sso.example.com/realms/ml',
      authorizationEndpoint: `${base}/auth`,
      tokenEndpoint: `${base}/token`,
      userinfoEndpoint: `${base}/userinfo`,
      jwksUri: `${base}/certs`,
      revocationEndpoint: `${base}/revoke`,
      groupSync: { claim: 'groups' },
    });
    expect(notes.join(' ')).toMatch(/realm_access\.roles/);
  });

  it('Auth0: issuer with trailing slash, namespaced groups claim', () => {
    expect(oidc('auth0', { domain: 'acme.eu.auth0.com' }).oidc).toMatchObject({
      issuer: 'https://acme.eu.auth0.com/',
      authorizationEndpoint: 'https://acme.eu.auth0.com/authorize',
      tokenEndpoint: 'https://acme.eu.auth0.com/oauth/token',
      userinfoEndpoint: 'https://acme.eu.auth0.com/userinfo',
      jwksUri: 'https://acme.eu.auth0.com/.well-known/jwks.json',
      revocationEndpoint: 'https://acme.eu.auth0.com/oauth/revoke',
      groupSync: { claim: '"https://example.com/groups"' },
    });
    expect(oidc('auth0', { domain: 'a.auth0.com', claimNamespace: 'https://acme.io/' }).oidc?.groupSync?.claim).toBe('"https://acme.io/groups"');
  });

  it('Ping: PingOne endpoints from region and environment', () => {
    const env = '8a7b6c5d-1234-4e5f-9abc-0123456789ab';
    expect(oidc('ping', { environmentId: env, region: 'eu' }).oidc).toMatchObject({
      issuer: `https://auth.pingone.eu/${env}/as`,
      authorizationEndpoint: `https://auth.pingone.eu/${env}/as/authorize`,
      tokenEndpoint: `https://auth.pingone.eu/${env}/as/token`,
      userinfoEndpoint: `https://auth.pingone.eu/${env}/as/userinfo`,
      jwksUri: `https://auth.pingone.eu/${env}/as/jwks`,
      revocationEndpoint: `https://auth.pingone.eu/${env}/as/revoke`,
    });
  });

  it('Google OIDC: fixed endpoints, no groups claim (explained)', () => {
    const result = oidc('google');
    expect(result.oidc).toMatchObject({ issuer: 'https://accounts.google.com', tokenEndpoint: 'https://oauth2.googleapis.com/token', groupSync: { enabled: false } });
    expect(result.notes.join(' ')).toMatch(/no groups claim/);
  });

  it('SAML presets carry their attribute names', () => {
    expect(saml('google', { idpId: 'C01' }).saml).toMatchObject({ idp: { ssoUrl: 'https://accounts.google.com/o/saml2/idp?idpid=C01' }, groupSync: { enabled: false } });
    expect(saml('jumpcloud', { ssoLabel: 'ml' }).saml).toMatchObject({ idp: { entityId: 'JumpCloud', ssoUrl: 'https://sso.jumpcloud.com/saml2/ml' }, groupSync: { attribute: 'memberOf' } });
    expect(saml('duo').saml).toMatchObject({ attributeMappings: { email: 'Email' }, groupSync: { attribute: 'groups' } });
    expect(saml('custom').saml).toMatchObject({ attributeMappings: { userId: '$nameid' } });
    expect(oidc('custom', { issuer: 'https://idp.example.com/' }).oidc?.issuer).toBe('https://idp.example.com');
  });

  it('a missing tenant input is refused, naming the input', () => {
    expect(() => oidc('okta')).toThrow(AppError);
    expect(() => oidc('okta')).toThrow(/inputs\.domain: Okta domain is required, e.g\./);
    expect(() => oidc('cognito', { userPoolId: 'bad', domain: 'x' })).toThrow(/inputs\.region/);
  });

  it('presets produce connections that validate once the client ID is added', async () => {
    const engine = createEngine(createTestPorts(), { idpTools: createFakeIdpTools() });
    const drafts = [oidc('okta', { domain: 'dev-1.okta.com' }), oidc('keycloak', { baseUrl: 'https://kc.example.com', realm: 'r' }), oidc('azure', { tenantId: 't' })];
    for (const [i, draft] of drafts.entries()) {
      const result = await engine.invoke('connections.create', { protocol: 'oidc', provider: draft.provider, displayName: `c${i}`, oidc: { ...draft.oidc, clientId: 'id' } });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });

  it('every preset passes the operation output contract', async () => {
    const engine = createEngine(createTestPorts(), { idpTools: createFakeIdpTools() });
    const sample: Record<string, Record<string, string>> = {
      'oidc:okta': { domain: 'dev-1.okta.com' },
      'oidc:azure': { tenantId: 't' },
      'oidc:microsoft-ad': { host: 'adfs.example.com' },
      'oidc:cognito': { userPoolId: 'eu-west-1_A', domain: 'd' },
      'oidc:keycloak': { baseUrl: 'https://kc.example.com', realm: 'r' },
      'oidc:auth0': { domain: 'a.auth0.com' },
      'oidc:ping': { environmentId: '8a7b6c5d-1234-4e5f-9abc-0123456789ab' },
      'saml:microsoft-ad': { tenantId: 't' },
      'saml:duo': { metadataUrl: 'https://sso-1.sso.duosecurity.com/saml2/sp/D1/metadata' },
    };
    for (const { protocol, provider } of listPresets()) {
      const result = await engine.invoke('connections.applyPreset', { protocol, provider, inputs: sample[`${protocol}:${provider}`] ?? {} });
      expect(result.ok, `${protocol}:${provider} ${JSON.stringify(result)}`).toBe(true);
    }
  });

  it('is reachable through the engine', async () => {
    const engine = createEngine(createTestPorts(), { idpTools: createFakeIdpTools() });
    expect(await engine.invoke('connections.presets', {})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ provider: 'okta' })]) });
    expect(await engine.invoke('connections.applyPreset', { protocol: 'oidc', provider: 'okta', inputs: { domain: 'dev-1.okta.com' } })).toMatchObject({
      ok: true,
      value: { oidc: { issuer: 'https://dev-1.okta.com/oauth2/default' } },
    });
    expect(await engine.invoke('connections.applyPreset', { protocol: 'saml', provider: 'okta', inputs: {} })).toMatchObject({ ok: false, error: { field: 'provider' } });
  });
});
