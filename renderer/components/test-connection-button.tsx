import { ActionIcon, Button, Tooltip, type ButtonProps } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation } from '../client';
import { notifyFailure } from '../app/notify';
import { openAuthorizeUrl, rememberLaunch, runHref } from '../pages/test-run/launches';

export interface TestConnectionButtonProps {
  /** The connection to test (its id is the ref; the name labels the button for screen readers). */
  connection: { id: string; name: string; protocol?: 'oidc' | 'saml' };
  /** An icon button for table rows. */
  compact?: boolean;
  label?: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  /** How long the run waits for the IdP (default: the engine's 300 s). */
  timeoutSeconds?: number;
}

/**
 * "Test": starts a live run (`tests.start`), opens the IdP's login in a new tab (the system browser in the desktop
 * app) and shows the run screen (`#/runs/<runId>`), which follows the run and then shows its report.
 */
export function TestConnectionButton({ connection, compact = false, label = 'Test', variant, size, timeoutSeconds }: TestConnectionButtonProps) {
  const { mutate, loading } = useMutation('tests.start');
  const start = async () => {
    const result = await mutate({ ref: connection.id, ...(timeoutSeconds ? { timeoutSeconds } : {}) });
    if (!result.ok) {
      notifyFailure(`${connection.name} could not be tested`, result.error);
      return;
    }
    rememberLaunch({ ...result.value, connectionId: connection.id, connectionName: connection.name, ...(connection.protocol ? { protocol: connection.protocol } : {}), startedAt: new Date().toISOString() });
    openAuthorizeUrl(result.value.authorizeUrl);
    window.location.hash = runHref(result.value.runId);
  };
  const accessibleName = `Test ${connection.name}`;

  if (compact) {
    return (
      <Tooltip label="Test login">
        <ActionIcon variant="subtle" color="teal" aria-label={accessibleName} loading={loading} onClick={() => void start()} data-testid="test-connection">
          <IconPlayerPlay size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    );
  }
  return (
    <Button
      leftSection={<IconPlayerPlay size={16} aria-hidden />}
      variant={variant}
      size={size}
      loading={loading}
      onClick={() => void start()}
      aria-label={label === 'Test' ? accessibleName : undefined}
      data-testid="test-connection"
    >
      {label}
    </Button>
  );
}
