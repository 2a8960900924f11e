import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcPeer, type OidcPeer } from '../peers/oidc-peer.js';
import { writeSamlPeerConfig } from '../peers/saml-peer-config.js';
import { startSamlPeer, type SamlPeer } from '../peers/saml-peer.js';
import { freePort } from '../support/free-port.js';

// Issue 10 end to end with the built CLI: a connection validated by a live login against the real oidc-provider and
// one validated against SimpleSAMLphp export in every format (stamped with the run that proved them); an edit makes
// the platform formats refuse again (exit 1, naming the test to run) until the next passing run; --force exports
// marked NOT VALIDATED; --out writes atomically with mode 0600.
const built = existsSync('dist/main/cli.mjs');
const keyring = Boolean(process.env.SSOWB_PRIVATE_KEYRING_BUS);
if (!built) console.warn('export live tests skipped: dist/main/cli.mjs is missing (run `node scripts/build.mjs --quiet`).');
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const FORMATS = ['arthur-yaml', 'clearml-env', 'clearml-api', 'json'];
const PLATFORM_FORMATS = ['arthur-yaml', 'clearml-env', 'clearml-api'];

function lines(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)));
  return () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiting.push(resolve)));
}

describe.skipIf(!built)('export validated connections (live runs against real IdPs, CLI)', () => {
  let dataDir: string;
  let op: OidcPeer;
  let ssp: SamlPeer | undefined;
  let browser: Browser;
  const ssowb = (args: string[]) => spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 30_000 });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssowb-export-live-'));
    const [opPort, testPort] = [await freePort(), await freePort()];
    expect(ssowb(['config', 'set', 'test-port', String(testPort)]).status).toBe(0);
    const issuer = `http://127.0.0.1:${opPort}`;
    const now = new Date().toISOString();
    const connection = {
      id: randomUUID(), createdAt: now, updatedAt: now, protocol: 'oidc', provider: 'okta', displayName: 'Live OIDC', platform: 'arthur', webappUrl: 'https://arthur.example.com',
      oidc: { issuer, clientId: 'wb-export-it', authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, jwksUri: `${issuer}/jwks`, tokenEndpointAuthMethod: 'none', additionalScopes: ['groups'], groupSync: { enabled: true, claim: 'groups' } },
    };
    const file = join(dataDir, 'oidc.json');
    writeFileSync(file, JSON.stringify({ format: 'sso-workbench/connection@1', exportedAt: now, connection, validation: { validatedAt: null, lastTest: null, current: false, settingsDigest: 'x' } }));
    const imported = ssowb(['--json', 'connections', 'import', file]);
    expect(imported.status, imported.stderr).toBe(0);
    const redirect = JSON.parse(imported.stdout).testRedirectUri as string;
    [op, browser] = await Promise.all([
      startOidcPeer({ port: opPort, autoConsent: true, clients: [{ client_id: 'wb-export-it', token_endpoint_auth_method: 'none', redirect_uris: [redirect], response_types: ['code'], grant_types: ['authorization_code'] }] }),
      chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), op?.stop(), ssp?.stop()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** `ssowb test <name> --no-open --json`, the login done in Chromium by `login`; resolves with the report and exit code. */
  async function liveTest(name: string, login: (page: Page) => Promise<void>) {
    const child = spawn(process.execPath, ['bin/ssowb.cjs', 'test', name, '--no-open', '--json', '--timeout', '30', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const next = lines(child);
    const authorize = JSON.parse(await next()) as { url: string };
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(authorize.url);
      const click = login(page); // not awaited before the report: the callback answers after the exchange
      const report = JSON.parse(await next()).report;
      await click;
      return { report, code: await exited };
    } finally {
      await context.close();
    }
  }

  /** Exports in every format; checks the stamp cites the connection's last passing run. */
  function exportsEveryFormat(name: string, protocol: 'oidc' | 'saml', passed: number) {
    const shown = JSON.parse(ssowb(['--json', 'connections', 'show', name]).stdout);
    expect(shown).toMatchObject({ validationCurrent: true, lastPass: { source: 'live', checksPassed: passed } });
    for (const format of FORMATS) {
      const result = ssowb(['export', name, '--format', format]);
      expect(result.status, `${format}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toContain(shown.lastPass.runId);
      if (format === 'arthur-yaml') {
        expect(result.stdout).toContain('# validation: VALIDATED');
        expect(parse(result.stdout)).toMatchObject({ kind: protocol.toUpperCase(), version: protocol === 'oidc' ? 'v2' : 'v1' });
      }
      if (format === 'json') expect(JSON.parse(result.stdout).validation.stamp).toMatchObject({ validated: true, runId: shown.lastPass.runId, protocol });
    }
  }

  /**
   * An edit as a pipeline can make one without the console: export the backup, change a setting, import it with
   * --replace (the changed settings no longer match the file's digest, so the connection counts as changed).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON file, edited like a person would
  function edit(name: string, change: (connection: Record<string, any>) => void) {
    const file = JSON.parse(ssowb(['export', name, '--format', 'json']).stdout);
    change(file.connection);
    const path = join(dataDir, `${name}-edited.json`);
    writeFileSync(path, JSON.stringify(file));
    expect(ssowb(['connections', 'import', path]).status).toBe(2); // never overwritten without asking
    const replaced = ssowb(['--json', 'connections', 'import', path, '--replace']);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ id: file.connection.id, validationCurrent: false });
  }

  /** After an edit: every platform format exits 1 naming the test; json still exports; --force is stamped. */
  function refusesAfterEdit(name: string) {
    for (const format of PLATFORM_FORMATS) {
      const refused = ssowb(['export', name, '--format', format]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('is not validated');
      expect(refused.stderr).toContain(`ssowb test "${name}"`);
      expect(refused.stdout).toBe('');
    }
    expect(ssowb(['export', name, '--format', 'json']).status).toBe(0);
    const out = join(dataDir, `${name}.yaml`);
    const forced = ssowb(['export', name, '--format', 'arthur-yaml', '--force', '--out', out]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# validation: NOT VALIDATED/m);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  }

  it('OIDC: a live pass against oidc-provider → every format; an edit → refused until the next pass', async () => {
    const loginAlice = async (page: Page) => {
      await page.fill('input[name="login"]', 'alice', { timeout: 10_000 });
      await page.fill('input[name="password"]', 'any-password');
      await page.click('button[type="submit"]');
    };
    const first = await liveTest('Live OIDC', loginAlice);
    expect(first.report.outcome).toBe('passed');
    expect(first.code).toBe(0);
    exportsEveryFormat('Live OIDC', 'oidc', first.report.checks.filter((c: { status: string }) => c.status === 'pass').length);
    edit('Live OIDC', (connection) => (connection.oidc.clockToleranceSeconds = 45));
    refusesAfterEdit('Live OIDC');
    const again = await liveTest('Live OIDC', loginAlice);
    expect(again.report.outcome).toBe('passed');
    expect(ssowb(['export', 'Live OIDC', '--format', 'clearml-env']).status).toBe(0);
  });

  it.skipIf(!keyring)('SAML: a live pass against SimpleSAMLphp → every format; an edit → refused', async () => {
    ssp = await startSamlPeer();
    const added = ssowb(['--json', 'connections', 'add', 'saml', '--name', 'Live SAML', '--provider', 'custom', '--metadata', ssp.metadataUrl, '--groups-attribute', 'memberOf', '--webapp-url', 'https://arthur.example.com']);
    expect(added.status, added.stderr).toBe(0);
    const view = JSON.parse(added.stdout) as { testAcsUrl: string; spEntityId: string };
    await writeSamlPeerConfig(ssp.configDir, {
      port: ssp.port,
      spEntityId: view.spEntityId,
      acsUrl: view.testAcsUrl,
      spCertificateBody: null,
      validateAuthnRequest: false,
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      idpCertificatePem: ssp.idpCertificatePem,
      idpPrivateKeyPem: ssp.idpPrivateKeyPem,
    });
    const { report, code } = await liveTest('Live SAML', async (page) => {
      await page.fill('#username', 'bob', { timeout: 10_000 });
      await page.fill('#password', 'bobpass');
      await page.click('#submit_button');
    });
    expect(report.outcome).toBe('passed');
    expect(code).toBe(0);
    exportsEveryFormat('Live SAML', 'saml', report.checks.filter((c: { status: string }) => c.status === 'pass').length);
    const yaml = parse(ssowb(['export', 'Live SAML', '--format', 'arthur-yaml']).stdout);
    expect(yaml.config.metadataURL).toBe(ssp.metadataUrl);
    edit('Live SAML', (connection) => (connection.saml.clockSkewSeconds = 90));
    refusesAfterEdit('Live SAML');
  });
});
