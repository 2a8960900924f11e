import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateKeyPair, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcPeer, type ClientMetadata, type OidcPeer } from '../peers/oidc-peer.js';
import { oidcLoginWithoutBrowser } from '../peers/scripted-login.js';
import { freePort } from '../support/free-port.js';

// `ssowb test` and `ssowb inspect` as a pipeline runs them: the built CLI (`node scripts/build.mjs --quiet` first),
// a private data dir, oidc-provider on loopback and Chromium for the login. The connections are public clients
// (token_endpoint_auth_method none, PKCE S256), so no keychain is needed.
const built = existsSync('dist/main/cli.mjs');
if (!built) console.warn('oidc CLI tests skipped: dist/main/cli.mjs is missing (run `node scripts/build.mjs --quiet`).');
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CLIENT_ID = 'wb-cli-it';
const CONFIDENTIAL = { id: 'wb-cli-it-confidential', secret: 'wb-cli-it-secret' };
// With the private keyring of `npm test` (scripts/with-keyring.mjs), a confidential client is tested too.
const privateKeyring = Boolean(process.env.SSOWB_PRIVATE_KEYRING_BUS);

/** A native connection file (product.md: `ssowb connections import FILE`) for a public client of the peer. */
function connectionFile(issuer: string, name: string, oidcOverrides: Record<string, unknown> = {}, clientSecret?: string): string {
  const now = new Date().toISOString();
  const connection = {
    id: randomUUID(), createdAt: now, updatedAt: now, protocol: 'oidc', provider: 'custom', displayName: name,
    oidc: {
      issuer, clientId: CLIENT_ID, authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, jwksUri: `${issuer}/jwks`,
      tokenEndpointAuthMethod: 'none', additionalScopes: ['groups'], groupSync: { enabled: true, claim: 'groups' }, ...oidcOverrides,
    },
  };
  const secrets = clientSecret ? { secrets: { clientSecret } } : {};
  return JSON.stringify({ format: 'sso-workbench/connection@1', exportedAt: now, connection, validation: { validatedAt: null, lastTest: null, current: false, settingsDigest: 'x' }, ...secrets });
}

/** Lines of a child's stdout, awaited one by one. */
function lines(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)));
  return () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiting.push(resolve)));
}

