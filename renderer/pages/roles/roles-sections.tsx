import type { ReactNode } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash, IconWorld, IconBuilding } from '@tabler/icons-react';
import type { OrganizationView, RoleView } from '../../../main/contract/index';
import { CopyAction } from '../../components/copy-value';

export interface RoleTarget {
  scope: 'global' | 'organization';
  organizationId: string | null;
}

/**
 * Roles grouped by scope and organization: global roles (globalRoleDefs) first, then one section per organization.
 * Each section has its own "New role" so the editor opens with the right scope and organization.
 */
export function RolesSections({
  orgs,
  roles,
  onNew,
  onEdit,
  onDelete,
}: {
  orgs: readonly OrganizationView[];
  roles: readonly RoleView[];
  onNew: (target: RoleTarget) => void;
  onEdit: (role: RoleView) => void;
  onDelete: (role: RoleView) => void;
}) {
  const global = roles.filter((role) => role.scope === 'global');
  return (
    <>
      <RoleSection
        level={2}
        title="Global roles"
        icon={<IconWorld size={20} stroke={1.6} aria-hidden />}
        description="Permissions across every organization (globalRoleDefs in the IdP configuration). API access only, not an organization's data."
        roles={global}
        onNew={() => onNew({ scope: 'global', organizationId: null })}
        onEdit={onEdit}
        onDelete={onDelete}
        testId="section-global"
      />
      <Stack gap={2} mt="xs">
        <Title order={2} size="h4">
          Organization roles
        </Title>
        <Text size="sm" c="dimmed">
          Permissions inside one organization, pushed to its custom roles API. A role may inherit built-in roles or roles of the same organization; names are
          unique across the installation, so a name also tells which organization a user belongs to.
        </Text>
        {orgs.length === 0 && (
          <Text size="sm" mt={4}>
            Add an organization above to start its roles.
          </Text>
        )}
      </Stack>
      {orgs.map((org) => (
        <RoleSection
          level={3}
          key={org.id}
          title={`${org.name}`}
          icon={<IconBuilding size={20} stroke={1.6} aria-hidden />}
          description={`Roles of ${org.name}; its id travels in the Arthur-Organization-ID header.`}
          roles={roles.filter((role) => role.scope === 'organization' && role.organizationId === org.id)}
          onNew={() => onNew({ scope: 'organization', organizationId: org.id })}
          onEdit={onEdit}
          onDelete={onDelete}
          testId={`section-org-${org.id}`}
        />
      ))}
    </>
  );
}

function RoleSection({
  level,
  title,
  icon,
  description,
  roles,
  onNew,
  onEdit,
  onDelete,
  testId,
}: {
  level: 2 | 3;
  title: string;
  icon: ReactNode;
  description: string;
  roles: readonly RoleView[];
  onNew: () => void;
  onEdit: (role: RoleView) => void;
  onDelete: (role: RoleView) => void;
  testId: string;
}) {
  const headingId = `${testId}-title`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId} data-testid={testId}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          {icon}
          <Title order={level} size={level === 2 ? 'h4' : 'h5'} id={headingId}>
            {title}
          </Title>
        </Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={onNew} aria-label={`New role in ${title}`} aria-haspopup="dialog">
          New role
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {description}
      </Text>
      {roles.length === 0 ? (
        <Text size="sm" c="dimmed">
          No roles here yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name (IdP group)</Table.Th>
                <Table.Th>Permissions</Table.Th>
                <Table.Th>Inherits</Table.Th>
                <Table.Th w={90}>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.map((role) => (
                <Table.Tr key={role.id} data-testid="role-row" data-role-name={role.name}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text fw={500}>{role.name}</Text>
                      <CopyAction value={role.id} label={`ID of role ${role.name}`} />
                    </Group>
                    {role.description && (
                      <Text size="xs" c="dimmed">
                        {role.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {role.permissions.length} own, {role.effectivePermissions.length} effective
                    </Text>
                    {role.unpublishedInherited.length > 0 && (
                      <Text size="xs" c="orange.8">
                        plus what {role.unpublishedInherited.join(', ')} grant{role.unpublishedInherited.length > 1 ? '' : 's'} (not published)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {role.inheritedRoleNames.length === 0 && <Text size="sm" c="dimmed">—</Text>}
                      {role.inheritedRoleNames.map((name) => (
                        <Badge key={name} variant="light" color="grape" tt="none">
                          {name}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <Tooltip label="Edit">
                        <ActionIcon variant="subtle" color="gray" aria-label={`Edit role ${role.name}`} onClick={() => onEdit(role)}>
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={role.inheritedBy.length ? `Inherited by ${role.inheritedBy.join(', ')}: remove that first` : 'Delete'}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete role ${role.name}`}
                          onClick={() => onDelete(role)}
                          disabled={role.inheritedBy.length > 0}
                        >
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
    </Paper>
  );
}
