import type { Check, Resolution } from '../../contract/index.js';

/** The check that stands for role resolution until roles exist (product.md "Resolution"). */
export function resolutionCheck(groups: readonly string[]): Check {
  return {
    id: 'resolution.roles',
    status: 'skip',
    message: `No roles are defined yet, so groups are not matched to roles (${groups.length} group(s) shown as received). Role resolution arrives with the roles feature.`,
    hint: '',
  };
}

/**
 * Role/organization resolution of a run. Until roles exist: no roles, every group unmatched, not denied. A run with a
 * failed check is a refused login: denied, naming the first failed check, and no group is taken from its claims.
 */
export function resolveRoles(groups: readonly string[], failures: readonly Check[]): Resolution {
  const first = failures[0];
  if (first) {
    const more = failures.length > 1 ? ` (and ${failures.length - 1} more failed check(s))` : '';
    return { ...emptyResolution(), denied: true, reason: `Login refused: ${first.id} failed${more}. ${first.message}` };
  }
  return {
    ...emptyResolution(),
    unmatchedGroups: [...groups],
    denied: false,
    reason: 'No roles defined yet: groups are shown as received; role and organization resolution arrive with the roles feature.',
  };
}

function emptyResolution(): Resolution {
  return { roles: [], unmatchedGroups: [], organizations: [], denied: false, reason: '', matches: [], permissions: {}, unpublishedRoles: [], clearml: null };
}
