/**
 * The RBAC core's API for other engine modules (targets/push, the loopback RBAC engine, test-run reports).
 *
 * ```ts
 * const snapshot = getSnapshot(ports.store);                          // indexed, cached per change (any process)
 * const user = resolveGroups(snapshot, groups, { caseSensitive });   // groups → roles → reachable orgs
 * const choice = selectOrganization(snapshot, user, { header, session }); // Arthur's order; unreachable → not_found
 * const grant = grantIn(user, orgId, 'model:read', 'organization');  // granted (with via chain) | undetermined | missing
 * const decision = decide({ snapshot, user, permission, groupsSource, header, session, webappUrl }); // contract AccessDecision
 * ```
 *
 * - `getSnapshot` is cheap when nothing changed (one settings read); every orgs/roles write in this engine calls
 *   `invalidateSnapshot` inside its transaction, which also tells other processes sharing the data directory.
 * - `resolveGroups` + `decide` are pure over the snapshot: hash lookups only (bench/rbac-resolve.mjs).
 * - Permission scope: `snapshot.catalogue.get('resource:action')` ('organization' | 'global' | undefined = unknown).
 * - Role files: `parseRoleFile` (strict JSON/YAML), `arthurRolesBody` (custom_roles POST body), `globalRoleDefsYaml`.
 */
export { getSnapshot, invalidateSnapshot } from './cache.js';
export { buildSnapshot, findOrganization, type RbacSnapshot, type RoleNode } from './snapshot.js';
export { resolveGroups, selectOrganization, grantIn, permissionsIn, deepLink, type ResolvedUser, type OrganizationChoice, type Grant, type GroupMatch } from './resolver.js';
export { decide, NO_MATCH_REASON, type DecideInput } from './decide.js';
export { validateRole, draftEffective } from './validation.js';
export { parseRoleFile, arthurRolesBody, globalRoleDefsYaml, RoleFileError } from './role-files.js';
export { groupsFromClaims, groupSettingsOf } from './claims-source.js';
