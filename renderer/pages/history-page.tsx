import { useState } from 'react';
import { Button, Code, EmptyState, Group, Paper, Select, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowsDiff, IconHistory } from '@tabler/icons-react';
import type { TestRunSummary } from '../../main/contract/index';
import { useOperation, useWorkbenchEvent } from '../client';
import { AuditLogCard } from '../components/audit-log-card';
import { PushesCard } from '../components/pushes-card';
import { OperationError } from '../components/operation-error';
import { PageHeader } from '../components/page-header';
import { CompareRunsModal } from './test-run/compare-runs';
import { HistoryTable } from './test-run/history-table';

/** Test runs (open one for its full report; compare two of one connection) and the audit log of changes. */
export function HistoryPage() {
  const { data, error, loading, refetch } = useOperation('history.list', { limit: 200 });
  useWorkbenchEvent('onTestRunFinished', () => void refetch());
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [comparing, setComparing] = useState<[TestRunSummary, TestRunSummary] | null>(null);

  const runs = (data ?? []).filter((run) => connectionId === null || run.connectionId === connectionId);
  const connections = [...new Map((data ?? []).map((run) => [run.connectionId, run.connectionName])).entries()];
  const picked = selected.map((id) => data?.find((run) => run.runId === id)).filter((run): run is TestRunSummary => run !== undefined);
  const comparable = picked.length === 2 && picked[0]?.connectionId === picked[1]?.connectionId;
  const toggle = (runId: string) => setSelected((previous) => (previous.includes(runId) ? previous.filter((id) => id !== runId) : [...previous, runId].slice(-2)));

  return (
    <>
      <PageHeader
        title="History"
        description="Every test login: its checks, the claims that came back, the mapped user and the roles it resolved to."
      />
      <Stack gap="lg">
        {error && !data && <OperationError title="Test runs could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
        {!data && !error && <Skeleton height={120} aria-label="Loading test runs" />}
        {data?.length === 0 && <NoRuns />}
        {data && data.length > 0 && (
          <Paper withBorder radius="md" component="section" aria-labelledby="runs-title">
            <Group justify="space-between" p="md" pb="xs" wrap="wrap" gap="sm">
              <Title order={2} size="h4" id="runs-title">
                Test runs
              </Title>
              <Group gap="sm" wrap="wrap">
                <Select
                  aria-label="Filter by connection"
                  placeholder="All connections"
                  data={connections.map(([value, label]) => ({ value, label }))}
                  value={connectionId}
                  onChange={setConnectionId}
                  clearable
                  w={240}
                />
                <Tooltip label={picked.length === 2 && !comparable ? 'Pick two runs of the same connection' : 'Tick two runs of one connection to see what changed'}>
                  <Button
                    variant="light"
                    leftSection={<IconArrowsDiff size={16} aria-hidden />}
                    disabled={!comparable}
                    onClick={() => setComparing([picked[0], picked[1]] as [TestRunSummary, TestRunSummary])}
                  >
                    Compare{picked.length > 0 ? ` (${picked.length}/2)` : ''}
                  </Button>
                </Tooltip>
              </Group>
            </Group>
            {runs.length === 0 ? (
              <Text size="sm" c="dimmed" p="md" pt={0}>
                No run of this connection is in the history.
              </Text>
            ) : (
              <HistoryTable runs={runs} selected={selected} onToggle={toggle} />
            )}
          </Paper>
        )}
        <PushesCard />
        <AuditLogCard />
      </Stack>
      <CompareRunsModal runs={comparing} onClose={() => setComparing(null)} />
    </>
  );
}

function NoRuns() {
  return (
    <Paper withBorder p="xl" radius="md">
      <EmptyState
        icon={<IconHistory size={28} stroke={1.5} aria-hidden />}
        variant="light"
        title="No test runs yet"
        description="Test runs appear here. Run a test login from a connection to prove it works before rollout; tokens are never stored, claims only while Keep test history is on."
      >
        <Stack gap={6} align="center">
          <Text size="sm" c="dimmed">
            Or from the command line:
          </Text>
          <Code>{'ssowb test <connection>'}</Code>
        </Stack>
      </EmptyState>
    </Paper>
  );
}
