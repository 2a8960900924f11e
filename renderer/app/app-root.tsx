import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { WorkbenchApi } from '../../main/contract/index';
import { WorkbenchClientProvider, type ClientKind } from '../client';
import { AppFrame } from './app-frame';
import { AppInfoGate } from './app-info';
import { ErrorBoundary } from './error-boundary';
import { colorSchemeManager, theme } from './theme';

/** Providers, outermost first: theme and colour scheme, notifications, the crash screen, the client, the boot gate. */
export function AppRoot({ api, kind }: { api: WorkbenchApi; kind: ClientKind }) {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <Notifications position="bottom-right" limit={4} />
      <ErrorBoundary>
        <WorkbenchClientProvider api={api} kind={kind}>
          <AppInfoGate>
            <AppFrame />
          </AppInfoGate>
        </WorkbenchClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}
