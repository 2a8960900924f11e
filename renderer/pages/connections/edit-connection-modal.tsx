import { useMemo } from 'react';
import { Badge, Group, Modal, Text } from '@mantine/core';
import type { ConnectionView } from '../../../main/contract/index';
import { notifySuccess } from '../../app/notify';
import { providerLabel } from '../../components/provider-labels';
import { oidcFormFromView, samlFormFromView } from './form-model';
import { OidcEditor } from './oidc-editor';
import { SamlEditor } from './saml-editor';
import { SpMetadataButton } from './sp-metadata-button';
import { useDiscardGuard } from './discard-guard';

const noop = () => undefined;

/**
 * Edit: the same form as the wizard's, prefilled from the saved connection; Save sends only what changed
 * (`connections.update`), secrets omitted = keep, null = remove.
 */
export function EditConnectionModal({ view, onClose, onSaved }: { view: ConnectionView | null; onClose: () => void; onSaved: (view: ConnectionView) => void }) {
  const guard = useDiscardGuard(onClose);
  const saved = (next: ConnectionView) => {
    guard.reset();
    onSaved(next);
    onClose();
    notifySuccess('Connection saved', `${next.name} is updated.`);
  };
  const initial = useMemo(() => (view ? (view.protocol === 'oidc' ? oidcFormFromView(view) : samlFormFromView(view)) : null), [view]);
  const common = { layout: 'edit' as const, notes: [], testPort: undefined, step: 'form' as const, onStepChange: noop, onBack: guard.requestClose, onCancel: guard.requestClose, onSaved: saved, onDirtyChange: guard.setDirty };

  return (
    <>
    {guard.confirm}
    <Modal
      opened={view !== null}
      onClose={guard.requestClose}
      size={920}
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': 'Close without saving' }}
      title={
        view && (
          <Group gap="xs">
            <Text fw={600}>Edit {view.name}</Text>
            <Badge variant="light">{view.protocol.toUpperCase()}</Badge>
            <Text size="sm" c="dimmed">
              {providerLabel(view.provider)}
            </Text>
          </Group>
        )
      }
    >
      {view?.protocol === 'saml' && (
        <Group justify="flex-end" mb="sm">
          <SpMetadataButton id={view.id} name={view.name} hasProductionUrl={view.productionCallbackUrl !== null} />
        </Group>
      )}
      {view && initial && view.protocol === 'oidc' && <OidcEditor key={view.id} view={view} initial={initial as ReturnType<typeof oidcFormFromView>} {...common} />}
      {view && initial && view.protocol === 'saml' && <SamlEditor key={view.id} view={view} initial={initial as ReturnType<typeof samlFormFromView>} {...common} />}
    </Modal>
    </>
  );
}
