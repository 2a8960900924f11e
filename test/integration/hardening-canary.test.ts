import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebBridge, type WebBridge } from '../../main/bridge/web-bridge.js';
import { openSqliteStore } from '../../main/adapters/sqlite-store/index.js';
import { createEngine, type Engine } from '../../main/core/engine.js';
import { createLogger } from '../../main/core/log/logger.js';
import { createTestPorts, FakeLoopback, MemorySecretStore } from '../support/fakes.js';
import { createTestKey } from '../support/saml-forge.js';

// The standing canary scan (issue 13): a canary client secret and a SAML private key go through every flow (create,
// update, read, list, export without secrets, SP metadata, inspect of a token keyed by the secret, a live start and
// cancel, History, audit), in browser mode over the real bridge and through the CLI; then the SQLite file with its
// WAL/SHM, every file of the data directory, the log, the bridge's responses, the event stream and the CLI's output are
// scanned. Expected hits: 0. A target's API token is a canary too. Secrets live only in the keychain,
// which is therefore not scanned; `export --include-secrets` is the one flow that returns them on purpose, also excluded.
const CANARY = `canary-client-secret-${Date.now().toString(36)}-7f3a9c1e`;
const TARGET_CANARY = `canary-target-token-${Date.now().toString(36)}-e9d2`;
const CLI_CANARY = `canary-cli-secret-${Date.now().toString(36)}-b41d`;

/**
 * The needles for a PEM private key: single lines of its base64 body (64 random characters each, so a hit is never
 * chance), found whether the key was stored as text, JSON-escaped (\n between lines) or logged.
 */
const pemNeedles = (pem: string) => {
  const lines = pem.split(/\r?\n/).filter((line) => /^[A-Za-z0-9+/]{64}$/.test(line));
  return [lines[1] ?? '', lines[5] ?? '', lines[9] ?? ''].filter(Boolean);
};

