/**
 * The crash-loop child (test/integration/hardening-crash-loop.test.ts): makes multi-step changes through the real
 * engine on a real SQLite file, with a file-per-item stand-in for the OS keychain (each item written durably and
 * atomically, like a keychain item, and as independent of the database as the real one), printing `done N` after each
 * change. The parent SIGKILLs it at a random point. At start it first runs the start-up reconcile and reports what it
 * found, so every kill is followed by a check.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../main/adapters/sqlite-store/index.js';
import { createEngine } from '../../main/core/engine.js';
import { reconcileSecrets } from '../../main/core/connections/reconcile.js';
import type { SecretStore } from '../../main/core/ports/index.js';
import { createFakeIdpTools, FixedClock } from './fakes.js';
import { silentLogger } from '../../main/core/log/logger.js';

const [dataDir, seedText] = process.argv.slice(2) as [string, string];
const keychainDir = join(dataDir, 'keychain');
mkdirSync(keychainDir, { recursive: true });
const fileOf = (account: string) => join(keychainDir, encodeURIComponent(account));

/** The OS keychain answers over IPC/D-Bus in milliseconds; modelled so a kill can land while a call is in flight. */
const latency = () => new Promise<void>((resolve) => setTimeout(resolve, 3));

/** A keychain stand-in: one file per item, written to a temp name, fsynced, renamed (atomic, durable). */
export const fileSecrets: SecretStore = {
  status: async () => ({ state: 'available', detail: 'file keychain', backend: 'file' }),
  async set(account, secret) {
    await latency();
    const temp = `${fileOf(account)}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    writeSync(fd, secret);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, fileOf(account));
  },
  async get(account) {
    await latency();
    return existsSync(fileOf(account)) ? readFileSync(fileOf(account), 'utf8') : null;
  },
  async delete(account) {
    await latency();
    if (!existsSync(fileOf(account))) return false;
    rmSync(fileOf(account));
    return true;
  },
  async accounts() {
    return readdirSync(keychainDir).filter((name) => !name.endsWith('.tmp')).map(decodeURIComponent);
  },
  async close() {},
};

let seed = Number(seedText);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const store = openSqliteStore(dataDir);
const ports = { store, secrets: fileSecrets, http: { request: async () => { throw new Error('offline'); } }, clock: new FixedClock(new Date()), log: silentLogger, runtime: { version: 'crash', mode: 'cli' as const, dataDir, platform: process.platform, actor: 'crash-child' } };

// Before reconciling: does any row claim a secret its item does not have? (What a bad write order leaves behind.)
const present = new Set(await fileSecrets.accounts());
const claimingMissing = store.connections.list().filter((c) => c.protocol === 'oidc' && c.hasClientSecret && !present.has(`connection:${c.id}:client-secret`)).length;
const outcome = await reconcileSecrets(ports);
process.stdout.write(`check ${JSON.stringify({ claimingMissing, orphans: outcome.removedOrphans.length, flagged: outcome.missingSecrets.length })}\n`);

const engine = createEngine(ports, { idpTools: createFakeIdpTools() });
const oidc = (name: string) => ({ clientId: 'c', authorizationEndpoint: 'https://idp.example.com/a', tokenEndpoint: 'https://idp.example.com/t', jwksUri: 'https://idp.example.com/k', issuer: `https://idp.example.com/${name}` });
for (let n = 1; ; n += 1) {
  const rows = store.connections.list();
  const pick = rows[Math.floor(random() * rows.length)];
  const roll = random();
  process.stdout.write(`begin ${n}\n`);
  if (!pick || roll < 0.35) {
    await engine.invoke('connections.create', { protocol: 'oidc', provider: 'okta', displayName: `c-${seed}-${n}`, clientSecret: `secret-${n}`, oidc: oidc(String(n)) });
  } else if (roll < 0.55) {
    await engine.invoke('connections.update', { id: pick.id, displayName: `u-${seed}-${n}`, clientSecret: `rotated-${n}` });
  } else if (roll < 0.7) {
    await engine.invoke('connections.update', { id: pick.id, clientSecret: null });
  } else if (roll < 0.85) {
    await engine.invoke('connections.remove', { ref: pick.id });
  } else {
    const exported = await engine.invoke('connections.export', { ref: pick.id, format: 'json', includeSecrets: true });
    // Export with the secret, remove, import back: the import writes the secret and the row again.
    if (exported.ok && (await engine.invoke('connections.remove', { ref: pick.id })).ok) {
      await engine.invoke('connections.import', { content: (exported.value as { content: string }).content });
    }
  }
  process.stdout.write(`done ${n}\n`);
}
