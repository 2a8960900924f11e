import { Badge, Paper, Skeleton, Table, Text, Title, Tooltip } from '@mantine/core';
import { useOperation, useWorkbenchEvent } from '../client';
import { OperationError } from './operation-error';
import { relativeTime } from './relative-time';

const outcomeColor = { succeeded: 'teal', failed: 'red', nothing_to_do: 'gray' } as const;

/** Role pushes to targets, newest first, refreshed when the audit log grows (a push always writes an entry). */
export function PushesCard() {
  const { data, error, loading, refetch } = useOperation('pushes.list', { limit: 50 });
  useWorkbenchEvent('onAuditAppended', (entry) => {
    if (entry.action === 'targets.push') void refetch();
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pushes-title">
      <Title order={2} size="h4" mb="xs" id="pushes-title">
        Role pushes
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Every push to a target with its outcome; the audit log holds its plan and per-role results.
      </Text>
      {error && !data && <OperationError title="Pushes could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
      {!data && !error && <Skeleton height={60} aria-label="Loading pushes" />}
      {data?.length === 0 && <Text size="sm">No pushes yet. Plan and push roles from the Targets page.</Text>}
      {data && data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label="Role pushes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Roles</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((push) => (
                <Table.Tr key={push.id}>
                  <Table.Td>
                    <Tooltip label={new Date(push.at).toLocaleString()}>
                      <Text size="sm" component="span">
                        {relativeTime(push.at)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{push.targetName}</Text>
                    <Text size="xs" c="dimmed">
                      {push.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={outcomeColor[push.outcome]} variant="light">
                      {push.outcome.replace('_', ' ')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {push.counts.done} done, {push.counts.failed} failed, {push.counts.skipped} not sent
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
