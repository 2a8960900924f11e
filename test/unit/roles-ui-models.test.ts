import { describe, expect, it } from 'vitest';
import { builtInRoles, type AccessDecision, type RoleView } from '../../main/contract/index.js';
import { draftFromForm, placeIssues } from '../../renderer/pages/roles/role-form.js';
import { buildDecisionGraph } from '../../renderer/pages/roles/simulator/decision-graph-model.js';

// The Roles page's pure pieces: the decision graph drawn from an access decision, where validation findings land in
// the editor, what the editor sends, and the order Undo recreates a deleted organization's roles in.
const at = '2026-01-01T00:00:00.000Z';
function role(name: string, inherits: string[] = [], permissions: string[] = [], organizationId: string | null = 'org-a'): RoleView {
  return {
    id: `00000000-0000-4000-8000-${name.padStart(12, '0').slice(-12).replace(/[^0-9a-f]/g, 'a')}`,
    scope: organizationId ? 'organization' : 'global',
    organizationId,
    name,
    description: '',
    permissions: permissions.map((p) => ({ resource: p.split(':')[0]!, action: p.split(':')[1]! })),
    inheritedRoleNames: inherits,
    createdAt: at,
    updatedAt: at,
    effectivePermissions: [],
    unpublishedInherited: [],
    inheritedBy: [],
  };
}
const builtIns = builtInRoles.map((b) => ({ ...b, permissions: [...b.permissions] }));

function decision(overrides: Partial<AccessDecision>): AccessDecision {
  return {
    allowed: false,
    decision: 'denied',
    organization: null,
    permission: { resource: 'model', action: 'write' },
    explanation: [],
    path: [],
    groups: [],
    roles: [],
    unmatchedGroups: [],
    organizations: [],
    deepLinks: [],
    ...overrides,
  };
}

describe('decision graph', () => {
  it('draws groups → roles → inherited roles → permission and highlights only the path that decided', () => {
    const roles = [role('sso-admins', ['ml-engineers']), role('ml-engineers', ['User'], ['model:write'])];
    const graph = buildDecisionGraph(
      decision({
        allowed: true,
        decision: 'allowed',
        groups: ['sso-admins', 'contractors'],
        roles: ['sso-admins'],
        unmatchedGroups: ['contractors'],
        path: [
          { kind: 'claim', label: 'groups', decisive: true },
          { kind: 'group', label: 'sso-admins', decisive: true },
          { kind: 'role', label: 'sso-admins', decisive: true },
          { kind: 'inherited', label: 'ml-engineers', decisive: true },
          { kind: 'permission', label: 'model:write', decisive: true },
        ],
      }),
      roles,
      builtIns,
    );
    const byLabel = new Map(graph.nodes.map((n) => [n.label, n]));
    expect(graph.nodes.filter((n) => n.label === 'sso-admins').map((n) => n.kind)).toEqual(['group', 'role']);
    expect(byLabel.get('ml-engineers')).toMatchObject({ kind: 'inherited', column: 2, decisive: true });
    expect(byLabel.get('User')).toMatchObject({ column: 3, decisive: false, muted: true, note: 'built-in, permissions not published' });
    expect(byLabel.get('contractors')).toMatchObject({ decisive: false, muted: true });
    expect(byLabel.get('model:write')).toMatchObject({ kind: 'permission', column: 4, decisive: true });
    const decisive = graph.edges.filter((e) => e.decisive).map((e) => e.id);
    expect(decisive).toEqual(['group:sso-admins->role:sso-admins', 'role:sso-admins->role:ml-engineers', 'role:ml-engineers->permission:model:write']);
    expect(graph.edges.find((e) => e.id === 'role:ml-engineers->role:user')?.decisive).toBe(false);
  });

  it('an undetermined decision links the unpublished built-in to the permission with a dashed (uncertain) edge', () => {
    const graph = buildDecisionGraph(
      decision({ decision: 'undetermined', groups: ['ml'], roles: ['ml'], path: [{ kind: 'inherited', label: 'User', decisive: true }], permission: { resource: 'model', action: 'delete' } }),
      [role('ml', ['User'])],
      builtIns,
    );
    expect(graph.edges.find((e) => e.target === 'permission:model:delete')).toMatchObject({ source: 'role:user', uncertain: true });
  });

  it('a cycle in stored roles cannot loop the drawing', () => {
    const graph = buildDecisionGraph(decision({ groups: ['a'], roles: ['a'] }), [role('a', ['b']), role('b', ['a'])], builtIns);
    expect(graph.nodes.map((n) => n.label)).toEqual(['a', 'a', 'b', 'model:write']);
  });
});

describe('role editor', () => {
  it('puts each finding on the field it names; an indexed permission finding marks its matrix cell', () => {
    const placed = placeIssues(
      [
        { field: 'name', message: 'taken' },
        { field: 'permissions.1', message: 'global only' },
        { field: 'permissions.0.action', message: 'no such action' },
        { field: 'inheritedRoleNames.0', message: 'other org' },
        { field: 'somethingElse', message: 'odd' },
      ],
      ['model:fly', 'organization_global:read'],
    );
    expect(placed.byField).toEqual({ name: ['taken'], permissions: ['global only', 'no such action'], inheritedRoleNames: ['other org'], form: ['odd'] });
    expect([...placed.permissionKeys]).toEqual([
      ['organization_global:read', 'global only'],
      ['model:fly', 'no such action'],
    ]);
  });

  it('a global role is sent without organization and inheritance, whatever the form still holds', () => {
    expect(draftFromForm({ scope: 'global', organizationId: 'org-a', name: 'ops', description: '', permissions: ['organization_global:read'], inheritedRoleNames: ['User'] })).toEqual({
      scope: 'global',
      organizationId: null,
      name: 'ops',
      description: '',
      permissions: [{ resource: 'organization_global', action: 'read' }],
      inheritedRoleNames: [],
    });
  });
});
