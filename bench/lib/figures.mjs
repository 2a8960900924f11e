import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// What every benchmark in bench/ shares: its figures as one machine-readable line each (`npm run bench` collects
// them into one table), the smoke switch (tiny sizes, so the smoke test can run each one in seconds), and stats.

/** The prefix of a figure line on stdout; everything else a benchmark prints is commentary. */
export const FIGURE_PREFIX = 'BENCH-FIGURE ';

/** `BENCH_SMOKE=1` (set by `npm run bench -- --smoke` and the smoke test): tiny sizes, timings meaningless. */
export const smoke = process.env.BENCH_SMOKE === '1';

/** `full` normally, `tiny` in a smoke run. */
export const size = (full, tiny) => (smoke ? tiny : full);

/**
 * Emits one figure. `ours` and `anchor` are in `unit` (ms unless said); `ratio` defaults to ours/anchor; `goal` says
 * what must hold, in words (`≤ 1.5× node -e 0`, `< 20 ms`), and `met` whether it did in this run.
 */
export function emitFigure({ figure, ours, anchor, unit = 'ms', ratio, goal, met, note }) {
  const line = { figure, ours, anchor: anchor ?? null, unit, ratio: ratio ?? (anchor ? ours / anchor : null), goal, met: Boolean(met), note };
  process.stdout.write(`${FIGURE_PREFIX}${JSON.stringify(line)}\n`);
  return line;
}

/** The q-quantile (0…1) of a list of numbers. */
export function quantile(list, q) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const median = (list) => quantile(list, 0.5);

/**
 * A full collection, for starting each sample on a collected heap (ours and the anchors alike): otherwise the garbage
 * one measurement leaves is collected inside the next one, whichever side it is. Exposes gc on first use.
 */
let gc;
export function collectGarbage() {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc');
  }
  gc();
}
