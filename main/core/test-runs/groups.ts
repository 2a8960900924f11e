import { parseClaimPath } from '../connections/claim-path.js';

/** Groups as received, normalised: what the platform would match role names against. */
export interface NormalisedGroups {
  groups: string[];
  /** How the claim arrived: `list`, a single `string`, or something unusable. */
  shape: 'list' | 'string' | 'absent' | 'invalid';
  /** Entries that were neither strings nor numbers (objects, booleans, null) and were dropped. */
  dropped: number;
  /** Duplicates removed (exact, or ignoring case when matching is case-insensitive). */
  duplicates: number;
}

/**
 * IdPs send groups as a list (`["a","b"]`), as one bare string when the user has a single group (oidc-provider,
 * Keycloak mappers, node-saml for one AttributeValue), or not at all. Normalised to a list of trimmed, non-empty,
 * de-duplicated strings in arrival order; numbers (Okta group ids) become strings.
 */
export function normaliseGroups(value: unknown, options: { caseSensitive: boolean } = { caseSensitive: true }): NormalisedGroups {
  if (value === undefined || value === null) return { groups: [], shape: 'absent', dropped: 0, duplicates: 0 };
  const shape = typeof value === 'string' ? 'string' : Array.isArray(value) ? 'list' : 'invalid';
  if (shape === 'invalid' && typeof value !== 'number') return { groups: [], shape, dropped: 1, duplicates: 0 };
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const seen = new Set<string>();
  const groups: string[] = [];
  let dropped = 0;
  let duplicates = 0;
  for (const item of items) {
    const text = typeof item === 'string' ? item.trim() : typeof item === 'number' && Number.isFinite(item) ? String(item) : null;
    if (text === null) {
      dropped += 1;
      continue;
    }
    if (text === '') continue;
    const key = options.caseSensitive ? text : text.toLowerCase();
    if (seen.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    groups.push(text);
  }
  return { groups, shape: shape === 'invalid' ? 'string' : shape, dropped, duplicates };
}

/** Where the groups went instead of the token, when the IdP says so. */
export interface GroupsOverage {
  /** The aggregated/distributed claim source name (`_claim_names.groups`), or `hasgroups` for Entra implicit flows. */
  source: string;
  /** The endpoint the groups must be fetched from (Microsoft Graph for Entra ID), when given. */
  endpoint: string | null;
}

/**
 * Detects the Microsoft Entra ID groups overage: past 200 groups (6 in implicit flows) the token carries no groups
 * claim but a pointer to Microsoft Graph, as a distributed claim (OIDC Core §5.6.2: `_claim_names.groups` names a
 * source in `_claim_sources` with an `endpoint`), or `hasgroups: true`. Any IdP using distributed claims for the
 * mapped claim is caught the same way. Looks at the first segment of the claim path (the top-level claim).
 */
export function detectGroupsOverage(claims: Record<string, unknown>, claimPath: string): GroupsOverage | null {
  let top: string;
  try {
    top = parseClaimPath(claimPath)[0] ?? claimPath;
  } catch {
    top = claimPath;
  }
  const names = claims._claim_names;
  if (names && typeof names === 'object' && !Array.isArray(names)) {
    const source = (names as Record<string, unknown>)[top];
    if (typeof source === 'string') {
      const sources = claims._claim_sources;
      const entry = sources && typeof sources === 'object' ? (sources as Record<string, unknown>)[source] : undefined;
      const endpoint = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).endpoint : undefined;
      return { source, endpoint: typeof endpoint === 'string' ? endpoint : null };
    }
  }
  if (claims.hasgroups === true || claims.hasgroups === 'true') return { source: 'hasgroups', endpoint: null };
  return null;
}
