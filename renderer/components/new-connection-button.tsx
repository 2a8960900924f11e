import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

/** "+ New connection" (ClearML §1.1): opens the connection wizard (renderer/pages/connections/connection-wizard.tsx). */
export function NewConnectionButton({ onClick }: { onClick?: (() => void) | undefined }) {
  return (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onClick} data-testid="new-connection" aria-haspopup="dialog">
      New connection
    </Button>
  );
}
