import { Paper, SimpleGrid, Skeleton, Stack, Title } from '@mantine/core';
import { useOperation } from '../client';
import { AboutCard } from '../components/about-card';
import { ClearmlGroupsCard } from '../components/clearml-groups-card';
import { KeychainStatusCard } from '../components/keychain-status-card';
import { OperationError } from '../components/operation-error';
import { PageHeader } from '../components/page-header';
import { PreferencesCard } from '../components/preferences-card';
import { TestPortForm } from '../components/test-port-form';

/** Keychain health, the loopback test port, preferences and where the data lives. */
export function SettingsPage() {
  const { data: settings, error, loading, refetch, setData } = useOperation('settings.get', {});

  return (
    <>
      <PageHeader title="Settings" description="Shared by the desktop app, browser mode and the ssowb CLI." />
      <Stack gap="lg" maw={1100}>
        <KeychainStatusCard />
        {error && !settings && <OperationError title="Settings could not be loaded" error={error} onRetry={() => void refetch()} retrying={loading} />}
        {!settings && !error && <Skeleton height={160} aria-label="Loading settings" />}
        {settings && (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb="sm">
                Test logins
              </Title>
              <TestPortForm testPort={settings.testPort} onSaved={setData} />
            </Paper>
            <PreferencesCard settings={settings} onSaved={setData} />
          </SimpleGrid>
        )}
        {settings && <ClearmlGroupsCard settings={settings} onSaved={setData} />}
        <AboutCard />
      </Stack>
    </>
  );
}
