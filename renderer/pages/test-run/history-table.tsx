import type { MouseEvent, ReactNode } from 'react';
import { Anchor, Badge, Checkbox, Table, Text, Tooltip } from '@mantine/core';
import type { TestRunSummary } from '../../../main/contract/index';
import { relativeTime } from '../../components/relative-time';
import { formatDateTime } from './format';
import { runHref } from './launches';

/**
 * Past runs, newest first: when, which connection, protocol, outcome, live or inspect, failed checks. A row opens the
 * run's report (the time is the link, for keyboards); the checkboxes pick two runs to compare.
 */
export function HistoryTable({
  runs,
  selected,
  onToggle,
  pager,
}: {
  /** The runs of the page shown (the engine pages History). */
  runs: readonly TestRunSummary[];
  selected: readonly string[];
  onToggle: (runId: string) => void;
  pager?: ReactNode;
}) {
  const open = (event: MouseEvent<HTMLTableRowElement>, runId: string) => {
    // Clicks on the link or the checkbox do their own thing.
    if ((event.target as HTMLElement).closest('a, input, label, button')) return;
    window.location.hash = runHref(runId);
  };
  return (
    <>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="history-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={56}>Compare</Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th>Connection</Table.Th>
              <Table.Th>Protocol</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Failed checks</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((run) => {
              const checked = selected.includes(run.runId);
              return (
                <Table.Tr key={run.runId} onClick={(event) => open(event, run.runId)} style={{ cursor: 'pointer' }} data-testid="history-row" data-run-id={run.runId}>
                  <Table.Td>
                    <Checkbox
                      checked={checked}
                      onChange={() => onToggle(run.runId)}
                      disabled={!checked && selected.length >= 2}
                      aria-label={`Compare the run of ${run.connectionName} at ${formatDateTime(run.at)}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={formatDateTime(run.at)}>
                      <Anchor href={runHref(run.runId)} size="sm" aria-label={`Open the run of ${run.connectionName} at ${formatDateTime(run.at)}`}>
                        {relativeTime(run.at)}
                      </Anchor>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {run.connectionName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{run.protocol.toUpperCase()}</Table.Td>
                  <Table.Td>
                    <Badge color={run.cancelled ? 'gray' : run.outcome === 'passed' ? 'teal' : 'red'} variant="light">
                      {run.cancelled ? 'cancelled' : run.outcome}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={run.source === 'live' ? 'blue' : 'grape'} variant="outline">
                      {run.source === 'live' ? 'live' : 'inspect'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {run.failedChecks.length === 0 || run.cancelled ? (
                      <Text size="sm" c="dimmed">
                        {run.cancelled ? '—' : '0'}
                      </Text>
                    ) : (
                      <Tooltip label={run.failedChecks.join(', ')} multiline maw={420}>
                        <Text size="sm" c="red" tabIndex={0}>
                          {run.failedChecks.length} · <code>{run.failedChecks[0]}</code>
                          {run.failedChecks.length > 1 ? ' …' : ''}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pager}
    </>
  );
}
