import { Code, EmptyState, Paper, Stack, Text } from '@mantine/core';
import { IconServer2 } from '@tabler/icons-react';
import { PageHeader } from '../components/page-header';

/** Platform servers (Arthur) that roles are planned against and pushed to. */
export function TargetsPage() {
  return (
    <>
      <PageHeader
        title="Targets"
        description="The platform servers you push roles to. Every push shows its plan (create, replace, delete, keep) first."
      />
      <Paper withBorder p="xl" radius="md">
        <EmptyState
          icon={<IconServer2 size={28} stroke={1.5} aria-hidden />}
          variant="light"
          title="No targets yet"
          description="Add the Arthur server that should receive your organization roles: its base URL and an API token. The token is kept in the OS keychain, never in a file."
        >
          <Stack gap={6} align="center">
            <Text size="sm" c="dimmed">
              From the command line:
            </Text>
            <Code>ssowb targets add --name prod --url https://arthur.example.com --token-env ARTHUR_TOKEN</Code>
          </Stack>
        </EmptyState>
      </Paper>
    </>
  );
}
