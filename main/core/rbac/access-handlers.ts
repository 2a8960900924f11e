import type { Permission } from '../../contract/index.js';
import { permissionKey } from '../../contract/schemas/rbac-catalogue.js';
import { AppError } from '../app-error.js';
import { requireConnection } from '../connections/lookup.js';
import type { HandlerContext, Handler } from '../handlers/types.js';
import { getSnapshot } from './cache.js';
import { groupSettingsOf, loginGroups, type EvaluateToken } from './claims-source.js';
import { decide } from './decide.js';
import { resolveGroups } from './resolver.js';
import type { RbacSnapshot } from './snapshot.js';
import { orderedRoleNodes, requireOrganization } from './views.js';

function requireKnownPermission(snapshot: RbacSnapshot, permission: Permission): 'organization' | 'global' {
  const scope = snapshot.catalogue.get(permissionKey(permission));
  if (!scope) {
    throw new AppError('invalid_input', `permission: ${permissionKey(permission)} is not in the Arthur permission catalogue.`, {
      field: 'permission',
      hint: 'Write it resource:action, e.g. model:read or raw_data:write (the Roles page lists the catalogue).',
    });
  }
  return scope;
}

/** `access.check` (the simulator and `ssowb access`) and `access.whoGrants` (the reverse question). */
export function accessHandlers(context: HandlerContext, evaluate: EvaluateToken): { 'access.check': Handler<'access.check'>; 'access.whoGrants': Handler<'access.whoGrants'> } {
  const { store } = context.ports;
  return {
    'access.check': async ({ ref, source, permission, organization, sessionOrganization }) => {
      const connection = requireConnection(store.connections, ref);
      requireKnownPermission(getSnapshot(store), permission);
      const login = await loginGroups(store, connection, source, evaluate);
      // The token may have been checked meanwhile: take the snapshot after the await.
      const snapshot = getSnapshot(store);
      const user = resolveGroups(snapshot, login.groups, { caseSensitive: groupSettingsOf(connection).caseSensitive });
      const decision = decide({ snapshot, user, permission, groupsSource: login.source, header: organization, session: sessionOrganization, webappUrl: connection.webappUrl });
      const notes = [...login.notes];
      if (connection.platform !== 'arthur') notes.push(`"${connection.displayName}" is set up for ClearML; decided with the Arthur roles modelled here.`);
      if (snapshot.roles.size === 0) notes.push('No roles are defined yet: add them on the Roles page or with `ssowb roles import FILE --org ORG`.');
      return { ...decision, explanation: [...notes, ...decision.explanation] };
    },
    'access.whoGrants': ({ permission, organization }) => {
      const snapshot = getSnapshot(store);
      const scope = requireKnownPermission(snapshot, permission);
      const org = requireOrganization(snapshot, organization);
      const key = permissionKey(permission);
      const candidates = scope === 'global' ? orderedRoleNodes(snapshot, null) : [...orderedRoleNodes(snapshot, org.id), ...orderedRoleNodes(snapshot, null)];
      return candidates
        .flatMap((node) => {
          const via = node.effective.get(key);
          return via ? [{ group: node.name, role: node.name, scope: node.kind === 'global' ? ('global' as const) : ('organization' as const), via: [...via] }] : [];
        })
        .sort((a, b) => a.via.length - b.via.length || a.role.localeCompare(b.role));
    },
  };
}
