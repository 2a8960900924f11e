import { useState } from 'react';
import { Button, Code, EmptyState, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowsDiff, IconHistory } from '@tabler/icons-react';
import type { TestRunSummary } from '../../main/contract/index';
import { useOperation, useWorkbenchEvent } from '../client';
import { AuditLogCard } from '../components/audit-log-card';
import { ConnectionPicker } from '../components/connection-picker';
import { TablePager, useServerPage } from '../components/table-pager';
import { PushesCard } from '../components/pushes-card';
import { OperationError } from '../components/operation-error';
import { PageHeader } from '../components/page-header';
import { CompareRunsModal } from './test-run/compare-runs';
import { HistoryTable } from './test-run/history-table';

/** Test runs (open one for its full report; compare two of one connection) and the audit log of changes. */
export function HistoryPage() {
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<'all' | 'passed' | 'failed'>('all');
  const filters = { ...(connectionId ? { ref: connectionId } : {}), ...(outcome !== 'all' ? { outcome } : {}) };
  // The engine pages History (and counts it on an index): opening it reads one page, however many runs there are.
  const [total, setTotal] = useState<number | undefined>(undefined);
  const paging = useServerPage(JSON.stringify(filters), total);
  const { data: answer, error, loading, refetch } = useOperation('history.page', { ...filters, limit: paging.limit, offset: paging.offset });
  if (answer && answer.total !== total) setTotal(answer.total);
  const data = answer?.runs;
  useWorkbenchEvent('onTestRunFinished', () => void refetch());
  // The runs ticked for comparison (kept across pages and filters).
  const [picked, setPicked] = useState<TestRunSummary[]>([]);
  const [comparing, setComparing] = useState<[TestRunSummary, TestRunSummary] | null>(null);

  const filtered = connectionId !== null || outcome !== 'all';
  const runs = data ?? [];
  const comparable = picked.length === 2 && picked[0]?.connectionId === picked[1]?.connectionId;
  const toggle = (runId: string) => {
    const run = runs.find((candidate) => candidate.runId === runId);
    setPicked((previous) => (previous.some((p) => p.runId === runId) ? previous.filter((p) => p.runId !== runId) : run ? [...previous, run].slice(-2) : previous));
  };

  return (
    <>
      <PageHeader
        title="History"
        description="Every test login: its checks, the claims that came back, the mapped user and the roles it resolved to."
      />
      <Stack gap="lg">
        {error && !data && <OperationError title="Test runs could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
        {!data && !error && <Skeleton height={120} aria-label="Loading test runs" />}
        {answer?.total === 0 && !filtered && <NoRuns />}
        {data && (answer?.total !== 0 || filtered) && (
          <Paper withBorder radius="md" component="section" aria-labelledby="runs-title">
            <Group justify="space-between" p="md" pb="xs" wrap="wrap" gap="sm">
              <Title order={2} size="h4" id="runs-title">
                Test runs
              </Title>
              <Group gap="sm" wrap="wrap">
                <ConnectionPicker label="Filter by connection" value={connectionId} onChange={setConnectionId} />
                <SegmentedControl
                  aria-label="Outcome filter"
                  size="sm"
                  data={[
                    { value: 'all', label: 'Any outcome' },
                    { value: 'passed', label: 'Passed' },
                    { value: 'failed', label: 'Failed' },
                  ]}
                  value={outcome}
                  onChange={(value) => setOutcome(value as typeof outcome)}
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
                No run matches these filters.
              </Text>
            ) : (
              <HistoryTable
                runs={runs}
                selected={picked.map((run) => run.runId)}
                onToggle={toggle}
                pager={<TablePager total={answer?.total ?? 0} page={paging.page} shown={runs.length} onChange={paging.setPage} />}
              />
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
