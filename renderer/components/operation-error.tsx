import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { AppErrorShape } from '../../main/contract/index';

/** A query that failed: the engine's message, its hint, and a way to try again. */
export function OperationError({ title, error, onRetry, retrying }: { title: string; error: AppErrorShape; onRetry?: () => void; retrying?: boolean }) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle />}>
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        {error.hint && <Text size="sm" c="dimmed">{error.hint}</Text>}
        {onRetry && (
          <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry} loading={retrying} w="fit-content">
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
