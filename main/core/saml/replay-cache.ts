/**
 * One-time use of assertions (SAML 2.0 Profiles §4.1.4.5): "the service provider MUST ensure that bearer assertions
 * are not replayed, by maintaining the set of used ID values for the length of time for which the assertion would
 * be considered valid based on the NotOnOrAfter attribute". node-saml does not do this; this cache does.
 */
export interface ReplayCache {
  /** True when `assertionId` was accepted before and its validity (plus skew) has not yet run out at `now`. */
  seen(assertionId: string, now: Date): boolean;
  /** Records an accepted assertion until `until` (its NotOnOrAfter plus the allowed clock skew). */
  remember(assertionId: string, until: Date, now: Date): void;
  /** Number of live entries (for tests and diagnostics). */
  size(now: Date): number;
}

/** Without a NotOnOrAfter an assertion is still kept this long, so a missing bound cannot disable the check. */
export const DEFAULT_REPLAY_WINDOW_MS = 60 * 60 * 1000;
/** Bounded, so a flood of distinct (validly signed) assertions cannot grow memory without limit. */
const MAX_ENTRIES = 10_000;

/** In-memory replay cache, one per engine (or per test); expired entries are dropped lazily. */
export function createReplayCache(): ReplayCache {
  const entries = new Map<string, number>();
  /** The earliest expiry among the entries: nothing can be purged before it, so most calls skip the scan. */
  let nextExpiry = Infinity;
  const purge = (nowMs: number) => {
    if (nowMs < nextExpiry) return;
    nextExpiry = Infinity;
    for (const [id, until] of entries) {
      if (until <= nowMs) entries.delete(id);
      else if (until < nextExpiry) nextExpiry = until;
    }
  };
  return {
    seen(assertionId, now) {
      const until = entries.get(assertionId);
      return until !== undefined && until > now.getTime();
    },
    remember(assertionId, until, now) {
      const nowMs = now.getTime();
      purge(nowMs);
      if (entries.size >= MAX_ENTRIES) {
        // Drop the entry that expires first: the one least likely to be replayed still.
        let oldest: string | undefined;
        let oldestUntil = Infinity;
        for (const [id, end] of entries) if (end < oldestUntil) [oldest, oldestUntil] = [id, end];
        if (oldest !== undefined) entries.delete(oldest);
      }
      const end = Number.isNaN(until.getTime()) ? nowMs + DEFAULT_REPLAY_WINDOW_MS : until.getTime();
      const kept = Math.max(end, entries.get(assertionId) ?? 0);
      entries.set(assertionId, kept);
      if (kept < nextExpiry) nextExpiry = kept;
    },
    size(now) {
      purge(now.getTime());
      return entries.size;
    },
  };
}
