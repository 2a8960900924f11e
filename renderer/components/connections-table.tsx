import type { ReactNode } from 'react';
import { Badge, Code, CopyButton, Group, List, Switch, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ConnectionSummary, ConnectionView } from '../../main/contract/index';
import { useMutation } from '../client';
import { notifyFailure, notifySuccess } from '../app/notify';
import { CopyAction } from './copy-value';
import { providerLabel } from './provider-labels';
import { relativeTime } from './relative-time';

/**
 * The provider connections table: ClearML's columns (reference/clearml-platform.md §1.1: Active, Name, Provider,
 * Protocol, ID, Last update) plus the last test result and the view's warnings. Row actions come from the page.
 */
export function ConnectionsTable({
  connections,
  onChanged,
  actions,
  pager,
}: {
  /** The rows of the page shown (the engine pages: thousands of rows of switches and tooltips would be slow). */
  connections: readonly ConnectionSummary[];
  /** A row changed here (the Active toggle). */
  onChanged?: (view: ConnectionView) => void;
  actions?: (connection: ConnectionSummary) => ReactNode;
  /** The pager under the table (TablePager). */
  pager?: ReactNode;
}) {
  return (
    <>
      {/* Fits the desktop window's default 1280 px (minus the navbar) without a horizontal scrollbar. */}
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="connections-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Active</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>ID</Table.Th>
              <Table.Th>Last test</Table.Th>
              <Table.Th>Validation</Table.Th>
              {actions && <Table.Th w={160}>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {connections.map((connection) => (
              <Table.Tr key={connection.id} data-testid="connection-row" data-connection-id={connection.id}>
                <Table.Td>
                  <ActiveSwitch connection={connection} onChanged={onChanged} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text fw={500}>{connection.name}</Text>
                    <WarningsBadge connection={connection} />
                  </Group>
                  <Tooltip label={new Date(connection.updatedAt).toLocaleString()}>
                    <Text size="xs" c="dimmed" component="span">
                      updated {relativeTime(connection.updatedAt)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{providerLabel(connection.provider)}</Text>
                  <Text size="xs" c="dimmed">
                    {connection.protocol.toUpperCase()}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <IdCell connection={connection} />
                </Table.Td>
                <Table.Td>
                  <LastTest connection={connection} />
                </Table.Td>
                <Table.Td>
                  <ValidationState connection={connection} />
                </Table.Td>
                {actions && <Table.Td>{actions(connection)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pager}
    </>
  );
}

/** The Active toggle (`connections.setActive`); the switch follows the engine's answer. */
function ActiveSwitch({ connection, onChanged }: { connection: ConnectionSummary; onChanged: ((view: ConnectionView) => void) | undefined }) {
  const { mutate, loading } = useMutation('connections.setActive');
  const toggle = async (active: boolean) => {
    const result = await mutate({ ref: connection.id, active });
    if (result.ok) {
      onChanged?.(result.value);
      notifySuccess(active ? `${connection.name} is active` : `${connection.name} is inactive`, active ? 'Users can log in with it once exported to the platform.' : 'Users cannot log in with it; test runs still work.');
    } else notifyFailure(`${connection.name} was not ${active ? 'activated' : 'deactivated'}`, result.error);
  };
  return (
    <Switch
      aria-label={`Active: ${connection.name}`}
      checked={connection.active}
      disabled={loading}
      onChange={(event) => void toggle(event.currentTarget.checked)}
      // An outline keeps the "off" track visible on a highlighted row in the dark theme.
      styles={{ track: { boxShadow: 'inset 0 0 0 1px var(--mantine-color-default-border)' } }}
    />
  );
}

/** The ID, copied by a click on it (ClearML: "click to copy") or on its copy button. */
function IdCell({ connection }: { connection: ConnectionSummary }) {
  return (
    <Group gap={2} wrap="nowrap">
      <CopyButton value={connection.id} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `${connection.id} — click to copy`}>
            <UnstyledButton onClick={copy} aria-label={`ID ${connection.id}, click to copy`}>
              {/* The start of the id is enough to tell connections apart; the whole id is copied and in the tooltip. */}
              <Code data-testid="connection-id" data-id={connection.id} title={connection.id} style={{ whiteSpace: 'nowrap' }}>
                {connection.id.slice(0, 8)}…
              </Code>
            </UnstyledButton>
          </Tooltip>
        )}
      </CopyButton>
      <CopyAction value={connection.id} label={`ID of ${connection.name}`} />
    </Group>
  );
}

function LastTest({ connection }: { connection: ConnectionSummary }) {
  const last = connection.lastTest;
  if (!last) {
    return (
      <Text size="sm" c="dimmed">
        never
      </Text>
    );
  }
  return (
    <Tooltip label={`${last.source === 'live' ? 'Live test' : 'Offline inspect'} on ${new Date(last.at).toLocaleString()}${connection.validationCurrent ? '' : ' — changed since'}`}>
      <Badge color={last.outcome === 'passed' ? (connection.validationCurrent ? 'teal' : 'yellow') : 'red'} variant="light">
        {last.outcome} {relativeTime(last.at)}
      </Badge>
    </Tooltip>
  );
}

/** Whether platform exports are allowed: "validated by run … 2 h ago" or "changed since its last passing test". */
function ValidationState({ connection }: { connection: ConnectionSummary }) {
  const pass = connection.lastPass;
  if (connection.validationCurrent) {
    const run = pass?.runId ? pass.runId.slice(0, 8) : 'an earlier run';
    const at = pass?.at ?? connection.validatedAt ?? '';
    return (
      <Tooltip label={`Platform exports allowed. Run ${pass?.runId ?? '(not recorded)'} on ${new Date(at).toLocaleString()}${pass ? `: ${pass.checksPassed} checks passed, ${pass.checksWarned} warned` : ''}`}>
        <Text size="sm" c="teal" data-testid="validation-state" data-validated="true">
          validated by run {run} {relativeTime(at)}
        </Text>
      </Tooltip>
    );
  }
  return (
    <Text size="sm" c="yellow.8" data-testid="validation-state" data-validated="false">
      {connection.validatedAt ? 'changed since its last passing test' : 'not validated yet: run a test'}
    </Text>
  );
}

function WarningsBadge({ connection }: { connection: ConnectionSummary }) {
  if (connection.warnings.length === 0) return null;
  const count = connection.warnings.length;
  return (
    <Tooltip
      multiline
      maw={420}
      withArrow
      label={
        <List size="xs" spacing={2}>
          {connection.warnings.map((warning) => (
            <List.Item key={`${warning.field}:${warning.message}`}>{warning.message}</List.Item>
          ))}
        </List>
      }
    >
      <Badge color="yellow" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />} tabIndex={0} aria-label={`${count} warning${count > 1 ? 's' : ''}: ${connection.warnings.map((w) => w.message).join(' ')}`}>
        {count}
      </Badge>
    </Tooltip>
  );
}
