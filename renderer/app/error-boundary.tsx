import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Center, Code, Stack, Text } from '@mantine/core';
import { IconBug, IconReload } from '@tabler/icons-react';
import { setAppState } from './app-state';

interface State {
  error: Error | null;
}

/** The last line of defence: a render error shows its message and a Reload button instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    setAppState('error');
    console.error('SSO Workbench crashed while rendering', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Center mih="100vh" p="md" component="main">
        <Alert color="red" variant="light" title="Something went wrong in SSO Workbench" icon={<IconBug />} maw={640}>
          <Stack gap="sm">
            <Text size="sm">The console hit an error it could not recover from. Your saved data is safe.</Text>
            <Code block data-testid="crash-message">{error.message}</Code>
            <Button leftSection={<IconReload size={16} />} color="red" variant="light" w="fit-content" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
