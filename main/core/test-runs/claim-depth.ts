import type { CheckList } from './checks.js';

/**
 * How deep a claim value may nest. Real IdPs send flat claims or a few levels (Keycloak's `realm_access.roles`, Azure's
 * `_claim_sources`); a hostile or broken token nested thousands of levels deep would overflow every recursive walk
 * after it (scrubbing, validation, JSON for History), so such a claim is replaced before anything else reads it.
 */
export const MAX_CLAIM_DEPTH = 32;

/** Marker left where a too-deep claim was, so the report and History still show that the claim existed. */
export const tooDeepMarker = `[nested more than ${MAX_CLAIM_DEPTH} levels deep: not kept]`;

/**
 * True when `value` nests objects/arrays more than `limit` levels deep. The walk recurses at most `limit` levels
 * (it stops as soon as that depth is reached), so any input depth is safe to measure.
 */
export function nestsDeeperThan(value: unknown, limit: number, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= limit) return true;
  if (Array.isArray(value)) {
    for (const child of value) if (nestsDeeperThan(child, limit, depth + 1)) return true;
    return false;
  }
  for (const child of Object.values(value)) if (nestsDeeperThan(child, limit, depth + 1)) return true;
  return false;
}

/**
 * Returns the claims with every top-level claim nested deeper than MAX_CLAIM_DEPTH replaced by a marker, and fails the
 * check `checkId` naming the input (`what`, e.g. "ID token") and the claims that were too deep.
 */
export function boundClaimDepth(claims: Record<string, unknown>, what: string, checkId: string, checks: CheckList): Record<string, unknown> {
  const tooDeep = Object.keys(claims).filter((name) => nestsDeeperThan(claims[name], MAX_CLAIM_DEPTH));
  if (tooDeep.length === 0) return claims;
  checks.fail(
    checkId,
    `The ${what} has claims too deeply nested to read (more than ${MAX_CLAIM_DEPTH} levels): ${tooDeep.map((name) => JSON.stringify(name)).join(', ')}. They were not kept.`,
    `No IdP needs claims this deep; check the IdP's claim mappings (or whoever produced this ${what}).`,
  );
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, tooDeep.includes(name) ? tooDeepMarker : value]));
}
