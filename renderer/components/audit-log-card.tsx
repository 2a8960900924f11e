import { Paper, Skeleton, Table, Text, Title, Tooltip } from '@mantine/core';
import { useOperation, useWorkbenchEvent } from '../client';
import { OperationError } from './operation-error';
import { relativeTime } from './relative-time';
import { actionWords, subjectWords } from './audit-words';

/** The newest audit entries (`audit.list`), refreshed whenever the engine appends one (`onAuditAppended`). */
export function AuditLogCard() {
  const { data, error, loading, refetch } = useOperation('audit.list', { limit: 20 });
  // Names of just the connections these entries are about (a store may hold 10,000).
  const subjects = [...new Set((data ?? []).map((entry) => entry.subject).filter((subject): subject is string => typeof subject === 'string'))].sort();
  const connections = useOperation('connections.list', { ids: subjects });
  useWorkbenchEvent('onAuditAppended', () => {
    void refetch();
    void connections.refetch();
  });
  const names = new Map((connections.data ?? []).map((c) => [c.id, c.name]));

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
                <Table.Th>Change</Table.Th>
                <Table.Th>About</Table.Th>
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
                    <Tooltip label={entry.action}>
                      <Text size="sm" component="span" data-testid="audit-action">
                        {actionWords(entry)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="audit-subject">
                      {subjectWords(entry, names)}
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
