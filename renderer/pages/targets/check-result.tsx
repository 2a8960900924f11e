import { Alert, Group, List, Stack, Text } from '@mantine/core';
import type { TargetCheck } from '../../../main/contract/index';
import { CheckStatusIcon } from '../test-run/check-status';

/** The outcome of "Check target": one line per check with its fix, and the organizations the token sees. */
export function CheckResult({ check }: { check: TargetCheck }) {
  return (
    <Alert color={check.ok ? 'teal' : 'red'} variant="light" title={check.ok ? `${check.target} is ready` : `${check.target} needs attention`} data-testid="target-check">
      <Stack gap={6}>
        {check.checks.map((c) => (
          <div key={c.id}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <CheckStatusIcon status={c.status} size={18} />
              <Text size="sm">
                <strong>{c.id}</strong>: {c.message}
              </Text>
            </Group>
            {c.hint && c.status !== 'pass' && (
              <Text size="sm" c="dimmed" ml="lg">
                Fix: {c.hint}
              </Text>
            )}
          </div>
        ))}
        {check.organizations.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              Organizations the token sees
            </Text>
            <List size="sm">
              {check.organizations.map((o) => (
                <List.Item key={o.id}>
                  {o.name} <Text span c="dimmed">({o.id})</Text>
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}
