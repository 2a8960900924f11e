import { useState } from 'react';
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ConnectionSummary } from '../../../main/contract/index';
import { useOperation } from '../../client';
import { hrefOf } from '../../app/use-hash-route';
import { ConnectionPicker } from '../../components/connection-picker';
import { OperationError } from '../../components/operation-error';
import { PageHeader } from '../../components/page-header';
import { providerLabel } from '../../components/provider-labels';
import { TestConnectionButton } from '../../components/test-connection-button';
import { RecentRuns } from './recent-runs';

/** `#/runs`: pick a connection and test it; the latest runs underneath. */
export function RunsIndex() {
  // Two rows tell "none yet" and "only one" (picked for you) apart; the picker asks for matches as you type.
  const { data: first, error, loading, refetch } = useOperation('connections.page', { limit: 2, offset: 0 });
  const [selected, setSelected] = useState<ConnectionSummary | null>(null);
  const connection = selected ?? (first?.total === 1 ? first.connections[0] : undefined);
  return (
    <>
      <PageHeader
        title="Test"
        description="A real login through a connection: the identity provider's answer checked step by step, the claims it sent and the user they map to."
      />
      {error && !first && <OperationError title="Connections could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="start-title">
          <Title order={2} size="h4" id="start-title" mb="sm">
            Test a connection
          </Title>
          {first && first.total === 0 ? (
            <Text size="sm" c="dimmed">
              No connections yet. <Anchor href={hrefOf('connections')}>Create one</Anchor>, then test it here.
            </Text>
          ) : (
            <Stack gap="sm">
              <ConnectionPicker
                label="Connection"
                showLabel
                placeholder="Pick a connection"
                optionLabel={(c) => `${c.name} (${c.protocol.toUpperCase()}, ${providerLabel(c.provider)})`}
                value={connection?.id ?? null}
                onChange={(_, picked) => setSelected(picked)}
                disabled={!first}
                w="100%"
              />
              <Text size="sm" c="dimmed">
                The identity provider's login opens in a new tab; log in there as a test user.
              </Text>
              <Group>{connection && <TestConnectionButton connection={connection} />}</Group>
            </Stack>
          )}
        </Paper>
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="recent-title">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="recent-title">
              Recent runs
            </Title>
            <Anchor href={hrefOf('history')} size="sm">
              All runs
            </Anchor>
          </Group>
          <RecentRuns />
        </Paper>
      </SimpleGrid>
    </>
  );
}