function hits(haystack: string, needles: string[]): string[] {
  return needles.filter((needle) => haystack.includes(needle));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

describe('canary scan: secrets never leave the keychain', () => {
  let dataDir: string;
  let engine: Engine;
  let bridge: WebBridge;
  let secrets: MemorySecretStore;
  const log: string[] = [];
  const responses: string[] = [];
  let events = '';
  let cookie = '';
  let stopEvents: () => void = () => undefined;

  const call = (name: string, input: unknown) =>
    new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: bridge.port, path: `/api/invoke/${name}`, method: 'POST', headers: { host: `127.0.0.1:${bridge.port}`, origin: bridge.origin, cookie, 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            responses.push(body);
            resolve(JSON.parse(body) as { ok: boolean; value?: unknown });
          });
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssowb-canary-'));
    secrets = new MemorySecretStore();
    engine = createEngine(createTestPorts({ store: openSqliteStore(dataDir), secrets, loopback: new FakeLoopback(), log: createLogger((line) => log.push(line), 'debug') }));
    const staticDir = mkdtempSync(join(tmpdir(), 'ssowb-canary-static-'));
    bridge = await startWebBridge({ engine, staticDir });
    cookie = await new Promise<string>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: bridge.port, path: `/?token=${new URL(bridge.url).searchParams.get('token')}`, headers: { host: `127.0.0.1:${bridge.port}` } }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '');
      }).end();
    });
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: { host: `127.0.0.1:${bridge.port}`, cookie } }, (res) => {
        res.on('data', (chunk: Buffer) => (events += chunk.toString()));
        resolve();
      });
      req.end();
      stopEvents = () => req.destroy();
    });
  });
  afterAll(async () => {
    stopEvents();
    await bridge?.close();
    await engine?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('browser mode: every flow, then the database, data directory, log, responses and event stream have 0 hits', async () => {
    const issuer = 'https://idp.example.com';
    const oidc = await call('connections.create', {
      protocol: 'oidc',
      provider: 'okta',
      displayName: 'Canary OIDC',
      clientSecret: CANARY,
      oidc: { issuer, clientId: 'clearml', authorizationEndpoint: `${issuer}/a`, tokenEndpoint: `${issuer}/t`, jwksUri: `${issuer}/k`, allowedSigningAlgs: ['RS256', 'HS256'] },
    });
    expect(oidc.ok).toBe(true);
    const idp = await createTestKey('idp.example.com');
    const saml = await call('connections.create', {
      protocol: 'saml',
      provider: 'custom',
      displayName: 'Canary SAML',
      saml: { idp: { entityId: issuer, ssoUrl: `${issuer}/sso`, certificates: [idp.certificate] }, signRequests: true },
      generateKeyPair: { algorithm: 'RSA-2048', validityDays: 30 },
    });
    expect(saml.ok).toBe(true);
    const privateKey = [...secrets.items.entries()].find(([account]) => account.endsWith(':saml-private-key'))?.[1] ?? '';
    expect(privateKey).toMatch(/BEGIN PRIVATE KEY/);
    const needles = [CANARY, TARGET_CANARY, ...pemNeedles(privateKey)];
    expect(needles).toHaveLength(5);
    expect((await call('targets.add', { name: 'Canary target', url: 'https://arthur.example.com/', token: TARGET_CANARY })).ok).toBe(true);
    await call('targets.list', {});
    expect((await call('targets.update', { ref: 'Canary target', name: 'Canary target 2', token: TARGET_CANARY })).ok).toBe(true);
    await call('targets.get', { ref: 'Canary target 2' });

    // Every flow that touches the connections and their secrets.
    await call('connections.update', { id: 'Canary OIDC', displayName: 'Canary OIDC 2', clientSecret: CANARY });
    await call('connections.get', { ref: 'Canary OIDC 2' });
    await call('connections.list', {});
    expect((await call('connections.export', { ref: 'Canary OIDC 2', format: 'json' })).ok).toBe(true);
    expect((await call('connections.export', { ref: 'Canary SAML', format: 'json' })).ok).toBe(true);
    expect((await call('connections.spMetadata', { ref: 'Canary SAML' })).ok).toBe(true);
    const now = Math.floor(Date.now() / 1000);
    const hsToken = await new SignJWT({ iss: issuer, aud: 'clearml', sub: 'bob', iat: now, exp: now + 60, email: 'b@x' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(CANARY));
    const inspected = await call('tests.inspect', { ref: 'Canary OIDC 2', idToken: hsToken });
    expect(inspected.ok).toBe(true);
    const started = (await call('tests.start', { ref: 'Canary OIDC 2', timeoutSeconds: 60 })) as { ok: boolean; value: { runId: string } };
    expect(started.ok).toBe(true);
    await call('tests.cancel', { runId: started.value.runId });
    const samlStart = (await call('tests.start', { ref: 'Canary SAML', timeoutSeconds: 60 })) as { ok: boolean; value: { runId: string } };
    expect(samlStart.ok).toBe(true);
    await call('tests.cancel', { runId: samlStart.value.runId });
    await call('history.list', {});
    await call('audit.list', {});
    await call('connections.remove', { ref: 'Canary OIDC 2' });
    const removedSecret = [...secrets.items.keys()].filter((account) => account.includes('client-secret'));
    expect(removedSecret).toEqual([]);

    // The scan. The engine is still open: the WAL holds recent pages, which is exactly what must be clean too.
    const scanned: Record<string, string[]> = {};
    for (const file of filesUnder(dataDir)) scanned[file] = hits(readFileSync(file).toString('latin1'), needles);
    expect(Object.keys(scanned).some((file) => file.endsWith('workbench.sqlite-wal'))).toBe(true);
    scanned.log = hits(log.join('\n'), needles);
    scanned.responses = hits(responses.join('\n'), needles);
    scanned.events = hits(events, needles);
    expect(responses.length).toBeGreaterThan(15);
    expect(events).toContain('onAuditAppended');
    // Positive control: the scanner does find the canaries where they are meant to be (an export that asks for them).
    const withSecrets = await engine.invoke('connections.export', { ref: 'Canary SAML', format: 'json', includeSecrets: true });
    expect(hits(JSON.stringify(withSecrets), needles).length).toBeGreaterThan(0);
    const found = Object.entries(scanned).filter(([, h]) => h.length > 0);
    expect(found, `canary found in: ${found.map(([where]) => where).join(', ')}`).toEqual([]);
  });

  it('the CLI: add with --client-secret-env, list, show, export — 0 hits in its output and its data directory', () => {
    expect(existsSync('dist/main/cli.mjs'), 'dist/main/cli.mjs is missing: run `npm run build` (npm test builds first)').toBe(true);
    expect(process.env.SSOWB_PRIVATE_KEYRING_BUS, 'run under scripts/with-keyring.mjs (npm test does)').toBeTruthy();
    const cliDir = mkdtempSync(join(tmpdir(), 'ssowb-canary-cli-'));
    try {
      const output: string[] = [];
      const ssowb = (...args: string[]) => {
        const result = spawnSync(process.execPath, ['bin/ssowb.cjs', '--data-dir', cliDir, ...args], { encoding: 'utf8', env: { ...process.env, CANARY_SECRET: CLI_CANARY }, timeout: 30_000 });
        output.push(result.stdout, result.stderr);
        return result;
      };
      const add = ssowb('connections', 'add', 'oidc', '--name', 'Canary CLI', '--provider', 'okta', '--client-id', 'c', '--authorization-endpoint', 'https://idp.example.com/a', '--token-endpoint', 'https://idp.example.com/t', '--jwks-uri', 'https://idp.example.com/k', '--client-secret-env', 'CANARY_SECRET', '--json');
      expect(add.status, add.stderr).toBe(0);
      expect(ssowb('connections', 'list', '--json').status).toBe(0);
      expect(ssowb('connections', 'show', 'Canary CLI').status).toBe(0);
      expect(ssowb('export', 'Canary CLI', '--format', 'json').status).toBe(0);
      expect(ssowb('connections', 'remove', 'Canary CLI').status).toBe(0);
      expect(hits(output.join('\n'), [CLI_CANARY])).toEqual([]);
      for (const file of filesUnder(cliDir)) expect(hits(readFileSync(file).toString('latin1'), [CLI_CANARY]), file).toEqual([]);
    } finally {
      rmSync(cliDir, { recursive: true, force: true });
    }
  });
});
