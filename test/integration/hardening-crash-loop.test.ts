import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionDocumentSchema } from '../../main/contract/index.js';

// The standing crash loop (issue 13, finding 5): a child makes multi-step changes (connection + secret, rotate, clear,
// remove, export → remove → import) through the real engine on a real SQLite file and is SIGKILLed at a random point,
// 200 times over a few data directories. After every kill the next child runs the start-up reconcile first and reports
// what it found; at the end the parent checks each database itself. Nothing may be corrupt, no row may ever claim a
// secret its keychain item lacks (before the reconcile), and after the reconcile keychain and rows agree.
// The keychain is a file-per-item stand-in (durable, atomic, independent of the database, as the OS keychain is):
// the real one cannot take 200 kills in a minute. The order of writes, which is what this tests, is the engine's.
const root = resolve(import.meta.dirname, '../..');
const KILLS = Number(process.env.SSOWB_CRASH_KILLS ?? 200);
const LANES = 3;
let work: string;
let child: string;

interface Check {
  claimingMissing: number;
  orphans: number;
  flagged: number;
}

beforeAll(async () => {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  work = mkdtempSync(join(root, 'test-results', 'crash-loop-'));
  child = join(work, 'child.mjs');
  await build({
    entryPoints: [join(root, 'test/support/crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3', 'keytar'],
    minify: true,
    outfile: child,
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the child until it has reported `after` changes (0: right after its check), then SIGKILLs it. */
function runAndKill(dataDir: string, seed: number, after: number): Promise<Check> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [child, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let check: Check | undefined;
    let text = '';
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const lines = text.split('\n');
      text = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('check ')) check = JSON.parse(line.slice(6)) as Check;
        // Killed just after change number `after` began: where in it the kill lands depends on timing (random).
        const begun = /^begin (\d+)$/.exec(line);
        if (check && (after === 0 || (begun && Number(begun[1]) >= after))) proc.kill('SIGKILL');
      }
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && check) done(check);
      else fail(new Error(`child ended with ${signal ?? `exit ${code}`} before being killed: ${stderr.slice(0, 2000)}`));
    });
  });
}

describe('crash loop: SIGKILL at random points', () => {
  it(`${KILLS} kills: integrity ok, changes all or nothing, keychain and rows agree after the reconcile`, { timeout: 180_000 }, async () => {
    // tmpfs when there is one: a SIGKILL (unlike a power cut) leaves the page cache intact, so fsync latency only slows
    // the loop without changing what a kill can interrupt.
    const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const dirs = Array.from({ length: LANES }, (_, i) => join(base, `ssowb-crash-${process.pid}-${i}-${Date.now()}`));
    const checks: Check[] = [];
    let seed = 1;
    const started = performance.now();
    try {
      // LANES data directories side by side: one child per directory at a time, each killed then checked by the next.
      await Promise.all(
        dirs.map(async (dir, lane) => {
          for (let i = lane; i < KILLS; i += LANES) {
            const s = seed++;
            checks.push(await runAndKill(dir, s, 1 + (s % 5)));
          }
        }),
      );
      for (const dir of dirs) checks.push(await runAndKill(dir, seed++, 0)); // a last check after the last kill
      const seconds = (performance.now() - started) / 1000;
      console.log(`crash loop: ${KILLS} SIGKILLs in ${seconds.toFixed(1)} s; orphans reconciled ${checks.reduce((n, c) => n + c.orphans, 0)}, rows missing a secret ${checks.reduce((n, c) => n + c.claimingMissing, 0)}`);
      expect(checks).toHaveLength(KILLS + LANES);
      expect(checks.filter((c) => c.claimingMissing > 0 || c.flagged > 0)).toEqual([]);

      for (const dir of dirs) {
        const db = new Database(join(dir, 'workbench.sqlite'), { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db.prepare<[], { id: string; document: string }>('SELECT id, document FROM connections').all();
        const created = new Set(db.prepare<[], { subject: string }>("SELECT subject FROM audit_log WHERE action IN ('connections.create', 'connections.import')").all().map((r) => r.subject));
        for (const row of rows) {
          // All or nothing: every row is a whole, valid document written together with its audit entry.
          expect(connectionDocumentSchema.safeParse(JSON.parse(row.document)).success).toBe(true);
          expect(created.has(row.id), `row ${row.id} has no audit entry`).toBe(true);
        }
        db.close();
      }
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
