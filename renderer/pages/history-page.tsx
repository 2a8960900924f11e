import { Code, EmptyState, Paper, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { AuditLogCard } from '../components/audit-log-card';
import { PageHeader } from '../components/page-header';

/** Test runs (and the audit log of changes). */
export function HistoryPage() {
  return (
    <>
      <PageHeader
        title="History"
        description="Every test login: its checks, the claims that came back, the mapped user and the roles it resolved to."
      />
      <Stack gap="lg">
        <Paper withBorder p="xl" radius="md">
          <EmptyState
            icon={<IconHistory size={28} stroke={1.5} aria-hidden />}
            variant="light"
            title="No test runs yet"
            description="Test runs appear here. Run a test login from a connection to prove it works before rollout; tokens are never stored, claims only while Keep test history is on."
          >
            <Stack gap={6} align="center">
              <Text size="sm" c="dimmed">
                Or from the command line:
              </Text>
              <Code>{'ssowb test <connection>'}</Code>
            </Stack>
          </EmptyState>
        </Paper>
        <AuditLogCard />
      </Stack>
    </>
  );
}
