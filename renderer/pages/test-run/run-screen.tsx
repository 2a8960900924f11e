import { useEffect, useState } from 'react';
import { Anchor, Box, Button, Group, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { ConnectionView } from '../../../main/contract/index';
import { callOperation, useWorkbench } from '../../client';
import { hrefOf } from '../../app/use-hash-route';
import { CopyAction } from '../../components/copy-value';
import { OperationError } from '../../components/operation-error';
import { PageHeader } from '../../components/page-header';
import { TestConnectionButton } from '../../components/test-connection-button';
import { formatDateTime } from './format';
import { ReportView } from './report-view';
import { RunningPanel } from './running-panel';
import { useTestRun } from './use-test-run';
import { VerdictBanner } from './verdict-banner';

/**
 * `#/runs/<runId>`: a live run while it waits for the IdP (timeline, login URL, Cancel), then its report — the claims
 * viewer. Also opens past runs from History (same `tests.get`, which falls back to History).
 */
export function RunScreen({ runId }: { runId: string }) {
  const run = useTestRun(runId);
  const { report, status, connectionId } = run;
  const view = useConnectionView(connectionId);
  const name = report?.connection.name ?? view?.name ?? run.launch?.connectionName;
  const running = !report && (status === 'waiting' || status === 'processing' || (status === undefined && run.launch !== undefined));

  return (
    <>
      <PageHeader
        title={name ? `Test run: ${name}` : 'Test run'}
        description={
          <Group gap={4} component="span" wrap="wrap">
            <span>{report ? `${report.source === 'live' ? 'Live login' : 'Offline inspect'} on ${formatDateTime(report.at)} · run` : 'Run'}</span>
            <Text span ff="monospace" size="sm" data-testid="run-id">
              {runId}
            </Text>
            <CopyAction value={runId} label="run ID" />
          </Group>
        }
        actions={
          <>
            <Button component="a" href={hrefOf('history')} variant="default" leftSection={<IconHistory size={16} aria-hidden />}>
              History
            </Button>
            {view && !running && <TestConnectionButton connection={view} label="Test again" />}
          </>
        }
      />
      <Box aria-live="polite" aria-atomic="true" data-testid="run-status" mb={report ? 'lg' : 0}>
        {report && <VerdictBanner report={report} status={status} />}
        {running && (
          <VisuallyHidden>{status === 'processing' ? 'The identity provider answered; checking.' : 'Waiting for the identity provider.'}</VisuallyHidden>
        )}
      </Box>
      <Stack gap="lg">
        {run.error && !report && status === undefined && (
          <OperationError title="This test run could not be loaded" error={run.error} onRetry={run.retry} retrying={run.loading} />
        )}
        {running && <RunningPanel run={run} />}
        {report && <ReportView report={report} steps={run.steps} provider={view?.provider} />}
        {!report && !running && !run.error && <Skeleton height={240} aria-label="Loading the test run" />}
        {report && (
          <Text size="xs" c="dimmed">
            Tokens are never stored; this report keeps the decoded claims and checks.{' '}
            <Anchor href={hrefOf('history')} size="xs">
              All runs
            </Anchor>
          </Text>
        )}
      </Stack>
    </>
  );
}

/** The run's connection (name and provider for "Provider details"); a removed connection simply has none. */
function useConnectionView(connectionId: string | undefined): ConnectionView | undefined {
  const api = useWorkbench();
  const [view, setView] = useState<ConnectionView | undefined>(undefined);
  useEffect(() => {
    if (!connectionId) return undefined;
    let current = true;
    void callOperation(api, 'connections.get', { ref: connectionId }).then((result) => {
      if (current && result.ok) setView(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, connectionId]);
  return view?.id === connectionId ? view : undefined;
}
