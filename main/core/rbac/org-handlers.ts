import { randomUUID } from 'node:crypto';
import type { Organization } from '../../contract/index.js';
import { AppError } from '../app-error.js';
import type { HandlerGroup } from '../handlers/types.js';
import { getSnapshot, invalidateSnapshot } from './cache.js';
import { organizationView, requireOrganization } from './views.js';

/** `orgs.*`: organizations as the platform knows them (id = the Arthur-Organization-ID value). */
export const organizationHandlers: HandlerGroup<'orgs.list' | 'orgs.create' | 'orgs.update' | 'orgs.remove'> = ({ ports, audit }) => {
  const { store } = ports;
  const nameFree = (name: string, ownId: string | null) => {
    const clash = store.organizations.findByName(name);
    if (clash && clash.id !== ownId) {
      throw new AppError('conflict', `name: an organization named "${clash.name}" already exists (${clash.id}); names are unique, ignoring case.`, { field: 'name', hint: 'Choose another name, or use the existing organization.' });
    }
  };
  return {
    'orgs.list': () => {
      const snapshot = getSnapshot(store);
      return [...snapshot.organizations.values()]
        .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
        .map((o) => organizationView(snapshot, o.id));
    },
    'orgs.create': ({ id, name }) => {
      const orgId = id ?? randomUUID();
      const existing = store.organizations.get(orgId);
      if (existing) throw new AppError('conflict', `id: the organization "${existing.name}" already has the id ${orgId}.`, { field: 'id', hint: 'Each organization id is unique: copy the right one from the platform, or leave it out to generate one.' });
      nameFree(name, null);
      const now = ports.clock.now().toISOString();
      const organization: Organization = { id: orgId, name, createdAt: now, updatedAt: now };
      store.transaction(() => {
        store.organizations.put(organization);
        invalidateSnapshot(store);
        audit.record('orgs.create', orgId, { name });
      });
      return organizationView(getSnapshot(store), orgId);
    },
    'orgs.update': ({ ref, name }) => {
      const org = requireOrganization(getSnapshot(store), ref, 'ref');
      nameFree(name, org.id);
      store.transaction(() => {
        store.organizations.put({ ...org, name, updatedAt: ports.clock.now().toISOString() });
        invalidateSnapshot(store);
        audit.record('orgs.update', org.id, { before: org.name, after: name });
      });
      return organizationView(getSnapshot(store), org.id);
    },
    'orgs.remove': ({ ref, withRoles }) => {
      const snapshot = getSnapshot(store);
      const org = requireOrganization(snapshot, ref, 'ref');
      const roles = snapshot.rolesByOrganization.get(org.id) ?? [];
      if (roles.length > 0 && !withRoles) {
        throw new AppError('conflict', `ref: the organization "${org.name}" still has ${roles.length} role(s) (${roles.slice(0, 5).map((r) => r.name).join(', ')}${roles.length > 5 ? ', …' : ''}).`, {
          field: 'ref',
          hint: 'Remove or move its roles first, or remove the organization together with its roles (withRoles).',
        });
      }
      store.transaction(() => {
        for (const role of roles) store.roles.delete((role.role as { id: string }).id);
        store.organizations.delete(org.id);
        invalidateSnapshot(store);
        audit.record('orgs.remove', org.id, { name: org.name, removedRoles: roles.map((r) => r.name) });
      });
      return { id: org.id, removedRoles: roles.map((r) => r.name) };
    },
  };
};
