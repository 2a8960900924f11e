import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { Control } from 'react-hook-form';
import { PasswordField } from './fields';
import type { OidcFormValues } from './form-model';

/** What happens to a stored secret on save: keep it (omitted), replace it (a value), remove it (null). */
export type SecretAction = 'keep' | 'replace' | 'remove';

const description = 'Write-only: it goes to the OS keychain and is never shown again.';

/**
 * The client secret. A new connection takes it in a password box; a saved one shows only whether one is stored, with
 * Replace and Remove: the value never comes back from the engine.
 */
export function ClientSecretField({
  control,
  stored,
  action,
  onAction,
}: {
  control: Control<OidcFormValues>;
  /** undefined on create; on edit, whether the keychain holds a secret. */
  stored: boolean | undefined;
  action: SecretAction;
  onAction: (action: SecretAction) => void;
}) {
  if (stored === undefined) {
    return <PasswordField control={control} name="clientSecret" label="Client secret" description={description} placeholder="Paste the client secret" />;
  }
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id="client-secret-label">
        Client secret
      </Text>
      <Group gap="xs" aria-labelledby="client-secret-label" role="group">
        <Badge color={stored && action !== 'remove' ? 'teal' : 'gray'} variant="light" data-testid="client-secret-state">
          {action === 'remove' ? 'will be removed' : stored ? 'set' : 'not set'}
        </Badge>
        {action === 'keep' && (
          <>
            <Button size="compact-sm" variant="light" onClick={() => onAction('replace')}>
              {stored ? 'Replace' : 'Add secret'}
            </Button>
            {stored && (
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => onAction('remove')}>
                Remove
              </Button>
            )}
          </>
        )}
        {action !== 'keep' && (
          <Button size="compact-sm" variant="subtle" onClick={() => onAction('keep')}>
            {stored ? 'Keep the stored secret' : 'Cancel'}
          </Button>
        )}
      </Group>
      {action === 'replace' && (
        <PasswordField control={control} name="clientSecret" label="New client secret" description={description} placeholder="Paste the new client secret" />
      )}
      {action === 'keep' && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
    </Stack>
  );
}
