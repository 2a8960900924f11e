import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { Background, Controls, MarkerType, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { Box, Group, Text, useComputedColorScheme } from '@mantine/core';
import type { AccessDecision, RoleView } from '../../../../main/contract/index';
import type { BuiltIn } from '../use-rbac-data';
import { buildDecisionGraph, type GraphNode } from './decision-graph-model';

const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 64;
const kindTitles = { group: 'IdP group', role: 'Role', inherited: 'Inherited role', permission: 'Permission' } as const;

/**
 * The decision as a picture: IdP groups → roles → inherited roles → the permission asked, with the links that
 * decided drawn thick and animated. Read-only; nodes are focusable (Tab) and each names its kind and whether it decided.
 */
export function DecisionGraph({ decision, roles, builtIns }: { decision: AccessDecision; roles: readonly RoleView[]; builtIns: readonly BuiltIn[] }) {
  const dark = useComputedColorScheme('light') === 'dark';
  const { nodes, edges, height } = useMemo(() => {
    const model = buildDecisionGraph(decision, roles, builtIns);
    // The deciding chain runs straight along the top row; columns it does not visit leave that row free, so no other
    // node sits on the highlighted line.
    const lane = model.nodes.some((node) => node.decisive);
    const decisiveColumns = new Set(model.nodes.filter((node) => node.decisive).map((node) => node.column));
    const ordered = [...model.nodes].sort((a, b) => a.column - b.column || Number(b.decisive) - Number(a.decisive));
    const rows = new Map<number, number>();
    const color = decision.decision === 'allowed' ? 'var(--mantine-color-teal-6)' : decision.decision === 'undetermined' ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-red-6)';
    const flowNodes: Node[] = ordered.map((node) => {
      const row = rows.get(node.column) ?? (lane && !decisiveColumns.has(node.column) ? 1 : 0);
      rows.set(node.column, row + 1);
      return {
        id: node.id,
        position: { x: node.column * COLUMN_WIDTH, y: row * ROW_HEIGHT },
        data: { label: <NodeLabel node={node} /> },
        type: node.column === 0 ? 'input' : node.kind === 'permission' ? 'output' : 'default',
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
        draggable: false,
        connectable: false,
        ariaLabel: `${kindTitles[node.kind]} ${node.label}${node.note ? ` (${node.note})` : ''}${node.decisive ? ', on the deciding path' : ''}${node.muted && node.kind === 'group' ? ', matches no role' : ''}`,
        className: node.decisive ? 'decisive' : undefined,
        style: {
          width: 200,
          borderWidth: node.decisive ? 3 : 1,
          borderStyle: node.muted ? 'dashed' : 'solid',
          borderColor: node.decisive ? color : 'var(--mantine-color-default-border)',
          background: 'var(--mantine-color-body)',
          color: 'var(--mantine-color-text)',
          opacity: node.muted && !node.decisive ? 0.7 : 1,
        },
        'data-testid': 'graph-node',
      } as Node;
    });
    const flowEdges: Edge[] = model.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      animated: edge.decisive,
      markerEnd: { type: MarkerType.ArrowClosed, color: edge.decisive ? color : undefined },
      style: { stroke: edge.decisive ? color : undefined, strokeWidth: edge.decisive ? 3 : 1, strokeDasharray: edge.uncertain ? '6 4' : undefined },
      className: edge.decisive ? 'decisive' : undefined,
    }));
    return { nodes: flowNodes, edges: flowEdges, height: Math.max(220, Math.max(...rows.values()) * ROW_HEIGHT + 80) };
  }, [decision, roles, builtIns]);

  return (
    <Box component="figure" m={0} aria-labelledby="decision-graph-caption" data-testid="decision-graph">
      <Box h={height} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          fitViewOptions={{ padding: 0.15 }}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          colorMode={dark ? 'dark' : 'light'}
          proOptions={{ hideAttribution: true }}
          minZoom={0.3}
        >
          <Background />
          <Controls showInteractive={false} position="bottom-right" />
        </ReactFlow>
      </Box>
      <Group component="figcaption" id="decision-graph-caption" gap="md" mt={6}>
        <Text size="xs" c="dimmed">
          IdP groups → roles → inherited roles → {decision.permission.resource}:{decision.permission.action}. Thick, animated links decided; dashed boxes are groups
          matching no role or built-ins whose permissions are not published.
        </Text>
      </Group>
    </Box>
  );
}

function NodeLabel({ node }: { node: GraphNode }) {
  return (
    <div data-testid="graph-node-label" data-kind={node.kind} data-decisive={node.decisive ? 'true' : 'false'}>
      <Text size="10px" c="dimmed" tt="uppercase" fw={600}>
        {kindTitles[node.kind]}
      </Text>
      <Text size="sm" fw={node.decisive ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
        {node.label}
      </Text>
      {node.note && (
        <Text size="10px" c="dimmed">
          {node.note}
        </Text>
      )}
    </div>
  );
}
