import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconRefresh, IconTool } from '@tabler/icons-react';
import type { KeychainState } from '../../main/contract/index';
import { useOperation } from '../client';
import { OperationError } from './operation-error';

const stateBadges: Record<KeychainState, { label: string; color: string }> = {
  available: { label: 'Available', color: 'teal' },
  locked: { label: 'Locked', color: 'yellow' },
  unavailable: { label: 'Missing', color: 'red' },
  timeout: { label: 'Timed out', color: 'orange' },
};

/**
 * Whether the OS keychain can hold secrets (`settings.keychainStatus`). There is no plaintext fallback, so when it
 * cannot, this card says why and how to fix it.
 */
export function KeychainStatusCard() {
  const { data, error, loading, refetch } = useOperation('settings.keychainStatus', {});
  const badge = data ? stateBadges[data.state] : undefined;

  return (
    <Paper withBorder p="md" radius="md" data-testid="keychain-card">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <IconKey size={20} stroke={1.6} aria-hidden />
          <Title order={2} size="h4" id="keychain-title">
            OS keychain
          </Title>
        </Group>
        {badge && (
          <Badge color={badge.color} variant="light" size="lg" data-testid="keychain-state" data-state={data?.state}>
            {badge.label}
          </Badge>
        )}
      </Group>
      <Stack gap="sm" aria-labelledby="keychain-title" aria-busy={loading}>
        {!data && !error && <Skeleton height={48} aria-label="Checking the keychain" />}
        {error && <OperationError title="The keychain could not be checked" error={error} />}
        {data && (
          <>
            <Text size="sm">{data.detail}</Text>
            <Text size="xs" c="dimmed">
              Backend: {data.backend}. Client secrets, SAML private keys and API tokens live only here, under the service
              name <b>sso-workbench</b>.
            </Text>
            {data.state !== 'available' && (
              <Alert color={badge?.color} variant="light" title="How to fix it" icon={<IconTool />}>
                {data.fix ?? 'Unlock or install an OS keychain (Secret Service, macOS Keychain, Windows Credential Manager), then check again.'}
              </Alert>
            )}
          </>
        )}
        <Button variant="light" leftSection={<IconRefresh size={16} aria-hidden />} loading={loading} onClick={() => void refetch()} w="fit-content">
          Check again
        </Button>
      </Stack>
    </Paper>
  );
}
