import { Code, EmptyState, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { PageHeader } from '../components/page-header';

/** Arthur's role model (reference/arthur-platform.md §3): what the admin needs to know before adding roles. */
export function RolesPage() {
  return (
    <>
      <PageHeader
        title="Roles"
        description="Which IdP groups become which platform roles. A role's name must equal the group name your identity provider sends."
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb={6}>
            Global roles
          </Title>
          <Text size="sm">
            Permissions across every organization, for platform administrators: creating organizations and managing custom
            roles. They grant API access only, not access to an organization's data, and live in the IdP configuration as{' '}
            <Code>globalRoleDefs</Code>. Keep them few and minimal.
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb={6}>
            Organization roles
          </Title>
          <Text size="sm">
            Permissions inside one organization, pushed to the platform's custom roles API. A role may inherit built-in roles
            or roles of the same organization. Role names are unique across the whole installation, so a name also tells
            which organization a user belongs to.
          </Text>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="xl" radius="md">
        <EmptyState
          icon={<IconUsersGroup size={28} stroke={1.5} aria-hidden />}
          variant="light"
          title="No roles yet"
          description="Start with one organization role per IdP group that should get access; users whose groups match no role are denied at login."
        >
          <Stack gap={6} align="center">
            <Text size="sm" c="dimmed">
              Import existing definitions from the command line:
            </Text>
            <Code>ssowb roles import roles.json --org ORG</Code>
          </Stack>
        </EmptyState>
      </Paper>
    </>
  );
}
