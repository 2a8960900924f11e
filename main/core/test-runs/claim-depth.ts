import type { CheckList } from './checks.js';

/**
 * How deep a claim value may nest. Real IdPs send flat claims or a few levels (Keycloak's `realm_access.roles`, Azure's
 * `_claim_sources`); a hostile or broken token nested thousands of levels deep would overflow every recursive walk
 * after it (scrubbing, validation, JSON for History), so such a claim is replaced before anything else reads it.
 */
export const MAX_CLAIM_DEPTH = 32;

/** Marker left where a too-deep claim was, so the report and History still show that the claim existed. */
export const tooDeepMarker = `[nested more than ${MAX_CLAIM_DEPTH} levels deep: not kept]`;

/** True when `value` nests objects/arrays more than `limit` levels deep. Iterative: any depth is safe to measure. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop() as { value: unknown; depth: number };
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
  }
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
