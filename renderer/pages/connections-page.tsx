import { useState } from 'react';
import { ActionIcon, EmptyState, Group, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileExport, IconPencil, IconPlugConnected, IconTrash } from '@tabler/icons-react';
import type { ConnectionSummary, ConnectionView } from '../../main/contract/index';
import { useMutation, useOperation, useWorkbenchEvent } from '../client';
import { notifyFailure } from '../app/notify';
import { TablePager, useServerPage } from '../components/table-pager';
import { ConnectionsTable } from '../components/connections-table';
import { NewConnectionButton } from '../components/new-connection-button';
import { TestConnectionButton } from '../components/test-connection-button';
import { OperationError } from '../components/operation-error';
import { PageHeader } from '../components/page-header';
import { ConnectionWizard } from './connections/connection-wizard';
import { ConnectionsToolbar, isFiltered, listInput, noFilters, type ConnectionFilters } from './connections/connections-toolbar';
import { DeleteConnectionModal } from './connections/delete-connection-modal';
import { EditConnectionModal } from './connections/edit-connection-modal';
import { ExportDialog } from './connections/export-dialog';
import { SpMetadataButton } from './connections/sp-metadata-button';

/** Provider connections (ClearML "Identity Providers", reference/clearml-platform.md §1.1): the table, the wizard, edit, delete. */
export function ConnectionsPage() {
  const [filters, setFilters] = useState<ConnectionFilters>(noFilters);
  const [search] = useDebouncedValue(filters.search, 200);
  const filtered = isFiltered(filters);
  const input = listInput({ ...filters, search });
  // The engine filters, sorts and pages: one page of rows crosses the bridge, whatever the store's size.
  const [total, setTotal] = useState<number | undefined>(undefined);
  const paging = useServerPage(JSON.stringify(input), total);
  const { data: answer, error, loading, refetch } = useOperation('connections.page', { ...input, limit: paging.limit, offset: paging.offset });
  const data = answer?.connections;
  if (answer && answer.total !== total) setTotal(answer.total);
  const [wizardOpen, setWizardOpen] = useState(false);
  const [editing, setEditing] = useState<ConnectionView | null>(null);
  const [deleting, setDeleting] = useState<ConnectionSummary | null>(null);
  const [exporting, setExporting] = useState<ConnectionSummary | null>(null);
  // Edit needs the full settings: read them (connections.get) when the admin asks, not for every row.
  const { mutate: readConnection } = useMutation('connections.get');
  const [opening, setOpening] = useState<string | null>(null);
  const edit = async (connection: ConnectionSummary) => {
    setOpening(connection.id);
    const result = await readConnection({ ref: connection.id });
    setOpening(null);
    if (result.ok) setEditing(result.value);
    else notifyFailure(`${connection.name} could not be opened`, result.error);
  };
  // Changes made anywhere (this tab, another window, the CLI) land in the audit log: follow them.
  useWorkbenchEvent('onAuditAppended', (entry) => {
    if (entry.action.startsWith('connections.')) void refetch();
  });
  const refresh = () => void refetch();
  const empty = answer?.total === 0 && !filtered;
  const openWizard = () => setWizardOpen(true);

  const rowActions = (connection: ConnectionSummary) => (
    <Group gap={2} wrap="nowrap">
      <Tooltip label="Edit">
        <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${connection.name}`} loading={opening === connection.id} onClick={() => void edit(connection)}>
          <IconPencil size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <TestConnectionButton connection={connection} compact />
      {connection.protocol === 'saml' && <SpMetadataButton id={connection.id} name={connection.name} hasProductionUrl={connection.productionCallbackUrl !== null} compact />}
      <Tooltip label="Export">
        <ActionIcon variant="subtle" color="gray" aria-label={`Export ${connection.name}`} onClick={() => setExporting(connection)}>
          <IconFileExport size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Delete">
        <ActionIcon variant="subtle" color="red" aria-label={`Delete ${connection.name}`} onClick={() => setDeleting(connection)}>
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );

  return (
    <>
      <PageHeader
        title="Connections"
        description="The OIDC and SAML connections between your ML platform's login and your identity provider."
        actions={data && !empty ? <NewConnectionButton onClick={openWizard} /> : undefined}
      />
      {error && !data && <OperationError title="Connections could not be loaded" error={error} onRetry={refresh} retrying={loading} />}
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
              <NewConnectionButton onClick={openWizard} />
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      )}
      {data && !empty && (
        <Paper withBorder radius="md">
          <ConnectionsToolbar filters={filters} onChange={setFilters} />
          {data.length === 0 ? (
            <Text c="dimmed" size="sm" p="md" pt={0} role="status">
              No connection matches these filters.
            </Text>
          ) : (
            <ConnectionsTable
              connections={data}
              onChanged={refresh}
              actions={rowActions}
              pager={<TablePager total={answer?.total ?? 0} page={paging.page} shown={data.length} onChange={paging.setPage} />}
            />
          )}
        </Paper>
      )}
      <ConnectionWizard opened={wizardOpen} onClose={() => setWizardOpen(false)} onSaved={refresh} />
      <EditConnectionModal view={editing} onClose={() => setEditing(null)} onSaved={refresh} />
      <ExportDialog connection={exporting} onClose={() => setExporting(null)} />
      <DeleteConnectionModal view={deleting} onClose={() => setDeleting(null)} onDeleted={refresh} />
    </>
  );
}
