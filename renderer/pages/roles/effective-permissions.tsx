import { Alert, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { EffectivePermission } from '../../../main/contract/index';

/**
 * Own ∪ inherited permissions of the role being edited, each with the chain it comes through (own role first), and
 * the inherited built-ins whose permissions Arthur does not publish: those are named, never guessed.
 */
export function EffectivePermissions({ permissions, unpublished, roleName }: { permissions: readonly EffectivePermission[]; unpublished: readonly string[]; roleName: string }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="effective-title" data-testid="effective-permissions">
      <Title order={3} size="h5" id="effective-title">
        Effective permissions ({permissions.length})
      </Title>
      {unpublished.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} p="xs">
          <Text size="sm">
            Also whatever {unpublished.join(', ')} grant{unpublished.length > 1 ? '' : 's'}: Arthur does not publish {unpublished.length > 1 ? 'their' : 'its'} permissions, so
            they are not listed here and the simulator answers "undetermined" where only they could decide.
          </Text>
        </Alert>
      )}
      {permissions.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet: tick permissions or inherit a role.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420} mah={280}>
          <Table verticalSpacing={2} stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Permission</Table.Th>
                <Table.Th>From</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {permissions.map((permission) => {
                const own = permission.via.length <= 1;
                return (
                  <Table.Tr key={`${permission.resource}:${permission.action}`}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {permission.resource}:{permission.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {own ? (
                        <Badge variant="light" color="blue" tt="none">
                          own ({roleName || 'this role'})
                        </Badge>
                      ) : (
                        <Group gap={4}>
                          <Text size="sm">inherited via</Text>
                          <Text size="sm" fw={500}>
                            {permission.via.slice(1).join(' → ')}
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
