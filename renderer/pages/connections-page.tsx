import { EmptyState, Paper, Skeleton, Stack } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useOperation } from '../client';
import { ConnectionsTable } from '../components/connections-table';
import { NewConnectionButton } from '../components/new-connection-button';
import { OperationError } from '../components/operation-error';
import { PageHeader } from '../components/page-header';

export interface ConnectionsPageProps {
  /** Opens the "New Provider Connection" wizard; wired by the wizard, a no-op until then. */
  onNewConnection?: () => void;
}

/** Provider connections (ClearML "Identity Providers", reference/clearml-platform.md §1.1). */
export function ConnectionsPage({ onNewConnection }: ConnectionsPageProps) {
  const { data, error, loading, refetch } = useOperation('connections.list', {});
  const empty = data?.length === 0;

  return (
    <>
      <PageHeader
        title="Connections"
        description="The OIDC and SAML connections between your ML platform's login and your identity provider."
        actions={data && !empty ? <NewConnectionButton onClick={onNewConnection} /> : undefined}
      />
      {error && !data && <OperationError title="Connections could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
      {!data && !error && (
        <Stack gap="sm" aria-busy="true" aria-label="Loading connections">
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      )}
      {empty && (
        <Paper withBorder p="xl" radius="md">
          <EmptyState
            icon={<IconPlugConnected size={28} stroke={1.5} aria-hidden />}
            variant="light"
            title="No connections yet"
            description="Create an OIDC or SAML connection to your identity provider, then prove it with a test login before rollout."
          >
            <EmptyState.Actions>
              <NewConnectionButton onClick={onNewConnection} />
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      )}
      {data && !empty && (
        <Paper withBorder radius="md">
          <ConnectionsTable connections={data} />
        </Paper>
      )}
    </>
  );
}
