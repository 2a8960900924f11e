import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Result } from '../../../main/contract/index';
import { notifyFailure, notifySuccess } from '../../app/notify';

/**
 * Asks before deleting one thing of the Roles page (a role, an organization), deletes it through `onDelete`, and says
 * how it went; Undo on the page brings it back.
 */
export function ConfirmDeleteModal({
  title,
  name,
  opened,
  question,
  done,
  onClose,
  onDelete,
}: {
  title: string;
  /** The name of what goes, for the button and the messages. */
  name: string;
  opened: boolean;
  question: ReactNode;
  /** Title and text of the success notice. */
  done: [string, string];
  onClose: () => void;
  onDelete: () => Promise<Result<unknown>>;
}) {
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    const result = await onDelete();
    setBusy(false);
    if (result.ok) {
      notifySuccess(done[0], done[1]);
      onClose();
    } else notifyFailure(`${name} was not deleted`, result.error);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Cancel delete' }}>
      {opened && (
        <Stack gap="md">
          <Text size="sm">{question}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
              Cancel
            </Button>
            <Button color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => void remove()} loading={busy}>
              Delete {name}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
