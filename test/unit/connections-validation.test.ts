import { describe, expect, it } from 'vitest';
import { createEngine } from '../../main/core/engine.js';
import { createFakeIdpTools, createTestPorts, fakeCertificatePem } from '../support/fakes.js';

const okta = 'https://dev-1.okta.com/oauth2/default/v1';
const oidc = (over: Record<string, unknown> = {}, oidcOver: Record<string, unknown> = {}) => ({
  protocol: 'oidc',
  provider: 'okta',
  displayName: 'Okta',
  webappUrl: 'https://app.clearml.example.com',
  oidc: { clientId: 'client-1', authorizationEndpoint: `${okta}/authorize`, tokenEndpoint: `${okta}/token`, jwksUri: `${okta}/keys`, ...oidcOver },
  ...over,
});
const idpCert = { ...JSON.parse('{}'), pem: fakeCertificatePem('idp', '2030-01-01T00:00:00.000Z'), subject: '', issuer: '', notBefore: '', notAfter: '', fingerprintSha256: '', expired: false, expiresInDays: 0 };
const saml = (samlOver: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  protocol: 'saml',
  provider: 'custom',
  displayName: 'SAML',
  saml: { idp: { entityId: 'https://idp.example.com', ssoUrl: 'https://idp.example.com/sso', certificates: [idpCert] }, ...samlOver },
  ...over,
});

async function create(input: unknown) {
  const ports = createTestPorts();
  const result = await createEngine(ports, { idpTools: createFakeIdpTools() }).invoke('connections.create', input);
  return { result, ports };
}

