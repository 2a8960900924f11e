import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import classes from './page-header.module.css';

/**
 * A page's title (the one `<h1>`, focused after navigation: see app-frame.tsx) with one line on what the page is for,
 * and the page's main actions on the right.
 */
export function PageHeader({ title, description, actions }: { title: string; description: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="md">
      <Stack gap={4} maw={760}>
        <Title order={1} size="h2" id="page-title" tabIndex={-1} className={classes.title}>
          {title}
        </Title>
        <Text c="dimmed">{description}</Text>
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
