import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconPlayerStop } from '@tabler/icons-react';
import type { Report, TestRunStatus } from '../../../main/contract/index';
import { formatDateTime } from './format';

const endings: Partial<Record<TestRunStatus, string>> = {
  cancelled: 'The run was cancelled before the identity provider answered.',
  expired: 'No answer came from the identity provider in time.',
};

type Verdict = 'passed' | 'warnings' | 'failed' | 'cancelled';

const look: Record<Verdict, { title: string; color: string; icon: typeof IconCircleCheck }> = {
  passed: { title: 'Passed', color: 'teal', icon: IconCircleCheck },
  warnings: { title: 'Passed with warnings', color: 'yellow', icon: IconAlertTriangle },
  failed: { title: 'Failed', color: 'red', icon: IconCircleX },
  cancelled: { title: 'Cancelled', color: 'gray', icon: IconPlayerStop },
};

/** The verdict a person reads: a cancelled run is not a failed login, and a pass with warnings is not a clean pass. */
export function verdictOf(report: Report, status?: TestRunStatus): Verdict {
  if (report.cancelled || status === 'cancelled') return 'cancelled';
  if (report.outcome === 'failed') return 'failed';
  return report.checks.some((check) => check.status === 'warn') ? 'warnings' : 'passed';
}

/**
 * Passed (green), Passed with warnings (yellow), Failed (red, with the first failed check, its message and how to fix
 * it) or Cancelled (grey). The screen wraps it in an `aria-live` region so the verdict is announced when it arrives.
 */
export function VerdictBanner({ report, status }: { report: Report; status: TestRunStatus | undefined }) {
  const verdict = verdictOf(report, status);
  const failures = report.checks.filter((check) => check.status === 'fail');
  const warnings = report.checks.filter((check) => check.status === 'warn');
  const first = verdict === 'failed' ? failures[0] : verdict === 'warnings' ? warnings[0] : undefined;
  const source = report.source === 'live' ? 'Live login' : 'Offline inspect';
  const ending = status && verdict !== 'cancelled' ? endings[status] : undefined;
  const { title, color, icon: Icon } = look[verdict];
  const on = `${source} through ${report.connection.name} (${report.connection.protocol.toUpperCase()}) on ${formatDateTime(report.at)}`;
  const summary: Record<Verdict, string> = {
    passed: `${on}: every check passed. Review the data the provider sent below.`,
    warnings: `${on}: the login would be let in, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'} to review before rollout.`,
    failed: `${on}: ${failures.length} check${failures.length === 1 ? '' : 's'} failed, so the login would be denied and nothing from it is accepted.`,
    cancelled: `${on}: the run was cancelled before the identity provider answered. It says nothing about the connection; start a new test when ready.`,
  };
  return (
    <Alert color={color} variant="light" radius="md" icon={<Icon size={28} aria-hidden />} title={<Text component="span" fz="xl" fw={700} data-testid="verdict">{title}</Text>} data-outcome={report.outcome} data-verdict={verdict}>
      <Stack gap={6}>
        <Text size="sm">{summary[verdict]}</Text>
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
