import type { Report, TestRunStatus } from '../../contract/index.js';

/** Why a run ended without a callback. */
export type AbandonReason = 'expired' | 'cancelled';

/** One live run in memory. `secret` holds protocol data (PKCE verifier, nonce, client secret): dropped at the end. */
export interface Run<S = unknown> {
  readonly id: string;
  readonly connectionId: string;
  readonly protocol: 'oidc' | 'saml';
  /** The single-use correlation value the IdP echoes back (OIDC `state`, SAML `RelayState`). */
  readonly key: string;
  readonly startedAt: Date;
  readonly expiresAt: Date;
  status: TestRunStatus;
  report?: Report;
  secret: S | undefined;
}

/** What a callback's correlation value resolves to. */
export type Claim<S> =
  | { kind: 'run'; run: Run<S> }
  /** Issued by this engine and already consumed (a replay, a reloaded tab). */
  | { kind: 'used'; runId: string }
  /** Never issued for this connection, or missing. */
  | { kind: 'unknown' };

interface Entry<S> {
  run: Run<S>;
  timer: ReturnType<typeof setTimeout> | undefined;
  done: Promise<Report>;
  resolve: (report: Report) => void;
  abandon: (reason: AbandonReason) => Report;
}

const MAX_USED_KEYS = 1000;
const MAX_FINISHED_RUNS = 100;

/**
 * The runs of this engine, protocol-neutral. A correlation value is single-use (RFC 6749 §10.12, OIDC Core §3.1.2.1
 * `state`): `claim` consumes it, and a second use is recognised as such for as long as the engine runs (bounded).
 * Each run has a deadline: a timer (real time, so a test can use a 1 s timeout) ends it as `expired`.
 */
export class RunRegistry<S> {
  private readonly entries = new Map<string, Entry<S>>();
  private readonly waitingByKey = new Map<string, string>();
  private readonly usedKeys = new Map<string, string>();
  private readonly finishedOrder: string[] = [];

  /** Registers a waiting run; `abandon` builds its (failed) report when it expires or is cancelled. */
  add(run: Run<S>, abandon: (reason: AbandonReason) => Report): void {
    let resolve!: (report: Report) => void;
    const done = new Promise<Report>((r) => (resolve = r));
    const entry: Entry<S> = { run, timer: undefined, done, resolve, abandon };
    const delay = Math.max(0, run.expiresAt.getTime() - run.startedAt.getTime());
    entry.timer = setTimeout(() => this.end(run.id, 'expired'), delay);
    // The timer alone must not keep a CLI process alive; the listener and `tests.wait` do that while needed.
    entry.timer.unref?.();
    this.entries.set(run.id, entry);
    this.waitingByKey.set(run.key, run.id);
  }

  get(runId: string): Run<S> | undefined {
    return this.entries.get(runId)?.run;
  }

  /** Resolves with the report when the run finishes (at once if it has). */
  wait(runId: string): Promise<Report> | undefined {
    return this.entries.get(runId)?.done;
  }

  /** Consumes a correlation value arriving on `connectionId`'s callback path. */
  claim(connectionId: string, key: string | undefined): Claim<S> {
    if (key === undefined || key === '') return { kind: 'unknown' };
    const runId = this.waitingByKey.get(key);
    const entry = runId === undefined ? undefined : this.entries.get(runId);
    if (entry && entry.run.connectionId === connectionId && entry.run.status === 'waiting') {
      this.waitingByKey.delete(key);
      this.remember(key, entry.run.id);
      entry.run.status = 'processing';
      if (entry.timer) clearTimeout(entry.timer);
      return { kind: 'run', run: entry.run };
    }
    const used = this.usedKeys.get(key);
    if (used === undefined) return { kind: 'unknown' };
    // A value consumed on another connection's path is, for this connection, simply not its own.
    const owner = this.entries.get(used)?.run.connectionId;
    return owner === undefined || owner === connectionId ? { kind: 'used', runId: used } : { kind: 'unknown' };
  }

  /** Runs of a connection still waiting for their callback. */
  waitingFor(connectionId: string): Run<S>[] {
    return [...this.entries.values()].map((e) => e.run).filter((run) => run.connectionId === connectionId && run.status === 'waiting');
  }

  /** Ends a run with its report; drops its protocol secrets. A run ends once. */
  finish(runId: string, status: TestRunStatus, report: Report): boolean {
    const entry = this.entries.get(runId);
    if (!entry || entry.run.report) return false;
    if (entry.timer) clearTimeout(entry.timer);
    this.waitingByKey.delete(entry.run.key);
    this.remember(entry.run.key, runId);
    entry.run.status = status;
    entry.run.report = report;
    entry.run.secret = undefined;
    entry.resolve(report);
    this.finishedOrder.push(runId);
    while (this.finishedOrder.length > MAX_FINISHED_RUNS) this.entries.delete(this.finishedOrder.shift() as string);
    return true;
  }

  /** Ends a waiting run without a callback (timeout or cancel); false when it was not waiting. */
  end(runId: string, reason: AbandonReason): boolean {
    const entry = this.entries.get(runId);
    if (!entry || entry.run.status !== 'waiting') return false;
    return this.finish(runId, reason, entry.abandon(reason));
  }

  /** Cancels every waiting run (engine shutdown) so no `tests.wait` hangs. */
  close(): void {
    for (const entry of [...this.entries.values()]) this.end(entry.run.id, 'cancelled');
  }

  private remember(key: string, runId: string): void {
    this.usedKeys.set(key, runId);
    if (this.usedKeys.size > MAX_USED_KEYS) {
      const oldest = this.usedKeys.keys().next().value;
      if (oldest !== undefined) this.usedKeys.delete(oldest);
    }
  }
}
