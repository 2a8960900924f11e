import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ArthurRoleDef, PlanChange } from '../../../main/contract/index';

export const actionColor: Record<PlanChange['action'], string> = { create: 'teal', replace: 'orange', delete: 'red', keep: 'gray' };

const keysOf = (def: ArthurRoleDef | null) => new Set((def?.permissions ?? []).map((p) => `${p.resource}:${p.action}`));
const inheritedOf = (def: ArthurRoleDef | null) => new Set(def?.inherited_role_names ?? []);

/** One side of the diff: items only on this side are marked (added on the local side, removed on the target side). */
function Side({ title, items, other, mark }: { title: string; items: Set<string>; other: Set<string>; mark: 'added' | 'removed' }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed">
        {title}
      </Text>
      {items.size === 0 ? (
        <Text size="sm" c="dimmed">
          (none)
        </Text>
      ) : (
        <Group gap={4}>
          {[...items].sort().map((item) => {
            const differs = !other.has(item);
            return (
              <Badge key={item} variant={differs ? 'filled' : 'light'} color={differs ? (mark === 'added' ? 'teal' : 'red') : 'gray'} tt="none" aria-label={differs ? `${item} (${mark})` : item}>
                {differs ? (mark === 'added' ? '+ ' : '− ') : ''}
                {item}
              </Badge>
            );
          })}
        </Group>
      )}
    </Stack>
  );
}

/** Permissions and inheritance, target on the left and workbench on the right, differences highlighted. */
export function RoleDiff({ change }: { change: PlanChange }) {
  const rows = [
    { label: 'Permissions', remote: keysOf(change.remote), local: keysOf(change.local) },
    { label: 'Inherits', remote: inheritedOf(change.remote), local: inheritedOf(change.local) },
  ];
  return (
    <Stack gap="xs" p="xs" data-testid={`diff-${change.role}`}>
      <Text size="sm">{change.reason}</Text>
      {rows.map((row) => (
        <SimpleGrid key={row.label} cols={2} spacing="md">
          <Side title={`${row.label} on the target`} items={row.remote} other={row.local} mark="removed" />
          <Side title={`${row.label} in the workbench`} items={row.local} other={row.remote} mark="added" />
        </SimpleGrid>
      ))}
    </Stack>
  );
}
