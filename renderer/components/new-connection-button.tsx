import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

/** "+ New connection" (ClearML §1.1). `onClick` opens the connection wizard once it exists. */
export function NewConnectionButton({ onClick }: { onClick?: (() => void) | undefined }) {
  return (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onClick} data-testid="new-connection">
      New connection
    </Button>
  );
}
