import type { ReactNode } from 'react';
import { Avatar, Badge, DataList, Group, Paper, Text, Title } from '@mantine/core';
import type { MappedUser, Report } from '../../../main/contract/index';
import { CopyAction } from '../../components/copy-value';
import { providerLabel } from '../../components/provider-labels';
import type { Candidate } from './details';

/**
 * The mapped user as ClearML's Test Provider success screen shows it (reference/clearml-platform.md §1.5): Provider
 * details "<connection>: <provider>", User ID, Name, Email and Avatar. When the run failed nothing is accepted: the
 * card then shows what the mapping would have produced, clearly marked, for diagnosis.
 */
export function UserCard({ report, provider, candidate }: { report: Report; provider: string | undefined; candidate: Candidate | undefined }) {
  const passed = report.outcome === 'passed';
  const user: MappedUser | undefined = passed ? report.user : candidate?.user;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="user-title" data-testid="user-card" h="100%">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4" id="user-title">
          Mapped user
        </Title>
        {passed ? (
          <Badge color="teal" variant="filled">
            Success
          </Badge>
        ) : (
          <Badge color="red" variant="light">
            Not accepted
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {passed
          ? 'Please review the following data received from the provider:'
          : user
            ? (candidate?.note ?? 'Not accepted: a check failed. Shown for diagnosis only.')
            : 'No claims reached the mapping: there is no user to show.'}
      </Text>
      {user && (
        <Group align="flex-start" wrap="nowrap" gap="lg">
          <UserAvatar user={user} />
          <DataList size="sm" labelWidth={130} style={{ flex: 1, minWidth: 0 }}>
            <Row label="Provider details">
              {report.connection.name}: {provider ? providerLabel(provider) : report.connection.protocol.toUpperCase()}
            </Row>
            <Row label="User ID" copy={user.userId} testId="user-id">
              {user.userId}
            </Row>
            <Row label="Name" testId="user-name">{user.name}</Row>
            <Row label="Email" copy={user.email} testId="user-email">
              {user.email}
            </Row>
            {(user.givenName || user.familyName) && <Row label="Given / family">{[user.givenName, user.familyName].filter(Boolean).join(' · ')}</Row>}
            <Row label="Avatar">{user.picture ? <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{user.picture}</Text> : null}</Row>
          </DataList>
        </Group>
      )}
    </Paper>
  );
}

function Row({ label, children, copy, testId }: { label: string; children: ReactNode; copy?: string | null; testId?: string }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        <Group gap={4} wrap="nowrap" miw={0}>
          <Text size="sm" component="div" c={empty ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
            {empty ? 'not mapped' : children}
          </Text>
          {copy && <CopyAction value={copy} label={label} />}
        </Group>
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/**
 * An inline (data:) picture when the claim is one, else the initials of the name or email. A remote picture URL is
 * not loaded (the CSP allows no remote images: opening a report must not call a server a claim names); its URL is
 * shown in the Avatar row instead.
 */
function UserAvatar({ user }: { user: MappedUser }) {
  const display = user.name ?? user.email ?? user.userId ?? '?';
  const picture = user.picture && /^data:image\/(png|jpeg|gif|webp);/i.test(user.picture) ? user.picture : null;
  return <Avatar src={picture} name={display} color="initials" size={72} radius="xl" alt={`Avatar of ${display}`} data-testid="user-avatar" />;
}
