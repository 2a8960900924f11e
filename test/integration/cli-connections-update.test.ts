import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../../main/core/idp/key-generation.js';
import { certificateBody } from '../../main/core/idp/x509.js';

// `ssowb connections add|update` with every settings flag, as a pipeline runs them: the built CLI, a private data dir,
// a loopback server playing the IdP's discovery document and metadata, and the private keyring of `npm test` (client
// secrets and SAML keys live only in the keychain). Each flag is set once to a good value and checked in the
// `--json` output, and refused once with a bad value: exit 2, the flag named on stderr, the connection unchanged.
const built = existsSync('dist/main/cli.mjs');
const keyring = Boolean(process.env.SSOWB_PRIVATE_KEYRING_BUS);
if (!built || !keyring) console.warn('connections update CLI tests skipped: build first and run under `node scripts/with-keyring.mjs`.');

const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

function metadataXml(entityId: string, certificatePem: string, bindings: string[]): string {
  const sso = bindings.map((b) => `<md:SingleSignOnService Binding="${b}" Location="https://idp.example.com/sso/${b.endsWith('POST') ? 'post' : 'redirect'}"/>`).join('');
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    ${sso}
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

// Each case is a CLI process (≈0.5 s on 2 shared cores): the OIDC case runs about forty of them.
describe.skipIf(!built || !keyring)('ssowb connections add / update: every flag, and a bad value for each', { timeout: 180_000 }, () => {
  let dataDir: string;
  let server: Server;
  let base = '';
  let metadataFile = '';
  // Asynchronous on purpose: the loopback server in this process must answer while the CLI runs.
  const ssowb = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
    });
  const show = async (ref: string) => JSON.parse((await ssowb(['connections', 'show', ref, '--json'])).stdout) as Record<string, unknown>;
  const updateJson = async (ref: string, args: string[], env: Record<string, string> = {}) => {
    const result = await ssowb(['connections', 'update', ref, '--json', ...args], env);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssowb-cli-update-'));
    const { certificatePem } = await generateSigningKeyPair({ algorithm: 'EC-P256', commonName: 'idp', validityDays: 365, now: new Date() });
    const { certificatePem: rolled } = await generateSigningKeyPair({ algorithm: 'EC-P256', commonName: 'idp-2', validityDays: 365, now: new Date() });
    metadataFile = join(dataDir, 'idp-metadata.xml');
    writeFileSync(metadataFile, metadataXml('https://idp.example.com/saml', certificatePem, [REDIRECT, POST]));
    server = createServer((request, response) => {
      const send = (type: string, body: string) => response.writeHead(200, { 'content-type': type }).end(body);
      if (request.url === '/oidc/.well-known/openid-configuration') {
        return send('application/json', JSON.stringify({
          issuer: `${base}/oidc`, authorization_endpoint: `${base}/oidc/auth`, token_endpoint: `${base}/oidc/token`, jwks_uri: `${base}/oidc/jwks`,
          userinfo_endpoint: `${base}/oidc/me`, id_token_signing_alg_values_supported: ['ES256'], code_challenge_methods_supported: ['S256'],
          response_types_supported: ['code'], subject_types_supported: ['public'],
        }));
      }
      if (request.url === '/saml/post-only.xml') return send('application/xml', metadataXml('https://idp2.example.com/saml', rolled, [POST]));
      response.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `update ref …bad` and expects exit 2 naming `flag`, with the JSON error on stdout naming it too. */
  const refused = async (ref: string, flag: string, args: string[], env: Record<string, string> = {}) => {
    const result = await ssowb(['connections', 'update', ref, '--json', ...args], env);
    expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(2);
    expect(result.stderr, args.join(' ')).toContain(flag);
    expect(JSON.parse(result.stdout).error.field, args.join(' ')).toBe(flag);
  };

  it('OIDC: add from --issuer discovery with extra parameters, then update every flag; each bad value is refused and changes nothing', async () => {
    const added = await ssowb(['connections', 'add', 'oidc', '--json', '--name', 'Entra prod', '--provider', 'azure', '--issuer', `${base}/oidc`,
      '--client-id', 'app-1', '--token-endpoint-auth', 'none', '--auth-param', 'domain_hint=corp.example', '--auth-param', 'prompt=select_account',
      '--claim', 'email=upn', '--groups-claim', 'groups']);
    expect(added.status, added.stderr).toBe(0);
    // The draft of the discovery document: endpoints, and ES256 because the IdP does not sign with RS256 (a warning says so).
    expect(added.stderr).toMatch(/warning: .*ES256/);
    const created = JSON.parse(added.stdout);
    expect(created.oidc).toMatchObject({
      issuer: `${base}/oidc`, authorizationEndpoint: `${base}/oidc/auth`, jwksUri: `${base}/oidc/jwks`, userinfoEndpoint: `${base}/oidc/me`,
      allowedSigningAlgs: ['ES256'], tokenEndpointAuthMethod: 'none', authParams: { domain_hint: 'corp.example', prompt: 'select_account' },
      claimMappings: { email: 'upn' }, groupSync: { enabled: true, claim: 'groups' },
    });

    const updated = await updateJson('Entra prod', [
      '--name', 'Entra main', '--provider', 'microsoft-ad', '--webapp-url', 'https://clearml.example.com', '--platform', 'arthur', '--inactive',
      '--client-id', 'app-2', '--client-secret-env', 'CS', '--authorization-endpoint', 'https://login.example.com/authorize',
      '--token-endpoint', 'https://login.example.com/token', '--jwks-uri', 'https://login.example.com/keys', '--userinfo-endpoint', 'https://login.example.com/me',
      '--revocation-endpoint', 'https://login.example.com/revoke', '--pkce', 'plain', '--scopes', 'openid,email', '--additional-scopes', 'offline_access groups',
      '--token-endpoint-auth', 'client_secret_post', '--auth-param', 'prompt=', '--auth-param', 'acr_values=urn:mfa', '--claim', 'userId=oid',
      '--claim', 'picture=', '--groups-claim', 'roles', '--admin-groups', 'ML Admins, Platform Ops', '--group-map', 'ml=Admins,Queue admins',
      '--group-map', 'data=Users', '--groups-case-insensitive', '--allowed-algs', 'RS256,PS256', '--clock-tolerance', '120',
    ], { CS: 'cs-canary-77' });
    expect(updated).toMatchObject({
      id: created.id, name: 'Entra main', provider: 'microsoft-ad', webappUrl: 'https://clearml.example.com', platform: 'arthur', active: false, hasClientSecret: true,
      oidc: {
        clientId: 'app-2', authorizationEndpoint: 'https://login.example.com/authorize', tokenEndpoint: 'https://login.example.com/token',
        jwksUri: 'https://login.example.com/keys', userinfoEndpoint: 'https://login.example.com/me', revocationEndpoint: 'https://login.example.com/revoke',
        codeChallengeMethod: 'plain', standardScopes: ['openid', 'email'], additionalScopes: ['offline_access', 'groups'],
        tokenEndpointAuthMethod: 'client_secret_post', authParams: { domain_hint: 'corp.example', acr_values: 'urn:mfa' },
        claimMappings: { userId: 'oid', email: 'upn', picture: '' }, allowedSigningAlgs: ['RS256', 'PS256'], clockToleranceSeconds: 120,
        groupSync: {
          enabled: true, claim: 'roles', caseSensitive: false, adminGroups: ['ML Admins', 'Platform Ops'],
          mappings: [{ idpGroup: 'ml', platformGroups: ['Admins', 'Queue admins'] }, { idpGroup: 'data', platformGroups: ['Users'] }],
        },
      },
    });
    expect(updated.oidc.authParams).not.toHaveProperty('prompt');
    expect(JSON.stringify(updated)).not.toContain('cs-canary-77');
    expect(await updateJson('Entra main', ['--active', '--no-group-sync'])).toMatchObject({ active: true, oidc: { groupSync: { enabled: false } } });
    expect(await updateJson('Entra main', ['--groups-case-sensitive', '--group-sync'])).toMatchObject({ oidc: { groupSync: { enabled: true, caseSensitive: true } } });

    expect((await ssowb(['connections', 'add', 'saml', '--name', 'Other', '--provider', 'custom', '--metadata', metadataFile])).status).toBe(0);
    const before = await show('Entra main');
    const cases: Array<[string, string[], Record<string, string>?]> = [
      ['--name', ['--name', 'other']],
      ['--name', ['--name', 'a\u0007b']],
      ['--provider', ['--provider', 'duo']],
      ['--webapp-url', ['--webapp-url', 'ftp://clearml.example.com']],
      ['--platform', ['--platform', 'mlflow']],
      ['--active', ['--active', '--inactive']],
      ['--client-id', ['--client-id', ' ']],
      ['--client-secret-env', ['--client-secret-env', 'SSOWB_UNSET_VARIABLE']],
      ['--issuer', ['--issuer', `${base}/missing`]],
      ['--authorization-endpoint', ['--authorization-endpoint', 'http://login.example.com/authorize']],
      ['--token-endpoint', ['--token-endpoint', 'login.example.com/token']],
      ['--jwks-uri', ['--jwks-uri', 'https://login.example.com/keys#x']],
      ['--userinfo-endpoint', ['--userinfo-endpoint', 'https://user:pw@login.example.com/me']],
      ['--revocation-endpoint', ['--revocation-endpoint', 'revoke']],
      ['--pkce', ['--pkce', 'S512']],
      ['--scopes', ['--scopes', 'profile email']],
      ['--additional-scopes', ['--additional-scopes', 'a"b']],
      ['--token-endpoint-auth', ['--token-endpoint-auth', 'private_key_jwt']],
      ['--auth-param', ['--auth-param', 'state=abc']],
      ['--auth-param', ['--auth-param', 'prompt=always']],
      ['--auth-param', ['--auth-param', 'no-equals-sign']],
      ['--claim', ['--claim', 'department=dept']],
      ['--claim', ['--claim', 'userId=']],
      ['--groups-claim', ['--groups-claim', 'realm_access..roles']],
      ['--admin-groups', ['--admin-groups', 'ok,bad\u0001group']],
      ['--group-map', ['--group-map', 'ml=']],
      ['--group-map', ['--group-map', 'ml=A', '--group-map', 'ml=B']],
      ['--group-sync', ['--no-group-sync', '--groups-claim', 'groups']],
      ['--groups-case-insensitive', ['--groups-case-insensitive', '--groups-case-sensitive']],
      ['--allowed-algs', ['--allowed-algs', 'none']],
      ['--clock-tolerance', ['--clock-tolerance', '601']],
      ['--clock-tolerance', ['--clock-tolerance', 'soon']],
      ['--sign-requests', ['--sign-requests']],
      ['--metadata', ['--metadata', metadataFile]],
    ];
    for (const [flag, args, env] of cases) await refused('Entra main', flag === '--group-sync' ? '--no-group-sync' : flag, args, env);
    expect(await show('Entra main')).toEqual(before);
  });

  it('SAML: add with --attribute and --metadata, update every flag (--metadata-url reloads a POST-only IdP); each bad value is refused', async () => {
    const added = await ssowb(['connections', 'add', 'saml', '--json', '--name', 'ADFS', '--provider', 'microsoft-ad', '--metadata', metadataFile,
      '--attribute', 'userId=uid', '--attribute', 'email=mail', '--groups-attribute', 'memberOf', '--sign-requests']);
    expect(added.status, added.stderr).toBe(0);
    const created = JSON.parse(added.stdout);
    expect(created).toMatchObject({
      hasPrivateKey: true,
      saml: { signRequests: true, idp: { entityId: 'https://idp.example.com/saml', ssoBinding: 'HTTP-Redirect', metadataSource: { kind: 'file' } },
        attributeMappings: { userId: 'uid', email: 'mail' }, groupSync: { enabled: true, attribute: 'memberOf' } },
    });
    expect(created.saml.signingCertificate.pem).toMatch(/BEGIN CERTIFICATE/);

    const reloaded = await ssowb(['connections', 'update', 'ADFS', '--json', '--metadata-url', `${base}/saml/post-only.xml`]);
    expect(reloaded.status, reloaded.stderr).toBe(0);
    expect(reloaded.stderr).toMatch(/warning: .*HTTP-POST/);
    expect(JSON.parse(reloaded.stdout).saml.idp).toMatchObject({
      entityId: 'https://idp2.example.com/saml', ssoUrl: 'https://idp.example.com/sso/post', ssoBinding: 'HTTP-POST', metadataSource: { kind: 'url', value: `${base}/saml/post-only.xml` },
    });

    const updated = await updateJson('ADFS', ['--sp-entity-id', 'https://clearml.example.com/saml', '--attribute', 'name=cn', '--attribute', 'picture=photo',
      '--groups-attribute', 'groups', '--admin-groups', 'Domain Admins', '--group-map', 'ml-team=Admins,Users', '--no-sign-requests', '--encrypt-assertions',
      '--name-id-format', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', '--clock-tolerance', '90', '--webapp-url', 'https://clearml.example.com']);
    expect(updated).toMatchObject({
      spEntityId: 'https://clearml.example.com/saml',
      saml: {
        signRequests: false, encryptAssertions: true, nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', clockSkewSeconds: 90,
        attributeMappings: { userId: 'uid', email: 'mail', name: 'cn', picture: 'photo' },
        groupSync: { enabled: true, attribute: 'groups', adminGroups: ['Domain Admins'], mappings: [{ idpGroup: 'ml-team', platformGroups: ['Admins', 'Users'] }] },
      },
    });
    expect(updated.saml.encryptionCertificate.pem).toMatch(/BEGIN CERTIFICATE/);
    const spMetadata = await ssowb(['connections', 'sp-metadata', 'ADFS']);
    expect(spMetadata.stdout).toMatch(/<md:KeyDescriptor use="encryption">/);

    const before = await show('ADFS');
    const cases: Array<[string, string[]]> = [
      ['--sp-entity-id', ['--sp-entity-id', ' ']],
      ['--attribute', ['--attribute', 'userId=']],
      ['--attribute', ['--attribute', 'role=r']],
      ['--groups-attribute', ['--groups-attribute', ' ']],
      ['--name-id-format', ['--name-id-format', ' ']],
      ['--clock-tolerance', ['--clock-tolerance', '700']],
      ['--metadata', ['--metadata', join(dataDir, 'no-such-file.xml')]],
      ['--metadata-url', ['--metadata-url', 'ftp://idp.example.com/metadata']],
      ['--metadata-url', ['--metadata-url', `${base}/missing.xml`]],
      ['--provider', ['--provider', 'okta']],
      ['--claim', ['--claim', 'email=mail']],
      ['--auth-param', ['--auth-param', 'prompt=login']],
      ['--issuer', ['--issuer', `${base}/oidc`]],
    ];
    for (const [flag, args] of cases) await refused('ADFS', flag, args);
    expect(await show('ADFS')).toEqual(before);
  });

  it('add refuses a bad value naming the flag and stores nothing', async () => {
    const count = (JSON.parse((await ssowb(['connections', 'list', '--json'])).stdout) as unknown[]).length;
    const oidc = ['connections', 'add', 'oidc', '--json', '--name', 'New', '--provider', 'okta', '--client-id', 'x', '--issuer', `${base}/oidc`];
    for (const [flag, args] of [
      ['--provider', ['connections', 'add', 'oidc', '--json', '--name', 'New', '--provider', 'jumpcloud', '--client-id', 'x', '--issuer', `${base}/oidc`]],
      ['--auth-param', [...oidc, '--auth-param', 'nonce=1']],
      ['--clock-tolerance', [...oidc, '--clock-tolerance', '-1']],
      ['--authorization-endpoint', ['connections', 'add', 'oidc', '--json', '--name', 'New', '--provider', 'okta', '--client-id', 'x']],
      ['--metadata', ['connections', 'add', 'saml', '--json', '--name', 'New', '--provider', 'duo']],
      ['--attribute', ['connections', 'add', 'saml', '--json', '--name', 'New', '--provider', 'duo', '--metadata', metadataFile, '--attribute', 'mail']],
    ] as Array<[string, string[]]>) {
      const result = await ssowb(args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(flag);
    }
    expect(JSON.parse((await ssowb(['connections', 'list', '--json'])).stdout)).toHaveLength(count);
  });
});
