import type { ReactNode } from 'react';
import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Report } from '../../../main/contract/index';
import type { Candidate } from './details';

/**
 * The groups the mapping found and how they resolve: roles they grant, groups with no role (ignored), organizations,
 * and, when no group matched, the denial and its reason (product.md "Resolution").
 */
export function GroupsCard({ report, candidate }: { report: Report; candidate: Candidate | undefined }) {
  const { resolution } = report;
  const groups = report.outcome === 'passed' ? report.groups : (candidate?.groups ?? []);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="groups-title">
      <Title order={2} size="h4" id="groups-title" mb="sm">
        Groups and roles
      </Title>
      <Stack gap="sm">
        <Labelled label={report.outcome === 'passed' ? 'Groups' : 'Groups (not accepted)'}>
          <BadgeList items={groups} color={report.outcome === 'passed' ? 'blue' : 'gray'} empty="No groups were mapped." testId="groups" />
        </Labelled>
        <Labelled label="Roles">
          <BadgeList items={resolution.roles} color="teal" empty="No role matched." testId="roles" />
        </Labelled>
        {resolution.unmatchedGroups.length > 0 && (
          <Labelled label="Groups with no role (ignored)">
            <BadgeList items={resolution.unmatchedGroups} color="gray" empty="" />
          </Labelled>
        )}
        {resolution.organizations.length > 0 && (
          <Labelled label="Organizations">
            <BadgeList items={resolution.organizations} color="grape" empty="" />
          </Labelled>
        )}
        {resolution.denied ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Login would be denied" p="xs">
            <Text size="sm">{resolution.reason}</Text>
          </Alert>
        ) : (
          resolution.reason && (
            <Text size="sm" c="dimmed">
              {resolution.reason}
            </Text>
          )
        )}
      </Stack>
    </Paper>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function BadgeList({ items, color, empty, testId }: { items: readonly string[]; color: string; empty: string; testId?: string }) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={6} data-testid={testId}>
      {items.map((item) => (
        <Badge key={item} color={color} variant="light" tt="none">
          {item}
        </Badge>
      ))}
    </Group>
  );
}
