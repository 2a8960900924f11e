import { useState } from 'react';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudDownload, IconInfoCircle } from '@tabler/icons-react';
import type { UseFormReturn } from 'react-hook-form';
import { defaultTokenEndpointAuthMethod, endpointUrlProblem, type OidcDiscovery } from '../../../main/contract/index';
import { useMutation } from '../../client';
import { TextField } from './fields';
import type { OidcFormValues } from './form-model';

/**
 * "Import from issuer": reads `<issuer>/.well-known/openid-configuration` through the engine and fills the issuer and
 * every endpoint; what looked wrong (an issuer that differs from the one typed, a trailing slash included) is shown.
 */
export function OidcDiscoveryPanel({ form }: { form: UseFormReturn<OidcFormValues> }) {
  const discover = useMutation('connections.discover');
  const [found, setFound] = useState<OidcDiscovery | null>(null);

  const run = async () => {
    const issuer = (form.getValues('oidc.issuer') ?? '').trim();
    const problem = issuer ? endpointUrlProblem(issuer) : 'Enter the issuer URL first, e.g. https://idp.example.com/realms/main.';
    if (problem) {
      form.setError('oidc.issuer', { type: 'manual', message: problem }, { shouldFocus: true });
      return;
    }
    setFound(null);
    const result = await discover.mutate({ issuer });
    if (!result.ok) {
      form.setError('oidc.issuer', { type: 'server', message: result.error.hint ? `${result.error.message} ${result.error.hint}` : result.error.message }, { shouldFocus: true });
      return;
    }
    const d = result.value;
    const set = (name: Parameters<typeof form.setValue>[0], value: string | undefined) =>
      form.setValue(name, value ?? '', { shouldDirty: true, shouldValidate: Boolean(value) });
    set('oidc.issuer', d.issuer);
    set('oidc.authorizationEndpoint', d.authorizationEndpoint);
    set('oidc.tokenEndpoint', d.tokenEndpoint);
    set('oidc.userinfoEndpoint', d.userinfoEndpoint);
    set('oidc.jwksUri', d.jwksUri);
    set('oidc.revocationEndpoint', d.revocationEndpoint);
    form.setValue('oidc.tokenEndpointAuthMethod', defaultTokenEndpointAuthMethod(d.tokenEndpointAuthMethodsSupported), { shouldDirty: true });
    form.clearErrors('oidc.issuer');
    setFound(d);
  };

  return (
    <Stack gap="xs">
      <TextField
        control={form.control}
        name="oidc.issuer"
        label="Issuer"
        description="Optional. When set, the ID token's iss must equal it exactly. Import reads <issuer>/.well-known/openid-configuration and fills the endpoints below."
        placeholder="https://idp.example.com"
        testId="field-issuer"
      />
      <Group gap="sm">
        <Button
          variant="light"
          leftSection={<IconCloudDownload size={16} aria-hidden />}
          loading={discover.loading}
          onClick={() => void run()}
          data-testid="discover"
        >
          Import from issuer
        </Button>
      </Group>
      {found && (
        <Alert
          color={found.warnings.length ? 'yellow' : 'teal'}
          variant="light"
          icon={found.warnings.length ? <IconAlertTriangle aria-hidden /> : <IconInfoCircle aria-hidden />}
          title={found.warnings.length ? 'Imported, with warnings' : 'Imported from the discovery document'}
          data-testid="discovery-result"
          withCloseButton
          closeButtonLabel="Dismiss discovery result"
          onClose={() => setFound(null)}
        >
          <Stack gap={4}>
            {found.warnings.length > 0 && (
              <List size="sm" spacing={2}>
                {found.warnings.map((warning) => (
                  <List.Item key={warning}>{warning}</List.Item>
                ))}
              </List>
            )}
            <Text size="xs" c="dimmed">
              Endpoints filled from {found.issuer}. PKCE: {found.codeChallengeMethodsSupported.join(', ') || 'not advertised'} · ID token algorithms:{' '}
              {found.idTokenSigningAlgValuesSupported.join(', ') || 'not advertised'} · Scopes: {found.scopesSupported.join(' ') || 'not advertised'} · Client authentication:{' '}
              {found.tokenEndpointAuthMethodsSupported.join(', ') || 'not advertised (client_secret_basic)'}
            </Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
