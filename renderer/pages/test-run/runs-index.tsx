import { useState } from 'react';
import { Anchor, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useOperation } from '../../client';
import { hrefOf } from '../../app/use-hash-route';
import { OperationError } from '../../components/operation-error';
import { PageHeader } from '../../components/page-header';
import { providerLabel } from '../../components/provider-labels';
import { TestConnectionButton } from '../../components/test-connection-button';
import { RecentRuns } from './recent-runs';

/** `#/runs`: pick a connection and test it; the latest runs underneath. */
export function RunsIndex() {
  const { data, error, loading, refetch } = useOperation('connections.list', {});
  const [selected, setSelected] = useState<string | null>(null);
  const connection = data?.find((candidate) => candidate.id === selected) ?? (data?.length === 1 ? data[0] : undefined);
  return (
    <>
      <PageHeader
        title="Test"
        description="A real login through a connection: the identity provider's answer checked step by step, the claims it sent and the user they map to."
      />
      {error && !data && <OperationError title="Connections could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="start-title">
          <Title order={2} size="h4" id="start-title" mb="sm">
            Test a connection
          </Title>
          {data && data.length === 0 ? (
            <Text size="sm" c="dimmed">
              No connections yet. <Anchor href={hrefOf('connections')}>Create one</Anchor>, then test it here.
            </Text>
          ) : (
            <Stack gap="sm">
              <Select
                label="Connection"
                placeholder="Pick a connection"
                data={(data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.protocol.toUpperCase()}, ${providerLabel(c.provider)})` }))}
                value={connection?.id ?? null}
                onChange={setSelected}
                searchable
                disabled={!data}
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
