import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { ConnectionView } from '../../../main/contract/index';
import { CopyValue } from '../../components/copy-value';
import { SpMetadataButton } from './sp-metadata-button';
import { TestConnectionButton } from '../../components/test-connection-button';
import { UrlPanel } from './url-panel';

/** After the wizard's save: the URLs with the connection's real id, and what to do next at the IdP. */
export function DonePanel({ view, onClose }: { view: ConnectionView; onClose: () => void }) {
  const oidc = view.protocol === 'oidc';
  return (
    <Stack gap="md" data-testid="wizard-done">
      <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title={`${view.name} is saved`}>
        <Text size="sm">
          {oidc ? 'Register both redirect URIs at the IdP app.' : 'Register both ACS URLs and the SP entity ID at the IdP app (or import the SP metadata).'}{' '}
          {view.validatedAt
            ? 'The test you ran before saving passed on exactly these settings: the connection is validated.'
            : 'Then prove it with a real login (Test now): until a test passes, the connection is saved but not validated, and platform exports are refused.'}
        </Text>
      </Alert>
      <UrlPanel
        protocol={view.protocol}
        productionUrl={view.productionCallbackUrl}
        testUrl={view.protocol === 'oidc' ? view.testRedirectUri : view.testAcsUrl}
        draft={false}
        spEntityId={view.protocol === 'saml' ? view.spEntityId : undefined}
      />
      {view.warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Worth a look">
          <List size="sm" spacing={2}>
            {view.warnings.map((warning) => (
              <List.Item key={`${warning.field}:${warning.message}`}>{warning.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group justify="space-between">
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            ID
          </Text>
          <CopyValue value={view.id} label={`ID of ${view.name}`} />
        </Group>
        <Group gap="sm">
          <TestConnectionButton connection={view} label="Test now" />
          {view.protocol === 'saml' && <SpMetadataButton id={view.id} name={view.name} hasProductionUrl={view.productionCallbackUrl !== null} />}
          <Button onClick={onClose} data-testid="wizard-close">
            Close
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
