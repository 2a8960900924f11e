import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { ConnectionView } from '../../main/contract/index';
import { CopyValue } from './copy-value';
import { providerLabel } from './provider-labels';
import { relativeTime } from './relative-time';

/** The provider connections table, with ClearML's columns (reference/clearml-platform.md §1.1). Read-only for now. */
export function ConnectionsTable({ connections }: { connections: readonly ConnectionView[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Active</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Protocol</Table.Th>
            <Table.Th>ID</Table.Th>
            <Table.Th>Last update</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {connections.map((connection) => (
            <Table.Tr key={connection.id}>
              <Table.Td>
                <Badge variant={connection.active ? 'light' : 'outline'} color={connection.active ? 'teal' : 'gray'}>
                  {connection.active ? 'Active' : 'Off'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text fw={500}>{connection.name}</Text>
              </Table.Td>
              <Table.Td>{providerLabel(connection.provider)}</Table.Td>
              <Table.Td>{connection.protocol.toUpperCase()}</Table.Td>
              <Table.Td>
                <CopyValue value={connection.id} label={`ID of ${connection.name}`} />
              </Table.Td>
              <Table.Td>
                <Tooltip label={new Date(connection.updatedAt).toLocaleString()}>
                  <Text size="sm" component="span">
                    {relativeTime(connection.updatedAt)}
                  </Text>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
