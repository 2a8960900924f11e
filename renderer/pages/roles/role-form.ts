import type { RoleDraft, RoleIssue, RoleView } from '../../../main/contract/index';
import { parsePermission } from './use-rbac-data';
import type { RoleTarget } from './roles-sections';

/** The editor's values: permissions as `resource:action` keys, which checkboxes can hold. */
export interface RoleFormValues {
  scope: 'global' | 'organization';
  organizationId: string | null;
  name: string;
  description: string;
  permissions: string[];
  inheritedRoleNames: string[];
}

export function formValuesOf(role: RoleView | null, target: RoleTarget | null): RoleFormValues {
  if (role) {
    return {
      scope: role.scope,
      organizationId: role.organizationId,
      name: role.name,
      description: role.description,
      permissions: role.permissions.map((p) => `${p.resource}:${p.action}`),
      inheritedRoleNames: [...role.inheritedRoleNames],
    };
  }
  return { scope: target?.scope ?? 'organization', organizationId: target?.organizationId ?? null, name: '', description: '', permissions: [], inheritedRoleNames: [] };
}

/** What the engine takes: global roles carry no organization and no inheritance (globalRoleDefs have neither). */
export function draftFromForm(values: RoleFormValues): RoleDraft {
  const global = values.scope === 'global';
  return {
    scope: values.scope,
    organizationId: global ? null : values.organizationId,
    name: values.name,
    description: values.description,
    permissions: values.permissions.map(parsePermission),
    inheritedRoleNames: global ? [] : values.inheritedRoleNames,
  };
}

/** The editor's fields an issue can land on; `permissions.3` and `inheritedRoleNames.0` belong to their list. */
export type RoleField = 'scope' | 'organizationId' | 'name' | 'description' | 'permissions' | 'inheritedRoleNames' | 'form';

export interface PlacedIssues {
  byField: Partial<Record<RoleField, string[]>>;
  /** Permission keys (`model:write`) an issue names by index, for the matrix cell. */
  permissionKeys: Map<string, string>;
}

export function placeIssues(issues: readonly RoleIssue[], draftPermissions: readonly string[]): PlacedIssues {
  const byField: PlacedIssues['byField'] = {};
  const permissionKeys = new Map<string, string>();
  for (const issue of issues) {
    const [head, index] = issue.field.split('.');
    const field: RoleField = (['scope', 'organizationId', 'name', 'description', 'permissions', 'inheritedRoleNames'] as const).find((f) => f === head) ?? 'form';
    (byField[field] ??= []).push(issue.message);
    if (field === 'permissions' && index !== undefined) {
      const key = draftPermissions[Number(index)];
      if (key) permissionKeys.set(key, issue.message);
    }
  }
  return { byField, permissionKeys };
}

export const messageFor = (placed: PlacedIssues, field: RoleField): string | undefined => placed.byField[field]?.join(' ');
