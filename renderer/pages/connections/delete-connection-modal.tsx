import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ConnectionSummary, ConnectionView } from '../../../main/contract/index';
import { useMutation } from '../../client';
import { notifyFailure, notifySuccess } from '../../app/notify';

/** Delete, confirmed by name: the connection and its keychain items (client secret or SAML private key) go. */
export function DeleteConnectionModal({ view, onClose, onDeleted }: { view: ConnectionView | ConnectionSummary | null; onClose: () => void; onDeleted: (id: string) => void }) {
  const { mutate, loading } = useMutation('connections.remove');
  const secret = view?.protocol === 'oidc' ? (view.hasClientSecret ? 'its client secret' : null) : view?.hasPrivateKey ? 'its request-signing private key' : null;

  const remove = async () => {
    if (!view) return;
    const result = await mutate({ ref: view.id });
    if (result.ok) {
      onDeleted(view.id);
      onClose();
      notifySuccess('Connection deleted', `${result.value.name} and its keychain items are deleted.`);
    } else {
      notifyFailure(`${view.name} was not deleted`, result.error);
    }
  };

  return (
    <Modal opened={view !== null} onClose={onClose} title="Delete connection" size="md" data-testid="delete-dialog" closeButtonProps={{ 'aria-label': 'Cancel delete' }}>
      {view && (
        <Stack gap="md">
          <Text size="sm">
            Delete <b>{view.name}</b> ({view.protocol.toUpperCase()})? Its keychain items{secret ? ` (${secret})` : ''} are deleted with it, and its login
            button disappears from the platform once you export again. This cannot be undone.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={loading} data-autofocus>
              Cancel
            </Button>
            <Button color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => void remove()} loading={loading}>
              Delete {view.name}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
