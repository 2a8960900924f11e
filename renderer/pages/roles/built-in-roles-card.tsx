import { Badge, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import type { BuiltIn } from './use-rbac-data';

/**
 * Arthur's built-in roles, read-only: custom roles may inherit them. Where the docs do not publish a role's
 * permissions, this says so; the workbench never guesses them (a decision that depends on them is "undetermined").
 */
export function BuiltInRolesCard({ builtIns }: { builtIns: readonly BuiltIn[] }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="builtins-title" data-testid="builtins">
      <Title order={2} size="h4" id="builtins-title" mb={4}>
        Built-in roles (read-only)
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Defined by the platform. Organization roles may inherit them by name; they cannot be edited or reused as a role name.
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>What it is for</Table.Th>
              <Table.Th>Permissions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {builtIns.map((role) => (
              <Table.Tr key={role.name}>
                <Table.Td>
                  <Text fw={500} size="sm">
                    {role.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{role.description}</Text>
                </Table.Td>
                <Table.Td>
                  {role.permissionsKnown ? (
                    <Tooltip label={role.permissions.map((p) => `${p.resource}:${p.action}`).join(', ')} multiline maw={420}>
                      <Badge variant="light" color="teal" tt="none" tabIndex={0}>
                        {role.permissions.length} published
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="orange.8">
                      Not published by Arthur: the platform decides what it grants.
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
