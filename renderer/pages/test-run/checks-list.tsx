import { useState } from 'react';
import { useLocalStorage } from '@mantine/hooks';
import { Badge, Box, Code, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import type { Check } from '../../../main/contract/index';
import { CheckStatusIcon, checkStatusMeta } from './check-status';

const rank: Record<Check['status'], number> = { fail: 0, warn: 1, pass: 2, skip: 3 };

/**
 * Every check of the run in report order (each id is stable, so pipelines and History key on it), with its message and
 * the hint that says how to fix it. "Problems first" moves failures and warnings to the top (on by default, and the
 * choice is remembered across runs); "Show skipped" hides the checks a run never reached.
 */
export function ChecksList({ checks }: { checks: readonly Check[] }) {
  const [problemsFirst, setProblemsFirst] = useLocalStorage({ key: 'ssowb-checks-problems-first', defaultValue: true, getInitialValueInEffect: false });
  const [showSkipped, setShowSkipped] = useState(true);
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status]++;
  const shown = checks
    .map((check, index) => ({ check, index }))
    .filter(({ check }) => showSkipped || check.status !== 'skip')
    .sort((a, b) => (problemsFirst ? rank[a.check.status] - rank[b.check.status] : 0) || a.index - b.index);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="checks-title">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Group gap="xs">
          <Title order={2} size="h4" id="checks-title">
            Checks
          </Title>
          {(['fail', 'warn', 'pass', 'skip'] as const).map((status) =>
            counts[status] > 0 ? (
              <Badge key={status} color={checkStatusMeta[status].color} variant="light">
                {counts[status]} {checkStatusMeta[status].label.toLowerCase()}
              </Badge>
            ) : null,
          )}
        </Group>
        <Group gap="md">
          <Switch label="Problems first" checked={problemsFirst} onChange={(event) => setProblemsFirst(event.currentTarget.checked)} />
          <Switch label="Show skipped" checked={showSkipped} onChange={(event) => setShowSkipped(event.currentTarget.checked)} />
        </Group>
      </Group>
      <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: 'none' }} data-testid="checks-list">
        {shown.map(({ check }) => (
          <CheckRow key={check.id} check={check} />
        ))}
      </Stack>
    </Paper>
  );
}

function CheckRow({ check }: { check: Check }) {
  return (
    <Box component="li" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-check-id={check.id} data-status={check.status}>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Box pt={1} style={{ flex: 'none' }}>
          <CheckStatusIcon status={check.status} size={20} />
        </Box>
        <Box w={{ base: 150, md: 230 }} style={{ flex: 'none', overflowWrap: 'anywhere' }}>
          <Code fw={600}>{check.id}</Code>
        </Box>
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Text size="sm" c={check.status === 'skip' ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {check.message}
          </Text>
          {check.hint && check.status !== 'pass' && (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconBulb size={16} color="var(--mantine-color-yellow-filled)" aria-hidden style={{ flex: 'none', marginTop: 2 }} />
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                <Text span fw={600} size="sm" c="dimmed">
                  How to fix:
                </Text>{' '}
                {check.hint}
              </Text>
            </Group>
          )}
        </Stack>
      </Group>
    </Box>
  );
}
