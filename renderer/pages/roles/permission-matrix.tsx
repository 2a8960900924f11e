import { useMemo, useState } from 'react';
import { Checkbox, Group, Input, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { Catalogue } from './use-rbac-data';

const actionOrder = ['read', 'write', 'delete', 'execute', 'resolve', 'notify'];
const rank = (action: string) => (actionOrder.includes(action) ? actionOrder.indexOf(action) : actionOrder.length);

/**
 * Resources × actions from the catalogue, grouped as the docs group them, with search. Each cell is a labelled
 * checkbox (`model:write`). In an organization role, global-only permissions are disabled and say why; a checked one
 * that the engine refuses shows its message on the cell.
 */
export function PermissionMatrix({
  catalogue,
  value,
  onChange,
  scope,
  error,
  cellErrors,
}: {
  catalogue: Catalogue;
  value: readonly string[];
  onChange: (next: string[]) => void;
  scope: 'global' | 'organization';
  error: string | undefined;
  cellErrors: ReadonlyMap<string, string>;
}) {
  const [search, setSearch] = useState('');
  const [onlySelected, setOnlySelected] = useState(false);
  const selected = useMemo(() => new Set(value), [value]);
  const actions = useMemo(() => {
    const all = new Set(catalogue.resources.flatMap((entry) => entry.actions));
    return [...all].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }, [catalogue]);
  const needle = search.trim().toLowerCase();
  const visible = catalogue.resources.filter(
    (entry) =>
      (!needle || `${entry.resource} ${entry.actions.join(' ')} ${entry.group} ${entry.note ?? ''}`.toLowerCase().includes(needle) || entry.actions.some((a) => `${entry.resource}:${a}`.includes(needle))) &&
      (!onlySelected || entry.actions.some((a) => selected.has(`${entry.resource}:${a}`))),
  );
  const groups = [...new Set(visible.map((entry) => entry.group))];
  const toggle = (key: string, checked: boolean) => onChange(checked ? [...value, key] : value.filter((item) => item !== key));

  return (
    <Input.Wrapper label="Permissions" description={`${value.length} selected. Resources × actions as Arthur's permission directory groups them.`} error={error} data-testid="permission-matrix">
      <Stack gap="xs" mt={6}>
        <Group gap="sm" wrap="wrap">
          <TextInput
            aria-label="Filter permissions"
            placeholder="Filter: model, alert_rule:write…"
            leftSection={<IconSearch size={14} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={280}
          />
          <Switch label="Only selected" checked={onlySelected} onChange={(event) => setOnlySelected(event.currentTarget.checked)} />
        </Group>
        {groups.length === 0 && (
          <Text size="sm" c="dimmed" role="status">
            No permission matches this filter.
          </Text>
        )}
        {groups.map((group) => (
          <Stack key={group} gap={4}>
            <Title order={3} size="h6">
              {group}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={4} withRowBorders={false} striped layout="fixed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Resource</Table.Th>
                    {actions.map((action) => (
                      <Table.Th key={action} ta="center" w={76}>
                        {action}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {visible
                    .filter((entry) => entry.group === group)
                    .map((entry) => {
                      const globalOnly = entry.scope === 'global' && scope === 'organization';
                      return (
                        <Table.Tr key={entry.resource}>
                          <Table.Td>
                            <Text size="sm" ff="monospace">
                              {entry.resource}
                            </Text>
                            {(entry.note || globalOnly) && (
                              <Text size="xs" c={globalOnly ? 'orange.8' : 'dimmed'}>
                                {globalOnly ? 'Global roles only: an organization role cannot hold it.' : entry.note}
                              </Text>
                            )}
                          </Table.Td>
                          {actions.map((action) => {
                            if (!entry.actions.includes(action)) return <Table.Td key={action} />;
                            const key = `${entry.resource}:${action}`;
                            const checked = selected.has(key);
                            const cellError = cellErrors.get(key);
                            const box = (
                              <Checkbox
                                aria-label={key}
                                checked={checked}
                                // A checked global permission stays untickable in an org role, so the admin can clear it.
                                disabled={globalOnly && !checked}
                                error={cellError ? true : undefined}
                                aria-invalid={cellError ? true : undefined}
                                onChange={(event) => toggle(key, event.currentTarget.checked)}
                                data-permission={key}
                              />
                            );
                            return (
                              <Table.Td key={action} ta="center">
                                <Group justify="center">
                                  {cellError || globalOnly ? (
                                    <Tooltip label={cellError ?? 'Global roles only'} withArrow>
                                      <span>{box}</span>
                                    </Tooltip>
                                  ) : (
                                    box
                                  )}
                                </Group>
                              </Table.Td>
                            );
                          })}
                        </Table.Tr>
                      );
                    })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))}
      </Stack>
    </Input.Wrapper>
  );
}
