import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconShieldCheck } from '@tabler/icons-react';
import type { Report } from '../../../main/contract/index';
import { useOperation } from '../../client';
import { CopyAction } from '../../components/copy-value';
import { BadgeList, Labelled } from '../../components/labelled-badges';
import type { Candidate } from './details';
import { useHashSegments } from './use-hash-segments';

/**
 * The groups the mapping found and how they resolve (product.md "Resolution"): which group matched which role (and
 * where), groups with no role (ignored), the organizations reached, the denial and its reason, built-ins whose
 * permissions are unpublished, and for ClearML the platform groups joined and admin status. Links into the simulator.
 */
export function GroupsCard({ report, candidate }: { report: Report; candidate: Candidate | undefined }) {
  const { resolution } = report;
  const groups = report.outcome === 'passed' ? report.groups : (candidate?.groups ?? []);
  const [route, runId] = useHashSegments();
  const orgs = useOperation('orgs.list', {});
  const orgName = (id: string | null) => (id === null ? 'global' : (orgs.data?.find((org) => org.id === id)?.name ?? id));
  const simulatorHref = route === 'runs' && runId ? `#/roles/simulator?run=${encodeURIComponent(runId)}` : `#/roles/simulator?connection=${encodeURIComponent(report.connection.id)}`;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="groups-title" data-testid="groups-card">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="groups-title">
          Groups and roles
        </Title>
        <Anchor href={simulatorHref} size="sm" data-testid="open-simulator">
          <Group gap={4} component="span" wrap="nowrap">
            <IconShieldCheck size={16} aria-hidden />
            Check a permission in the access simulator
            <IconArrowRight size={14} aria-hidden />
          </Group>
        </Anchor>
      </Group>
      <Stack gap="sm">
        <Labelled label={report.outcome === 'passed' ? 'Groups' : 'Groups (not accepted)'}>
          <BadgeList items={groups} color={report.outcome === 'passed' ? 'blue' : 'gray'} empty="No groups were mapped." testId="groups" />
        </Labelled>
        <Labelled label="Roles">
          {resolution.matches.length > 0 ? (
            <Table verticalSpacing={2} data-testid="role-matches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Where</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {resolution.matches.map((match) => (
                  <Table.Tr key={`${match.group}>${match.role}`}>
                    <Table.Td>{match.group}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {match.role}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={match.scope === 'global' ? 'grape' : 'blue'} tt="none">
                        {orgName(match.organizationId)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <BadgeList items={resolution.roles} color="teal" empty="No role matched." testId="roles" />
          )}
        </Labelled>
        {resolution.unmatchedGroups.length > 0 && (
          <Labelled label="Groups with no role (ignored)">
            <BadgeList items={resolution.unmatchedGroups} color="gray" empty="" testId="unmatched-groups" />
          </Labelled>
        )}
        {resolution.organizations.length > 0 && (
          <Labelled label="Organizations">
            <Stack gap={2} data-testid="resolution-orgs">
              {resolution.organizations.map((id) => (
                <Group key={id} gap={4} wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {orgName(id)}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {id}
                  </Text>
                  <CopyAction value={id} label={`organization ID ${id}`} />
                  {resolution.permissions[id] && (
                    <Text size="xs" c="dimmed">
                      · {resolution.permissions[id].length} permissions
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          </Labelled>
        )}
        {resolution.unpublishedRoles.length > 0 && (
          <Text size="sm" c="orange.8">
            Inherits {resolution.unpublishedRoles.join(', ')}: Arthur does not publish what {resolution.unpublishedRoles.length > 1 ? 'they grant' : 'it grants'}, so the platform decides those permissions.
          </Text>
        )}
        {resolution.clearml && (
          <Labelled label="ClearML">
            <Stack gap={4} data-testid="clearml-resolution">
              <Group gap={6}>
                <Text size="sm">Joins:</Text>
                <BadgeList items={resolution.clearml.joinedGroups} color="blue" empty="no platform group" />
              </Group>
              {resolution.clearml.unknownGroups.length > 0 && (
                <Group gap={6}>
                  <Text size="sm">Not on the platform (ignored):</Text>
                  <BadgeList items={resolution.clearml.unknownGroups} color="gray" empty="" />
                </Group>
              )}
              <Text size="sm">
                {resolution.clearml.admin ? <b>Becomes an admin</b> : 'Not an admin'}
                {resolution.clearml.admin && resolution.clearml.adminVia.length > 0 ? ` (through ${resolution.clearml.adminVia.join(', ')} in adminGroups)` : ''}
              </Text>
            </Stack>
          </Labelled>
        )}
        {resolution.denied ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Login would be denied" p="xs" data-testid="resolution-denied">
            <Text size="sm">{resolution.reason}</Text>
          </Alert>
        ) : (
          resolution.reason && (
            <Text size="sm" c="dimmed" data-testid="resolution-reason">
              {resolution.reason}
            </Text>
          )
        )}
      </Stack>
    </Paper>
  );
}