/** Asserts a refused create names `field` with a message matching `fix`, and that nothing was stored. */
async function expectIssue(input: unknown, field: string, fix: RegExp) {
  const { result, ports } = await create(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid_input');
  const issue = result.error.issues?.find((i) => i.field === field);
  expect(issue, `issues: ${JSON.stringify(result.error.issues)}`).toBeDefined();
  expect(issue?.message).toMatch(fix);
  expect(ports.store.connections.list()).toEqual([]);
  expect(ports.store.audit.list({ limit: 10 })).toEqual([]);
}

describe('connection validation (one rule each)', () => {
  it('accepts a valid OIDC connection and fills the defaults', async () => {
    const { result } = await create(oidc());
    expect(result).toMatchObject({
      ok: true,
      value: { oidc: { codeChallengeMethod: 'S256', standardScopes: ['openid', 'profile', 'email'], allowedSigningAlgs: ['RS256'], clockToleranceSeconds: 30, claimMappings: { userId: 'sub' } } },
    });
  });

  it('verifyTokenSignature needs jwksUri', () => expectIssue(oidc({}, { jwksUri: undefined }), 'oidc.jwksUri', /jwks_uri.*or turn off verifyTokenSignature/));

  it('userinfo endpoint is required when userInfoFromIdToken is false', () =>
    expectIssue(oidc({}, { userInfoFromIdToken: false }), 'oidc.userinfoEndpoint', /enter the IdP's userinfo_endpoint, or turn on userInfoFromIdToken/));

  it('endpoints need https except loopback', async () => {
    await expectIssue(oidc({}, { tokenEndpoint: 'http://idp.example.com/token' }), 'oidc.tokenEndpoint', /use https:\/\//);
    const { result } = await create(oidc({}, { tokenEndpoint: 'http://127.0.0.1:9000/token', authorizationEndpoint: 'http://localhost:9000/auth', jwksUri: 'http://[::1]:9000/jwks' }));
    expect(result.ok).toBe(true);
  });

  it('endpoints must be absolute', () => expectIssue(oidc({}, { authorizationEndpoint: '/oauth2/authorize' }), 'oidc.authorizationEndpoint', /not an absolute URL: enter the full address/));

  it('endpoints must not carry a fragment', () => expectIssue(oidc({}, { jwksUri: `${okta}/keys#x` }), 'oidc.jwksUri', /remove everything from the "#"/));

  it('standard scopes must include openid', () => expectIssue(oidc({}, { standardScopes: ['profile', 'email'] }), 'oidc.standardScopes', /add openid/));

  it('"none" is never an allowed signing algorithm', () => expectIssue(oidc({}, { allowedSigningAlgs: ['RS256', 'none'] }), 'oidc.allowedSigningAlgs', /remove it.*RS256/));

  it('display name is trimmed, 1–80 characters', async () => {
    await expectIssue(oidc({ displayName: '   ' }), 'displayName', /give the connection a name/);
    await expectIssue(oidc({ displayName: 'x'.repeat(81) }), 'displayName', /shorten it/);
    const { result } = await create(oidc({ displayName: '  Okta  ' }));
    expect(result).toMatchObject({ ok: true, value: { displayName: 'Okta', name: 'Okta' } });
  });

  it('webappUrl must be https (http only for localhost)', () => expectIssue(oidc({ webappUrl: 'http://clearml.example.com' }), 'webappUrl', /use https:\/\//));

  it('provider must belong to the protocol', () => expectIssue(oidc({ provider: 'duo' }), 'provider', /use one of auth0, cognito/));

  it('claim paths are checked with the column of the problem', () =>
    expectIssue(oidc({}, { groupSync: { enabled: true, claim: '"cognito:groups' } }), 'oidc.groupSync.claim', /column 1.*closing "/));

  it('unknown fields are refused rather than ignored', () => expectIssue(oidc({}, { clientSecret: 'x' }), 'oidc', /Unrecognized key/));

  it('SAML needs an IdP certificate when assertions must be signed', () =>
    expectIssue(saml({ idp: { entityId: 'https://idp.example.com', ssoUrl: 'https://idp.example.com/sso' } }), 'saml.idp.certificates', /load the IdP metadata/));

  it('SAML needs an IdP certificate when responses must be signed', () =>
    expectIssue(
      saml({ requireSignedAssertions: false, requireSignedResponse: true, idp: { entityId: 'https://idp.example.com', ssoUrl: 'https://idp.example.com/sso' } }),
      'saml.idp.certificates',
      /paste the certificate/,
    ));

  it('signRequests needs a certificate and a private key (present or generated)', async () => {
    await expectIssue(saml({ signRequests: true }), 'privateKeyPem', /paste privateKeyPem, set generateKeyPair, or turn off signRequests/);
    await expectIssue(saml({ signRequests: true }), 'saml.signingCertificate', /generate a key pair/);
    const { result } = await create({ ...saml({ signRequests: true }), generateKeyPair: { algorithm: 'RSA-2048', validityDays: 365 } });
    expect(result).toMatchObject({ ok: true, value: { hasPrivateKey: true, saml: { signRequests: true } } });
  });

  it('SAML SSO URL follows the endpoint rules', () =>
    expectIssue(saml({ idp: { entityId: 'x', ssoUrl: 'http://idp.example.com/sso', certificates: [idpCert] } }), 'saml.idp.ssoUrl', /use https/));

  it('lists every bad field at once and stores nothing', async () => {
    const { result, ports } = await create(oidc({ displayName: '' }, { jwksUri: undefined, standardScopes: ['email'], tokenEndpoint: 'nope' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues?.map((i) => i.field).sort()).toEqual(['displayName', 'oidc.jwksUri', 'oidc.standardScopes', 'oidc.tokenEndpoint']);
    expect(ports.store.connections.list()).toEqual([]);
  });

  it('a duplicate display name (ignoring case) is a conflict naming displayName', async () => {
    const ports = createTestPorts();
    const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
    expect((await engine.invoke('connections.create', oidc({ displayName: 'Okta' }))).ok).toBe(true);
    const again = await engine.invoke('connections.create', oidc({ displayName: 'OKTA ' }));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', field: 'displayName', message: expect.stringContaining('already exists') } });
    expect(ports.store.connections.list()).toHaveLength(1);
  });
});
