import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import type { Report, TestRunStatus } from '../../../main/contract/index';
import { formatDateTime } from './format';

const endings: Partial<Record<TestRunStatus, string>> = {
  cancelled: 'The run was cancelled before the identity provider answered.',
  expired: 'No answer came from the identity provider in time.',
};

/**
 * Passed (green) or Failed (red) with the first failed check, its message and how to fix it. The screen wraps it in
 * an `aria-live` region so the verdict is announced when it arrives.
 */
export function VerdictBanner({ report, status }: { report: Report; status: TestRunStatus | undefined }) {
  const passed = report.outcome === 'passed';
  const failures = report.checks.filter((check) => check.status === 'fail');
  const warnings = report.checks.filter((check) => check.status === 'warn').length;
  const first = failures[0];
  const source = report.source === 'live' ? 'Live login' : 'Offline inspect';
  const ending = status ? endings[status] : undefined;
  return (
    <Alert
      color={passed ? 'teal' : 'red'}
      variant="light"
      radius="md"
      icon={passed ? <IconCircleCheck size={28} aria-hidden /> : <IconCircleX size={28} aria-hidden />}
      title={
        <Text component="span" fz="xl" fw={700} data-testid="verdict">
          {passed ? 'Passed' : 'Failed'}
        </Text>
      }
      data-outcome={report.outcome}
    >
      <Stack gap={6}>
        <Text size="sm">
          {source} through <b>{report.connection.name}</b> ({report.connection.protocol.toUpperCase()}) on {formatDateTime(report.at)}:{' '}
          {passed
            ? `every check passed${warnings > 0 ? `, ${warnings} warning${warnings > 1 ? 's' : ''} to review` : ''}. Review the data the provider sent below.`
            : `${failures.length} check${failures.length === 1 ? '' : 's'} failed, so nothing from this login is accepted.`}
        </Text>
        {ending && <Text size="sm">{ending}</Text>}
        {first && (
          <Stack gap={4}>
            <Group gap={6} wrap="wrap">
              <Code>{first.id}</Code>
              <Text size="sm" fw={600} component="span">
                {first.message}
              </Text>
            </Group>
            {first.hint && (
              <Text size="sm">
                <b>How to fix:</b> {first.hint}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}
