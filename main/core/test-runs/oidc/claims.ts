import type { Report } from '../../../contract/index.js';

type Origin = Report['claimOrigins'][string];

export interface ClaimSource {
  origin: Origin;
  claims: Record<string, unknown> | null;
  /** `fill`: only claims not yet present; `override`: replaces earlier values. */
  mode: 'base' | 'fill' | 'override';
}

/**
 * Merges claims from the ID token, userinfo and a verified JWT access token, remembering where each top-level claim
 * came from (report.claimOrigins). Userinfo overrides the ID token when the platform reads user information from
 * userinfo (ClearML's "from ID token" off), else only fills gaps; access-token claims only fill gaps.
 */
export function mergeClaims(sources: ClaimSource[]): { claims: Record<string, unknown>; claimOrigins: Record<string, Origin> } {
  const claims: Record<string, unknown> = {};
  const claimOrigins: Record<string, Origin> = {};
  for (const source of sources) {
    if (!source.claims) continue;
    for (const [name, value] of Object.entries(source.claims)) {
      if (source.mode === 'fill' && Object.hasOwn(claims, name)) continue;
      claims[name] = value;
      claimOrigins[name] = source.origin;
    }
  }
  return { claims, claimOrigins };
}
