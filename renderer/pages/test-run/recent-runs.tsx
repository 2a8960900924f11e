import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useOperation, useWorkbenchEvent } from '../../client';
import { relativeTime } from '../../components/relative-time';
import { runHref } from './launches';

/** The last few runs (of one connection, or of all), as links to their reports. */
export function RecentRuns({ connectionId, limit = 5 }: { connectionId?: string; limit?: number }) {
  const { data, refetch } = useOperation('history.list', connectionId ? { ref: connectionId, limit } : { limit });
  useWorkbenchEvent('onTestRunFinished', () => void refetch());
  if (!data) return null;
  if (data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No test runs yet.
      </Text>
    );
  }
  return (
    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {data.map((run) => (
        <Group key={run.runId} component="li" gap="xs" wrap="nowrap">
          <Badge color={run.cancelled ? 'gray' : run.outcome === 'passed' ? 'teal' : 'red'} variant="light" miw={72}>
            {run.cancelled ? 'cancelled' : run.outcome}
          </Badge>
          <Anchor href={runHref(run.runId)} size="sm">
            {connectionId ? '' : `${run.connectionName} · `}
            {run.source === 'live' ? 'live login' : 'inspect'} {relativeTime(run.at)}
          </Anchor>
          {run.failedChecks[0] && (
            <Text size="xs" c="dimmed" ff="monospace" truncate>
              {run.failedChecks[0]}
            </Text>
          )}
        </Group>
      ))}
    </Stack>
  );
}
