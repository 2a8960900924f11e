import { useRef, useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';

/**
 * Esc or × on a dialog with unsaved edits asks before discarding them (a Mantine modal over the dialog). Editors
 * report their dirty state through `setDirty`; `requestClose` is the dialog's onClose.
 */
export function useDiscardGuard(onClose: () => void) {
  const dirty = useRef(false);
  const [asking, setAsking] = useState(false);
  const requestClose = () => {
    if (dirty.current) setAsking(true);
    else onClose();
  };
  const discard = () => {
    setAsking(false);
    dirty.current = false;
    onClose();
  };
  const confirm = (
    <Modal opened={asking} onClose={() => setAsking(false)} title="Discard unsaved changes?" centered size="sm" zIndex={400} withCloseButton={false}>
      <Text size="sm" mb="md">
        What you typed in this dialog is not saved. Close it anyway?
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={() => setAsking(false)} data-autofocus>
          Keep editing
        </Button>
        <Button color="red" onClick={discard} data-testid="discard-changes">
          Discard changes
        </Button>
      </Group>
    </Modal>
  );
  const setDirty = (value: boolean): void => {
    dirty.current = value;
  };
  const reset = (): void => {
    dirty.current = false;
  };
  return { requestClose, confirm, setDirty, reset };
}