describe.skipIf(!built)('ssowb test / ssowb inspect (OIDC, CLI)', () => {
  let dataDir: string;
  let op: OidcPeer;
  let browser: Browser;
  const ssowb = (args: string[]) => spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 30_000 });
  /** For commands that call the in-process IdP (JWKS): spawnSync would block the event loop that serves it. */
  const ssowbAsync = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssowb-oidc-cli-'));
    const [opPort, testPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${opPort}`;
    expect(ssowb(['config', 'set', 'test-port', String(testPort)]).status).toBe(0);
    const redirectUris: string[] = [];
    for (const [name, overrides] of [['Peer CLI', {}], ['Peer CLI verified', { emailVerification: true }]] as const) {
      const file = join(dataDir, `${name}.json`);
      writeFileSync(file, connectionFile(issuer, name, overrides));
      const imported = ssowb(['--json', 'connections', 'import', file]);
      expect(imported.stderr).toBe('');
      redirectUris.push(JSON.parse(imported.stdout).testRedirectUri);
    }
    expect(redirectUris[0]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${testPort}/oidc/[0-9a-f-]{36}/callback$`));
    const clients: ClientMetadata[] = [{ client_id: CLIENT_ID, token_endpoint_auth_method: 'none', redirect_uris: redirectUris, response_types: ['code'], grant_types: ['authorization_code'] }];
    if (privateKeyring) {
      const file = join(dataDir, 'confidential.json');
      writeFileSync(file, connectionFile(issuer, 'Peer CLI confidential', { clientId: CONFIDENTIAL.id, tokenEndpointAuthMethod: 'client_secret_basic' }, CONFIDENTIAL.secret));
      const imported = JSON.parse(ssowb(['--json', 'connections', 'import', file]).stdout);
      expect(imported.hasClientSecret).toBe(true);
      clients.push({ client_id: CONFIDENTIAL.id, client_secret: CONFIDENTIAL.secret, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [imported.testRedirectUri], response_types: ['code'], grant_types: ['authorization_code'] });
    }
    [op, browser] = await Promise.all([
      startOidcPeer({ port: opPort, autoConsent: true, clients }),
      chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), op?.stop()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** `ssowb test <ref> --no-open --json`, logging in with Chromium at the printed URL. */
  async function cliTest(ref: string, login: string) {
    const child = spawn(process.execPath, ['bin/ssowb.cjs', 'test', ref, '--no-open', '--json', '--timeout', '30', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const next = lines(child);
    const authorize = JSON.parse(await next());
    expect(authorize).toEqual({ event: 'authorize', url: expect.stringMatching(new RegExp(`^${op.issuer}/auth\\?`)) });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(authorize.url);
    await page.fill('input[name="login"]', login, { timeout: 10_000 });
    await page.fill('input[name="password"]', 'any-password');
    const click = page.click('button[type="submit"]'); // not awaited before the report: the callback answers after the exchange
    const reportLine = JSON.parse(await next());
    await click;
    await context.close();
    return { reportLine, code: await exited, stderr };
  }

  it('alice: JSON lines authorize → report, outcome passed, exit 0', async () => {
    const { reportLine, code, stderr } = await cliTest('Peer CLI', 'alice');
    expect(stderr).toBe('');
    expect(reportLine.event).toBe('report');
    expect(reportLine.report).toMatchObject({
      outcome: 'passed',
      connection: { name: 'Peer CLI', protocol: 'oidc' },
      user: { userId: 'alice', email: 'alice@example.test' },
      groups: ['sso-admins', 'ml-engineers'],
      claims: { sub: 'alice', groups: ['sso-admins', 'ml-engineers'] },
    });
    expect(code).toBe(0);
    // The run was recorded in the SQLite store before the CLI exited.
    expect(JSON.parse(ssowb(['--json', 'connections', 'show', 'Peer CLI']).stdout)).toMatchObject({ lastTest: { outcome: 'passed', source: 'live' }, validationCurrent: true });
  });

  it.skipIf(!privateKeyring)('a confidential client: the secret comes from the keychain (client_secret_basic), exit 0', async () => {
    const { reportLine, code } = await cliTest('Peer CLI confidential', 'alice');
    expect(reportLine.report.checks.find((c: { id: string }) => c.id === 'oidc.token.exchange')?.message).toMatch(/client_secret_basic/);
    expect(reportLine.report.outcome).toBe('passed');
    expect(code).toBe(0);
  });

  it('bob with email verification on: outcome failed, exit 1, the failing check named', async () => {
    const { reportLine, code } = await cliTest('Peer CLI verified', 'bob');
    expect(reportLine.report.outcome).toBe('failed');
    expect(reportLine.report.checks.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id)).toEqual(['mapping.email_verified']);
    expect(code).toBe(1);
  });

  it('inspect --id-token: a real ID token passes offline (exit 0); a forged one fails its signature (exit 1)', async () => {
    const config = new oidc.Configuration({ issuer: op.issuer, authorization_endpoint: `${op.issuer}/auth`, token_endpoint: `${op.issuer}/token` }, CLIENT_ID, {}, oidc.None());
    oidc.allowInsecureRequests(config);
    const verifier = oidc.randomPKCECodeVerifier();
    const redirect = `${JSON.parse(ssowb(['--json', 'connections', 'show', 'Peer CLI']).stdout).testRedirectUri}`;
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirect, scope: 'openid email profile groups', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 's' });
    const callback = await oidcLoginWithoutBrowser(url.href, redirect, 'alice');
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's' });
    const tokenFile = join(dataDir, 'id-token.txt');
    writeFileSync(tokenFile, `${tokens.id_token}\n`);
    const good = await ssowbAsync(['inspect', 'Peer CLI', '--id-token', tokenFile, '--json']);
    expect(good.status).toBe(0);
    const report = JSON.parse(good.stdout);
    expect(report).toMatchObject({ outcome: 'passed', source: 'inspect', user: { userId: 'alice' } });
    expect(report.checks.find((c: { id: string }) => c.id === 'oidc.id_token.nonce')).toMatchObject({ status: 'skip' });

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...tokens.claims() }).setProtectedHeader({ alg: 'RS256', kid: JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()).kid }).sign(privateKey);
    writeFileSync(tokenFile, forged);
    const bad = await ssowbAsync(['inspect', 'Peer CLI', '--id-token', tokenFile]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAILED/);
    expect(bad.stdout).toMatch(/✗ oidc\.id_token\.signature/);
  });

  it('inspect refuses bad input with exit 2: no token option, two options, or an unreadable --saml-response file', () => {
    expect(ssowb(['inspect', 'Peer CLI']).status).toBe(2);
    expect(ssowb(['inspect', 'Peer CLI', '--id-token', 'a', '--access-token', 'b']).status).toBe(2);
    const saml = ssowb(['inspect', 'Peer CLI', '--saml-response', 'x.xml']);
    expect(saml.status).toBe(2);
    expect(saml.stderr).toMatch(/--saml-response: cannot read x\.xml/);
  });
});
