import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Result, RoleView } from '../../../main/contract/index';
import { notifyFailure, notifySuccess } from '../../app/notify';

/** Delete a role; Undo on the page brings it back. */
export function DeleteRoleModal({ role, onClose, onDelete }: { role: RoleView | null; onClose: () => void; onDelete: (role: RoleView) => Promise<Result<unknown>> }) {
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (!role) return;
    setBusy(true);
    const result = await onDelete(role);
    setBusy(false);
    if (result.ok) {
      notifySuccess('Role deleted', `${role.name} is deleted. Undo brings it back.`);
      onClose();
    } else notifyFailure(`${role.name} was not deleted`, result.error);
  };
  return (
    <Modal opened={role !== null} onClose={onClose} title="Delete role" closeButtonProps={{ 'aria-label': 'Cancel delete' }}>
      {role && (
        <Stack gap="md">
          <Text size="sm">
            Delete <b>{role.name}</b>? Members of the IdP group {role.name} lose its {role.effectivePermissions.length} permissions, and are denied if no other group of
            theirs matches a role.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
              Cancel
            </Button>
            <Button color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => void remove()} loading={busy}>
              Delete {role.name}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
