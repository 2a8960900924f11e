import { useState } from 'react';
import { ActionIcon, Button, Group, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconBuilding, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { OrganizationView, RoleView } from '../../../main/contract/index';
import { CopyValue } from '../../components/copy-value';
import { DeleteOrganizationModal, OrganizationFormModal } from './organization-modals';
import type { UndoableChanges } from './use-undoable-changes';

/** The organizations roles belong to: id (as the Arthur-Organization-ID header carries it) and name. */
export function OrganizationsCard({ orgs, roles, changes }: { orgs: readonly OrganizationView[]; roles: readonly RoleView[]; changes: UndoableChanges }) {
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<OrganizationView | null>(null);
  const [deleting, setDeleting] = useState<OrganizationView | null>(null);
  const rolesOf = (org: OrganizationView | null) => (org ? roles.filter((role) => role.organizationId === org.id) : []);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="orgs-title">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <IconBuilding size={20} stroke={1.6} aria-hidden />
          <Title order={2} size="h4" id="orgs-title">
            Organizations
          </Title>
        </Group>
        <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} aria-haspopup="dialog">
          Add organization
        </Button>
      </Group>
      {orgs.length === 0 ? (
        <Text size="sm" c="dimmed">
          No organizations yet. Organization roles live in one organization: add it first, with the id the platform shows.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" data-testid="orgs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>ID</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th w={90}>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orgs.map((org) => (
                <Table.Tr key={org.id} data-testid="org-row">
                  <Table.Td>
                    <Text fw={500}>{org.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    <CopyValue value={org.id} label={`ID of ${org.name}`} />
                  </Table.Td>
                  <Table.Td>{org.roleCount}</Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Rename">
                        <ActionIcon variant="subtle" color="gray" aria-label={`Rename ${org.name}`} onClick={() => setRenaming(org)}>
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Delete">
                        <ActionIcon variant="subtle" color="red" aria-label={`Delete ${org.name}`} onClick={() => setDeleting(org)}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <OrganizationFormModal opened={adding} org={null} onClose={() => setAdding(false)} onSubmit={changes.createOrg} />
      <OrganizationFormModal opened={renaming !== null} org={renaming} onClose={() => setRenaming(null)} onSubmit={(values) => changes.renameOrg(renaming as OrganizationView, values.name)} />
      <DeleteOrganizationModal org={deleting} roles={rolesOf(deleting)} onClose={() => setDeleting(null)} onDelete={(org) => changes.removeOrg(org, rolesOf(org))} />
    </Paper>
  );
}
