import { lazy, Suspense } from 'react';
import { Alert, Group, List, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconHelpCircle, IconMapPinOff } from '@tabler/icons-react';
import type { AccessDecision, RoleView } from '../../../../main/contract/index';
import { CopyAction } from '../../../components/copy-value';
import { BadgeList, Labelled } from '../../../components/labelled-badges';
import type { BuiltIn } from '../use-rbac-data';

// The graph library is loaded with the first decision, not with the console.
const DecisionGraph = lazy(() => import('./decision-graph').then((module) => ({ default: module.DecisionGraph })));

const verdicts = {
  allowed: { label: 'Allowed', color: 'teal', icon: IconCircleCheck },
  denied: { label: 'Denied', color: 'red', icon: IconCircleX },
  not_found: { label: '404 Not found', color: 'orange', icon: IconMapPinOff },
  undetermined: { label: 'Undetermined', color: 'yellow', icon: IconHelpCircle },
} as const;

const selectedBy = { header: 'Arthur-Organization-ID header', session: '_arthur_session organization', single: 'the only organization reachable', none: 'none chosen' } as const;

/** The answer: the verdict, the explanation chain in words, the decision graph, the organizations and their deep links. */
export function DecisionResult({ decision, roles, builtIns }: { decision: AccessDecision; roles: readonly RoleView[]; builtIns: readonly BuiltIn[] }) {
  const verdict = verdicts[decision.decision];
  const Icon = verdict.icon;
  const permission = `${decision.permission.resource}:${decision.permission.action}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="decision-title" data-testid="decision" data-decision={decision.decision}>
      <Stack gap="md">
        <Alert color={verdict.color} variant="light" icon={<Icon size={20} aria-hidden />} title={<span id="decision-title">{`${verdict.label}: ${permission}`}</span>} role="status">
          <Text size="sm">
            {decision.organization ? `In ${decision.organization.name} (${decision.organization.id}), chosen by ${selectedBy[decision.organization.selectedBy]}.` : 'No organization was chosen.'}
          </Text>
        </Alert>
        <Stack gap={4}>
          <Title order={3} size="h5">
            Why
          </Title>
          <List type="ordered" size="sm" spacing={4} data-testid="explanation">
            {decision.explanation.map((line, index) => (
              <List.Item key={index}>{line}</List.Item>
            ))}
          </List>
        </Stack>
        <Suspense fallback={<Skeleton height={220} aria-label="Drawing the decision graph" />}>
          <DecisionGraph decision={decision} roles={roles} builtIns={builtIns} />
        </Suspense>
        <Group gap="xl" align="flex-start">
          <Labelled label="Groups"><BadgeList items={decision.groups} color="blue" empty="none" /></Labelled>
          <Labelled label="Roles"><BadgeList items={decision.roles} color="teal" empty="none" /></Labelled>
          {decision.unmatchedGroups.length > 0 && <Labelled label="Groups with no role (ignored)"><BadgeList items={decision.unmatchedGroups} color="gray" empty="none" /></Labelled>}
        </Group>
        {decision.organizations.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              Organizations this login reaches
            </Title>
            <Table verticalSpacing={4} data-testid="reachable-orgs">
              <Table.Tbody>
                {decision.organizations.map((org) => {
                  const link = decision.deepLinks.find((candidate) => candidate.organizationId === org.id);
                  return (
                    <Table.Tr key={org.id}>
                      <Table.Td>{org.name}</Table.Td>
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <Text size="sm" ff="monospace">
                            {org.id}
                          </Text>
                          <CopyAction value={org.id} label={`ID of ${org.name}`} />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {link && (
                          <Group gap={2} wrap="nowrap">
                            <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                              {link.url}
                            </Text>
                            <CopyAction value={link.url} label={`deep link to ${org.name}`} />
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {decision.organizations.length > 1 && decision.deepLinks.length === 0 && (
              <Text size="xs" c="dimmed">
                Deep links need the platform's web address on the connection.
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
