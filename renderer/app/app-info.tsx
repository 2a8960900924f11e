import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { AppInfo } from '../../main/contract/index';
import { useOperation } from '../client';
import { setAppState } from './app-state';

const AppInfoContext = createContext<AppInfo | null>(null);

/** Version, mode and data directory (`app.info`); available to every screen once the app is ready. */
export function useAppInfo(): AppInfo {
  const info = useContext(AppInfoContext);
  if (!info) throw new Error('useAppInfo must be used inside <AppInfoGate>.');
  return info;
}

/**
 * Asks the engine for `app.info` before showing the console: the first proof that the client interface works.
 * Sets the root's `data-app-state` (loading → ready | error).
 */
export function AppInfoGate({ children }: { children: ReactNode }) {
  const { data, error, loading, refetch } = useOperation('app.info', {});
  const state = data ? 'ready' : error && !loading ? 'error' : 'loading';
  useEffect(() => setAppState(state), [state]);

  if (data) return <AppInfoContext.Provider value={data}>{children}</AppInfoContext.Provider>;
  if (error && !loading) {
    return (
      <Center mih="100vh" p="md" component="main">
        <Alert color="red" variant="light" title="SSO Workbench cannot reach its engine" icon={<IconAlertTriangle />} maw={560}>
          <Stack gap="sm">
            <Text size="sm">{error.message}</Text>
            {error.hint && <Text size="sm" c="dimmed">{error.hint}</Text>}
            <Button leftSection={<IconRefresh size={16} />} variant="light" color="red" onClick={() => void refetch()} w="fit-content">
              Try again
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return (
    <Center mih="100vh" component="main">
      <Stack align="center" gap="xs">
        <Loader aria-hidden />
        <Text c="dimmed" role="status">Starting SSO Workbench…</Text>
      </Stack>
    </Center>
  );
}
