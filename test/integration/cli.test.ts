import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The `ssowb` CLI as a user runs it: the built bundle (npm test builds first), a private data dir,
// and — for anything that stores a secret — the private keyring that `npm test` provides.
const built = existsSync('dist/main/cli.mjs');
const privateKeyring = Boolean(process.env.SSOWB_PRIVATE_KEYRING_BUS);
if (!built) console.warn('cli tests skipped: dist/main/cli.mjs is missing (run `npm run build`; `npm test` builds first).');

describe.skipIf(!built)('ssowb CLI', () => {
  let dataDir: string;
  const ssowb = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 20_000,
    });

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssowb-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints its version', () => {
    const result = ssowb(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 and names the field for bad input, keeping stdout JSON-only with --json', () => {
    const result = ssowb(['--json', 'config', 'set', 'test-port', '80']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/testPort/);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'invalid_input', field: 'testPort' } });
    const unknown = ssowb(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });

  it('keeps the ClearML platform groups set by config set clearml-groups (an empty value clears them)', () => {
    const set = ssowb(['--json', 'config', 'set', 'clearml-groups', 'ml-engineers, data-science']);
    expect(set.status, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ clearmlGroups: ['ml-engineers', 'data-science'] });
    expect(ssowb(['config', 'set', 'clearml-groups', '']).stdout).toContain('clearml-groups = (none)');
  });

  it('refuses an OIDC connection with an http endpoint and no JWKS, naming both fields, and stores nothing', () => {
    const result = ssowb(['connections', 'add', 'oidc', '--name', 'Bad', '--provider', 'custom', '--client-id', 'x',
      '--authorization-endpoint', 'http://idp.example.com/auth', '--token-endpoint', 'https://idp.example.com/token']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/oidc\.authorizationEndpoint/);
    expect(result.stderr).toMatch(/oidc\.jwksUri/);
    expect(ssowb(['connections', 'list', '--json']).stdout.trim()).toBe('[]');
  });

  it.skipIf(!privateKeyring)('adds, lists, exports and removes an OIDC connection; the secret stays in the keychain', () => {
    const canary = 'cli-canary-5b7e21';
    const added = ssowb(['connections', 'add', 'oidc', '--json', '--name', 'Keycloak ML', '--provider', 'keycloak',
      '--client-id', 'clearml', '--client-secret-env', 'SSOWB_TEST_SECRET',
      '--authorization-endpoint', 'https://kc.example.com/auth', '--token-endpoint', 'https://kc.example.com/token',
      '--jwks-uri', 'https://kc.example.com/certs', '--groups-claim', 'realm_access.roles'], { SSOWB_TEST_SECRET: canary });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    const connection = JSON.parse(added.stdout);
    expect(connection).toMatchObject({ name: 'Keycloak ML', protocol: 'oidc', provider: 'keycloak', active: true, hasClientSecret: true });
    expect(connection.testRedirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oidc\/.+\/callback$/);
    expect(connection.updatedAt).toBeTruthy();
    expect(added.stdout).not.toContain(canary);

    const listed = JSON.parse(ssowb(['connections', 'list', '--json']).stdout);
    expect(listed.map((c: { id: string }) => c.id)).toEqual([connection.id]);
    // product.md: list objects carry id, name, protocol, provider, active, updatedAt, the test endpoint and
    // hasClientSecret (never a secret); the settings are `connections show`'s.
    const { id, name, protocol, provider, active, updatedAt, testRedirectUri, hasClientSecret } = connection;
    expect(listed[0]).toMatchObject({ id, name, protocol, provider, active, updatedAt, testRedirectUri, hasClientSecret });
    expect(listed[0]).not.toHaveProperty('oidc');
    expect(ssowb(['connections', 'deactivate', 'keycloak ml']).status).toBe(0);
    expect(JSON.parse(ssowb(['connections', 'show', connection.id, '--json']).stdout).active).toBe(false);

    const exported = ssowb(['export', 'Keycloak ML', '--format', 'json']);
    expect(exported.status).toBe(0);
    expect(exported.stdout).not.toContain(canary);
    for (const file of readdirSync(dataDir)) expect(readFileSync(join(dataDir, file)).includes(canary)).toBe(false);
    const lookup = spawnSync('secret-tool', ['lookup', 'service', 'sso-workbench', 'account', `connection:${connection.id}:client-secret`], { encoding: 'utf8' });
    expect(lookup.stdout).toBe(canary);

    // The native format round-trips: remove, then import the file.
    const file = join(dataDir, 'backup.json');
    writeFileSync(file, exported.stdout);
    expect(ssowb(['connections', 'remove', 'Keycloak ML']).status).toBe(0);
    expect(ssowb(['connections', 'list', '--json']).stdout.trim()).toBe('[]');
    const imported = ssowb(['connections', 'import', file, '--json']);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ name: 'Keycloak ML', provider: 'keycloak' });
  });

  it('serves browser mode on 127.0.0.1 with a one-time token and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, 'serve', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const exchange = await fetch(url, { redirect: 'manual' });
    expect(exchange.status).toBe(303);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
