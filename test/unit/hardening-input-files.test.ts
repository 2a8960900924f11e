import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program.js';
import { inputFileCaps } from '../../main/cli/input-file.js';

// Finding 6 of the security review: `connections import` read any file whole (a 104 MB file imported, 439 MB RSS), a
// FIFO hung forever, /dev/zero ate 628 MB, and read errors printed a raw ENOENT/EISDIR without naming the argument (and
// nothing on stdout with --json). Now: size caps, regular files only, the argument named, --json errors stay JSON.
// Each case fails before the data directory is opened, so no keychain is needed.
let dir: string;
let fifo: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const started = performance.now();
  const code = await runCli(['--data-dir', join(dir, 'data'), ...argv], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - started };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ssowb-input-'));
  mkdirSync(join(dir, 'a-directory'));
  fifo = join(dir, 'a-fifo');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  // Sparse: the size is reported without writing 6 MB to disk.
  writeFileSync(join(dir, 'huge.json'), '');
  truncateSync(join(dir, 'huge.json'), inputFileCaps.connectionFile + 1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files named on the command line', () => {
  it.each([
    ['a missing file', () => join(dir, 'nope.json'), /<file>: cannot read .*nope\.json: no such file\./],
    ['a directory', () => join(dir, 'a-directory'), /<file>: cannot read .*a-directory: it is a directory, not a regular file\./],
    ['a FIFO (used to hang forever)', () => fifo, /<file>: cannot read .*a-fifo: it is a pipe \(FIFO\), not a regular file\./],
    ['/dev/zero (used to eat 628 MB)', () => '/dev/zero', /<file>: cannot read \/dev\/zero: it is a device, not a regular file\./],
    ['a file over the size cap', () => join(dir, 'huge.json'), /<file>: cannot read .*huge\.json: it is 5242881 bytes, over the 5242880-byte limit\./],
  ])('connections import refuses %s, naming the argument, exit 2, quickly', async (_label, file, message) => {
    const result = await cli('connections', 'import', file());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/ENOENT|EISDIR|at .*\.js/);
    expect(result.ms).toBeLessThan(2000);
  });

  it('with --json the error is JSON on stdout, naming the argument', async () => {
    const result = await cli('--json', 'connections', 'import', join(dir, 'nope.json'));
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'invalid_input', field: '<file>', message: expect.stringContaining('no such file') } });
  });

  it('inspect and --metadata read through the same rules, naming their option', async () => {
    const inspect = await cli('--json', 'inspect', 'any', '--id-token', fifo);
    expect(inspect.code).toBe(2);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ error: { field: '--id-token', message: expect.stringContaining('pipe (FIFO)') } });
    const metadata = await cli('connections', 'add', 'saml', '--name', 'X', '--provider', 'custom', '--metadata', join(dir, 'a-directory'));
    expect(metadata.code).toBe(2);
    expect(metadata.stderr).toMatch(/--metadata: cannot read .*a-directory: it is a directory/);
  });
});
