import type { ReactNode } from 'react';
import { Badge, Group, Stack, Text } from '@mantine/core';

/** A small uppercase caption over its content, as the claims viewer and the simulator lay out groups and roles. */
export function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** Names as light badges (case kept: group and role names match letter for letter), or a dimmed line when none. */
export function BadgeList({ items, color, empty, testId }: { items: readonly string[]; color: string; empty: string; testId?: string }) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={6} data-testid={testId}>
      {items.map((item) => (
        <Badge key={item} color={color} variant="light" tt="none">
          {item}
        </Badge>
      ))}
    </Group>
  );
}
