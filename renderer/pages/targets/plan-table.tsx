import { Fragment, useState } from 'react';
import { ActionIcon, Badge, Progress, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { PlanChange, PushProgress, RoleResult } from '../../../main/contract/index';
import { actionColor, RoleDiff } from './role-diff';

const stateColor: Record<string, string> = { pending: 'gray', running: 'blue', retrying: 'yellow', done: 'teal', failed: 'red', skipped: 'gray' };

/** The plan, one row per role; a row opens to its side-by-side diff. During and after a push, each row shows its state. */
export function PlanTable({ changes, progress, results }: { changes: PlanChange[]; progress: Record<string, PushProgress>; results: RoleResult[] | null }) {
  const [open, setOpen] = useState<Set<string>>(() => new Set(changes.filter((c) => c.action === 'replace').slice(0, 3).map((c) => `${c.org}/${c.role}`)));
  const toggle = (key: string) => setOpen((previous) => {
    const next = new Set(previous);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" aria-label="Plan">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} />
            <Table.Th>Organization</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => {
            const key = `${change.org}/${change.role}`;
            const live = progress[key];
            const result = results?.find((r) => r.org === change.org && r.role === change.role);
            const state = result?.state ?? live?.state;
            const message = result?.message ?? live?.message;
            return (
              <Fragment key={key}>
                <Table.Tr data-testid={`plan-row-${change.role}`}>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="gray" onClick={() => toggle(key)} aria-expanded={open.has(key)} aria-label={`${open.has(key) ? 'Hide' : 'Show'} the diff of ${change.role}`}>
                      {open.has(key) ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{change.orgName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {change.role}
                    </Text>
                    {change.remoteOnly && (
                      <Text size="xs" c="dimmed">
                        only on the target
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={actionColor[change.action]} variant="light">
                      {change.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {state ? (
                      <Tooltip label={message ?? ''} disabled={!message} multiline w={320}>
                        <Badge color={stateColor[state] ?? 'gray'} data-testid={`state-${change.role}`}>
                          {state}
                        </Badge>
                      </Tooltip>
                    ) : change.action === 'keep' ? (
                      <Text size="xs" c="dimmed">
                        unchanged
                      </Text>
                    ) : null}
                    {state === 'failed' && message && (
                      <Text size="xs" c="red">
                        {message}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open.has(key) && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <RoleDiff change={change} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Overall push progress: roles settled out of roles to change. */
export function PushProgressBar({ done, total }: { done: number; total: number }) {
  const value = total === 0 ? 100 : Math.round((done / total) * 100);
  return <Progress value={value} size="lg" striped={done < total} animated={done < total} aria-label={`Push progress: ${done} of ${total} roles`} />;
}
