import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm run bench` is not a test (timings are not), but every benchmark must keep running: this runs each one once
// with tiny sizes (BENCH_SMOKE) through the runner and checks that each emitted its figures with every column of the
// table. Uses the build `npm test` makes first (the start-up benchmarks spawn the built CLI).
describe('npm run bench --smoke', () => {
  it('runs every benchmark in bench/ and collects a complete figure from each', () => {
    expect(existsSync('dist/main/cli.mjs'), 'dist/main/cli.mjs is missing: run `node scripts/build.mjs --quiet` first').toBe(true);
    const result = spawnSync(process.execPath, ['scripts/bench.mjs', '--smoke', '--no-build', '--json'], { encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    const { figures, failures } = JSON.parse(result.stdout) as { figures: { bench: string; figure: string; ours: number; anchor: number | null; ratio: number | null; goal: string; met: boolean }[]; failures: string[] };
    expect(failures).toEqual([]);
    const benches = readdirSync('bench').filter((file) => file.endsWith('.mjs')).map((file) => file.replace(/\.mjs$/, ''));
    expect(new Set(figures.map((f) => f.bench))).toEqual(new Set(benches));
    for (const figure of figures) {
      expect(figure.ours, figure.figure).toBeGreaterThan(0);
      expect(figure.goal, figure.figure).toMatch(/\d/);
      expect(typeof figure.met).toBe('boolean');
      if (figure.anchor !== null) expect(figure.ratio).toBeCloseTo(figure.ours / figure.anchor, 6);
    }
  }, 300_000);
});
