import type { AccessDecision, RoleView } from '../../../../main/contract/index';
import type { BuiltIn } from '../use-rbac-data';

export type GraphNodeKind = 'group' | 'role' | 'inherited' | 'permission';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Column: 0 groups, 1 matched roles, 2… inherited roles, last the permission. */
  column: number;
  decisive: boolean;
  /** An unmatched group, or a built-in whose permissions are not published. */
  muted: boolean;
  note?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  decisive: boolean;
  /** A link that might grant (an unpublished built-in), drawn dashed. */
  uncertain: boolean;
}

const MAX_INHERITED_COLUMNS = 4;

/**
 * groups → roles → inherited roles → the permission, from the decision and the installation's roles. A node is on the
 * decisive path when the decision's path names it with `decisive` (group, role, inherited role, permission).
 */
export function buildDecisionGraph(decision: AccessDecision, roles: readonly RoleView[], builtIns: readonly BuiltIn[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const decisiveLabels = new Map<string, Set<string>>();
  for (const step of decision.path) {
    if (!step.decisive) continue;
    const kind = step.kind === 'inherited' ? 'role' : step.kind;
    const set = decisiveLabels.get(kind) ?? new Set<string>();
    set.add(step.label.toLowerCase());
    decisiveLabels.set(kind, set);
  }
  const isDecisive = (kind: 'group' | 'role' | 'permission', label: string) => decisiveLabels.get(kind)?.has(label.toLowerCase()) ?? false;
  const key = `${decision.permission.resource}:${decision.permission.action}`;
  const roleByName = new Map(roles.map((role) => [role.name.toLowerCase(), role]));
  const builtInByName = new Map(builtIns.map((role) => [role.name.toLowerCase(), role]));

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const roleNodes = new Map<string, GraphNode>();
  const matched = new Set(decision.roles.map((name) => name.toLowerCase()));
  const unmatched = new Set(decision.unmatchedGroups.map((name) => name.toLowerCase()));

  for (const group of decision.groups) {
    nodes.push({ id: `group:${group}`, kind: 'group', label: group, column: 0, decisive: isDecisive('group', group), muted: unmatched.has(group.toLowerCase()) });
  }
  const addRole = (name: string, column: number, kind: 'role' | 'inherited'): GraphNode => {
    const existing = roleNodes.get(name.toLowerCase());
    if (existing) return existing;
    const builtIn = builtInByName.get(name.toLowerCase());
    const node: GraphNode = {
      id: `role:${name.toLowerCase()}`,
      kind,
      label: name,
      column,
      decisive: isDecisive('role', name),
      muted: builtIn ? !builtIn.permissionsKnown : false,
      ...(builtIn ? { note: builtIn.permissionsKnown ? 'built-in' : 'built-in, permissions not published' } : {}),
    };
    roleNodes.set(name.toLowerCase(), node);
    nodes.push(node);
    return node;
  };

  // Matched roles, then their inheritance breadth-first (a role seen twice is drawn once, at its first column).
  let frontier: string[] = [];
  for (const name of decision.roles) {
    const node = addRole(name, 1, 'role');
    frontier.push(name);
    for (const group of decision.groups) {
      if (group.toLowerCase() === name.toLowerCase()) edges.push(edge(`group:${group}`, node.id, nodes));
    }
  }
  for (let depth = 0; depth < MAX_INHERITED_COLUMNS && frontier.length; depth++) {
    const next: string[] = [];
    for (const name of frontier) {
      const from = roleNodes.get(name.toLowerCase());
      const role = roleByName.get(name.toLowerCase());
      if (!from || !role) continue;
      for (const parent of role.inheritedRoleNames) {
        const known = roleNodes.has(parent.toLowerCase());
        const to = addRole(parent, Math.min(2 + depth, 1 + MAX_INHERITED_COLUMNS), 'inherited');
        edges.push(edge(from.id, to.id, nodes));
        if (!known) next.push(parent);
      }
    }
    frontier = next;
  }

  const lastColumn = Math.max(1, ...nodes.map((node) => node.column)) + 1;
  const permission: GraphNode = { id: `permission:${key}`, kind: 'permission', label: key, column: lastColumn, decisive: decision.decision === 'allowed', muted: false };
  nodes.push(permission);
  for (const node of roleNodes.values()) {
    const role = roleByName.get(node.label.toLowerCase());
    const builtIn = builtInByName.get(node.label.toLowerCase());
    const grants = role ? role.permissions.some((p) => p.resource === decision.permission.resource && p.action === decision.permission.action) : builtIn?.permissions.some((p) => `${p.resource}:${p.action}` === key);
    if (grants) edges.push(edge(node.id, permission.id, nodes));
    else if (builtIn && !builtIn.permissionsKnown && decision.decision === 'undetermined') edges.push({ ...edge(node.id, permission.id, nodes), uncertain: true });
  }
  for (const node of nodes) if (!matched.has(node.label.toLowerCase()) && node.kind === 'role') node.kind = 'inherited';
  return { nodes, edges };
}

function edge(source: string, target: string, nodes: readonly GraphNode[]): GraphEdge {
  const decisive = (id: string) => nodes.find((node) => node.id === id)?.decisive ?? false;
  return { id: `${source}->${target}`, source, target, decisive: decisive(source) && decisive(target), uncertain: false };
}
