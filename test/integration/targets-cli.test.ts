import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeArthur, type FakeArthur } from '../support/fake-arthur.js';

// `ssowb targets|roles plan|roles push|engine` as a pipeline runs them: the built CLI, a private data dir, the private
// keyring, a strict fake Arthur. A canary target token must be found only in the keychain.
const built = existsSync('dist/main/cli.mjs');
const privateKeyring = Boolean(process.env.SSOWB_PRIVATE_KEYRING_BUS);

describe.skipIf(!built || !privateKeyring)('ssowb targets, roles plan/push and engine', () => {
  const canary = `canary-target-token-${Date.now().toString(36)}-7f3a`;
  let dataDir: string;
  let arthur: FakeArthur;
  const outputs: string[] = [];

  /** Async (the fake Arthur answers from this process), collecting every output for the canary scan. */
  const ssowb = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, ...args], { env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => {
        outputs.push(stdout, stderr);
        resolve({ status, stdout, stderr });
      });
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssowb-targets-cli-'));
    arthur = await startFakeArthur({ token: canary, organizations: [{ id: 'org-1', name: 'Research' }] });
  });
  afterAll(async () => {
    await arthur?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds a target from an env var, checks, plans and pushes as JSON; exit 1 when a role fails', async () => {
    expect((await ssowb(['orgs', 'add', '--id', 'org-1', '--name', 'Research'])).status).toBe(0);
    const rolesFile = join(dataDir, 'roles.json');
    writeFileSync(rolesFile, JSON.stringify({ roles: [{ role_name: 'ml-readers', permissions: [{ resource: 'model', action: 'read' }] }, { role_name: 'ml-admins', inherited_role_names: ['Administrator'] }] }));
    expect((await ssowb(['roles', 'import', rolesFile, '--org', 'org-1'])).status).toBe(0);

    const missing = await ssowb(['targets', 'add', '--name', 'prod', '--url', arthur.url, '--token-env', 'NOPE_UNSET']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--token-env/);
    const insecure = await ssowb(['targets', 'add', '--name', 'prod', '--url', 'http://arthur.example.com', '--token-env', 'ARTHUR_TOKEN'], { ARTHUR_TOKEN: canary });
    expect(insecure.status).toBe(2);
    expect(insecure.stderr).toMatch(/url: .*https/);

    const added = await ssowb(['targets', 'add', '--name', 'prod', '--url', arthur.url, '--token-env', 'ARTHUR_TOKEN', '--json'], { ARTHUR_TOKEN: canary });
    expect(added.status).toBe(0);
    const target = JSON.parse(added.stdout) as { id: string; hasToken: boolean };
    expect(target.hasToken).toBe(true);
    const listed = JSON.parse((await ssowb(['targets', 'list', '--json'])).stdout) as Array<{ name: string }>;
    expect(listed.map((t) => t.name)).toEqual(['prod']);
    const check = await ssowb(['targets', 'check', 'prod', '--json']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, organizations: [{ id: 'org-1', name: 'Research' }] });

    const plan = await ssowb(['roles', 'plan', '--target', 'prod', '--json']);
    expect(plan.status).toBe(0);
    expect(JSON.parse(plan.stdout).changes).toEqual([
      { org: 'org-1', role: 'ml-admins', action: 'create' },
      { org: 'org-1', role: 'ml-readers', action: 'create' },
    ]);
    const pushed = await ssowb(['roles', 'push', '--target', 'prod', '--yes', '--json']);
    expect(pushed.status).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ outcome: 'succeeded', counts: { done: 2, failed: 0 } });
    expect(JSON.parse((await ssowb(['roles', 'plan', '--target', 'prod', '--json'])).stdout).changes.map((c: { action: string }) => c.action)).toEqual(['keep', 'keep']);

    writeFileSync(rolesFile, JSON.stringify({ roles: [{ role_name: 'ml-writers', permissions: [{ resource: 'model', action: 'write' }] }] }));
    expect((await ssowb(['roles', 'import', rolesFile, '--org', 'org-1'])).status).toBe(0);
    arthur.faults.POST = [{ kind: 'status', status: 422 }];
    const failed = await ssowb(['roles', 'push', '--target', 'prod', '--yes']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/✗ create\s+ml-writers .*422/);

    // The canary token: in the keychain, and nowhere else.
    for (const file of readdirSync(dataDir)) expect(readFileSync(join(dataDir, file)).includes(canary), file).toBe(false);
    for (const text of outputs) expect(text).not.toContain(canary);
    const audit = await ssowb(['roles', 'list', '--json']);
    expect(audit.stdout).not.toContain(canary);
    const lookup = await new Promise<string>((resolve) => {
      const child = spawn('secret-tool', ['lookup', 'service', 'sso-workbench', 'account', `target:${target.id}:token`]);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('close', () => resolve(out));
    });
    expect(lookup).toBe(canary);
    expect((await ssowb(['targets', 'remove', 'prod'])).status).toBe(0);
  });

  it('ssowb engine serves the Arthur-compatible API on 127.0.0.1 with its admin token until SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/ssowb.cjs', '--data-dir', dataDir, 'engine', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`engine exited ${code}`)));
    });
    const { url, adminToken } = JSON.parse(line) as { url: string; adminToken: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const orgs = await fetch(`${url}/api/v3/organizations`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(orgs.status).toBe(200);
    expect(JSON.stringify(await orgs.json())).not.toContain(canary);
    expect((await fetch(`${url}/api/v3/organizations`)).status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
