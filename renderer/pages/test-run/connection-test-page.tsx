import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPlayerPause } from '@tabler/icons-react';
import { useOperation } from '../../client';
import { hrefOf } from '../../app/use-hash-route';
import { CopyValue } from '../../components/copy-value';
import { OperationError } from '../../components/operation-error';
import { PageHeader } from '../../components/page-header';
import { providerLabel } from '../../components/provider-labels';
import { TestConnectionButton } from '../../components/test-connection-button';
import { RecentRuns } from './recent-runs';

/** `#/connections/<id>/test`: one connection's test page — the loopback URLs the IdP must know, Test, its last runs. */
export function ConnectionTestPage({ connectionId }: { connectionId: string }) {
  const { data: connection, error, loading, refetch } = useOperation('connections.get', { ref: connectionId });
  return (
    <>
      <PageHeader
        title={connection ? `Test ${connection.name}` : 'Test connection'}
        description="Log in through this connection as a test user and see every check, the claims and the mapped user."
        actions={connection && <TestConnectionButton connection={connection} size="md" />}
      />
      <Anchor href={hrefOf('connections')} size="sm" mb="md" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> Connections
      </Anchor>
      {error && !connection && <OperationError title="This connection could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
      {!connection && !error && <Skeleton height={160} aria-label="Loading the connection" />}
      {connection && !connection.active && (
        <Alert color="gray" variant="light" icon={<IconPlayerPause aria-hidden />} title="This connection is inactive" mb="md" data-testid="inactive-note">
          Users cannot log in with it on the platform until it is activated. A test still works: it proves the settings without changing that.
        </Alert>
      )}
      {connection && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="endpoints-title">
            <Group gap="xs" mb="sm">
              <Title order={2} size="h4" id="endpoints-title">
                {connection.protocol.toUpperCase()} · {providerLabel(connection.provider)}
              </Title>
              {!connection.active && (
                <Badge color="gray" variant="light">
                  inactive
                </Badge>
              )}
            </Group>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                The identity provider must allow this loopback address, exactly, for the test login to come back here.
              </Text>
              {connection.protocol === 'oidc' ? (
                <Labelled label="Test redirect URI" value={connection.testRedirectUri} />
              ) : (
                <>
                  <Labelled label="Test ACS URL" value={connection.testAcsUrl} />
                  <Labelled label="SP entity ID" value={connection.spEntityId} />
                </>
              )}
              <Labelled label="Connection ID" value={connection.id} />
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="runs-title">
            <Title order={2} size="h4" id="runs-title" mb="sm">
              Recent runs
            </Title>
            <RecentRuns connectionId={connection.id} />
          </Paper>
        </SimpleGrid>
      )}
    </>
  );
}

function Labelled({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <CopyValue value={value} label={label} />
    </Stack>
  );
}
