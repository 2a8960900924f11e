import { useMemo } from 'react';
import type { OperationOutput, OrganizationView, RoleView } from '../../../main/contract/index';
import { useOperation, useWorkbenchEvent } from '../../client';

export type Catalogue = OperationOutput<'roles.catalogue'>;
export type BuiltIn = Catalogue['builtIns'][number];

export interface RbacData {
  orgs: OrganizationView[] | undefined;
  roles: RoleView[] | undefined;
  catalogue: Catalogue | undefined;
  error: ReturnType<typeof useOperation<'roles.list'>>['error'];
  loading: boolean;
  refetch: () => void;
}

/**
 * Organizations, roles and the catalogue for the Roles page, refreshed whenever a role or organization changes
 * anywhere (this tab, another window, the CLI: every change lands in the audit log).
 */
export function useRbacData(): RbacData {
  const orgs = useOperation('orgs.list', {});
  const roles = useOperation('roles.list', {});
  const catalogue = useOperation('roles.catalogue', {});
  const refetch = () => {
    void orgs.refetch();
    void roles.refetch();
  };
  useWorkbenchEvent('onAuditAppended', (entry) => {
    if (entry.action.startsWith('roles.') || entry.action.startsWith('orgs.')) refetch();
  });
  return {
    orgs: orgs.data,
    roles: roles.data,
    catalogue: catalogue.data,
    error: orgs.error ?? roles.error ?? catalogue.error,
    loading: orgs.loading || roles.loading || catalogue.loading,
    refetch,
  };
}

/** Every `resource:action` of the catalogue, for permission pickers, grouped as the docs group them. */
export function usePermissionOptions(catalogue: Catalogue | undefined) {
  return useMemo(() => {
    if (!catalogue) return [];
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const entry of catalogue.resources) {
      const items = groups.get(entry.group) ?? [];
      for (const action of entry.actions) items.push({ value: `${entry.resource}:${action}`, label: `${entry.resource}:${action}` });
      groups.set(entry.group, items);
    }
    return [...groups.entries()].map(([group, items]) => ({ group, items }));
  }, [catalogue]);
}

/** `model:read` → `{resource, action}`. */
export function parsePermission(value: string): { resource: string; action: string } {
  const at = value.indexOf(':');
  return { resource: value.slice(0, at), action: value.slice(at + 1) };
}
