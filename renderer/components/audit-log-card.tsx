import { Code, Paper, Skeleton, Table, Text, Title, Tooltip } from '@mantine/core';
import { useOperation, useWorkbenchEvent } from '../client';
import { OperationError } from './operation-error';
import { relativeTime } from './relative-time';

/** The newest audit entries (`audit.list`), refreshed whenever the engine appends one (`onAuditAppended`). */
export function AuditLogCard() {
  const { data, error, loading, refetch } = useOperation('audit.list', { limit: 20 });
  useWorkbenchEvent('onAuditAppended', () => void refetch());

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        Recent changes
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Every change made from the desktop app, the browser or the CLI, newest first. Secret values are never recorded.
      </Text>
      {error && !data && <OperationError title="The audit log could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
      {!data && !error && <Skeleton height={60} aria-label="Loading the audit log" />}
      {data?.length === 0 && <Text size="sm">No changes recorded yet.</Text>}
      {data && data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Subject</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <Tooltip label={new Date(entry.at).toLocaleString()}>
                      <Text size="sm" component="span">
                        {relativeTime(entry.at)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.actor}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.subject}</Text>
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
