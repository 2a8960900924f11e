import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconPlugConnected, IconTrash } from '@tabler/icons-react';
import type { TargetView } from '../../../main/contract/index';
import { CopyValue } from '../../components/copy-value';
import { relativeTime } from '../../components/relative-time';

/** Targets with their URL (copyable), token state and last check; Check, Plan and Remove per row. */
export function TargetsTable(props: {
  targets: TargetView[];
  selected: string | null;
  checking: string | null;
  onCheck: (target: TargetView) => void;
  onSelect: (target: TargetView) => void;
  onRemove: (target: TargetView) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Targets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Base URL</Table.Th>
            <Table.Th>Token</Table.Th>
            <Table.Th>Last check</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.targets.map((t) => (
            <Table.Tr key={t.id} bg={props.selected === t.id ? 'var(--mantine-primary-color-light)' : undefined} data-testid={`target-row-${t.name}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t.name}
                </Text>
                <Group gap={4}>
                  <Badge size="xs" variant="light">
                    {t.kind}
                  </Badge>
                  {t.rehearsal && (
                    <Badge size="xs" variant="light" color="grape">
                      local rehearsal
                    </Badge>
                  )}
                  {t.caCertificates > 0 && (
                    <Badge size="xs" variant="light" color="gray">
                      CA bundle ({t.caCertificates})
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <CopyValue value={t.url} label={`URL of ${t.name}`} />
              </Table.Td>
              <Table.Td>
                <Badge color={t.hasToken ? 'teal' : 'yellow'} variant="light">
                  {t.hasToken ? 'in keychain' : 'none'}
                </Badge>
              </Table.Td>
              <Table.Td>
                {t.lastCheck ? (
                  <Badge color={t.lastCheck.ok ? 'teal' : 'red'} variant="light">
                    {t.lastCheck.ok ? `ok, ${t.lastCheck.organizations} org(s)` : 'failed'} · {relativeTime(t.lastCheck.at)}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    never
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="light" leftSection={<IconPlugConnected size={14} aria-hidden />} loading={props.checking === t.id} onClick={() => props.onCheck(t)} aria-label={`Check ${t.name}`}>
                    Check
                  </Button>
                  <Button size="xs" variant={props.selected === t.id ? 'filled' : 'light'} onClick={() => props.onSelect(t)} aria-label={`Plan roles for ${t.name}`}>
                    Plan
                  </Button>
                  <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => props.onRemove(t)} aria-label={`Remove ${t.name}`}>
                    Remove
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
