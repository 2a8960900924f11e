import type { ReactNode } from 'react';
import { Alert, Badge, Code, Group, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { TestRunSummary } from '../../../main/contract/index';
import { useOperation } from '../../client';
import { OperationError } from '../../components/operation-error';
import { checkStatusMeta } from './check-status';
import { formatDateTime, formatValue } from './format';
import { diffRuns, type ValueChange } from './run-diff';

/** Two runs of one connection side by side: what changed from the older to the newer (checks, claims, user, groups). */
export function CompareRunsModal({ runs, onClose }: { runs: [TestRunSummary, TestRunSummary] | null; onClose: () => void }) {
  return (
    <Modal opened={runs !== null} onClose={onClose} title={<Title order={2} size="h4">Compare runs</Title>} size="xl">
      {runs && <Comparison runs={runs} />}
    </Modal>
  );
}

function Comparison({ runs }: { runs: [TestRunSummary, TestRunSummary] }) {
  const [older, newer] = [...runs].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) as [TestRunSummary, TestRunSummary];
  const before = useOperation('history.get', { runId: older.runId });
  const after = useOperation('history.get', { runId: newer.runId });
  const error = before.error ?? after.error;
  if (error) return <OperationError title="A run could not be loaded" error={error} />;
  if (!before.data || !after.data) return <Skeleton height={200} aria-label="Loading the runs" />;
  const diff = diffRuns(before.data, after.data);
  return (
    <Stack gap="md" data-testid="run-diff">
      <Text size="sm">
        <b>{older.connectionName}</b>: {formatDateTime(older.at)} → {formatDateTime(newer.at)}
      </Text>
      <Group gap="xs">
        <Text size="sm">Outcome</Text>
        <Outcome value={diff.outcome.before} /> → <Outcome value={diff.outcome.after} />
      </Group>
      {diff.empty && <Alert color="teal" variant="light">Nothing changed: same checks, claims, user and groups.</Alert>}
      {diff.checks.length > 0 && (
        <Section title={`Checks (${diff.checks.length} changed)`}>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {diff.checks.map((change) => (
                <Table.Tr key={change.id}>
                  <Table.Td>
                    <Code>{change.id}</Code>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Status value={change.before} /> → <Status value={change.after} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{change.message}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      )}
      <Changes title="Claims added" color="teal" changes={diff.claims.added} show="after" />
      <Changes title="Claims removed" color="red" changes={diff.claims.removed} show="before" />
      <Changes title="Claims changed" color="yellow" changes={diff.claims.changed} show="both" />
      <Changes title="Mapped user" color="yellow" changes={diff.user} show="both" />
      {diff.groups.added.length + diff.groups.removed.length > 0 && (
        <Section title="Groups">
          <Group gap={6}>
            {diff.groups.added.map((g) => <Badge key={`+${g}`} color="teal" variant="light" tt="none">+ {g}</Badge>)}
            {diff.groups.removed.map((g) => <Badge key={`-${g}`} color="red" variant="light" tt="none">− {g}</Badge>)}
          </Group>
        </Section>
      )}
      {diff.claims.perLogin.length > 0 && (
        <Text size="xs" c="dimmed">
          Also different, as on every login: {diff.claims.perLogin.join(', ')}.
        </Text>
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Changes({ title, color, changes, show }: { title: string; color: string; changes: ValueChange[]; show: 'before' | 'after' | 'both' }) {
  if (changes.length === 0) return null;
  return (
    <Section title={`${title} (${changes.length})`}>
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.name}>
              <Table.Td w={200}>
                <Code color={`${color}.1`}>{change.name}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {show === 'after' ? formatValue(change.after) : show === 'before' ? formatValue(change.before) : `${formatValue(change.before)} → ${formatValue(change.after)}`}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Outcome({ value }: { value: 'passed' | 'failed' }) {
  return (
    <Badge color={value === 'passed' ? 'teal' : 'red'} variant="light">
      {value}
    </Badge>
  );
}

function Status({ value }: { value: keyof typeof checkStatusMeta | undefined }) {
  if (!value) return <Text span size="sm" c="dimmed">absent</Text>;
  return (
    <Badge color={checkStatusMeta[value].color} variant="light" size="sm">
      {value}
    </Badge>
  );
}
