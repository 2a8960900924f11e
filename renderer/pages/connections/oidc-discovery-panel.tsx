import { useState, type MutableRefObject } from 'react';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudDownload, IconInfoCircle } from '@tabler/icons-react';
import type { UseFormReturn } from 'react-hook-form';
import { endpointUrlProblem, type ConnectionDraft } from '../../../main/contract/index';
import { useMutation } from '../../client';
import { TextField } from './fields';
import type { OidcFormValues } from './form-model';

/**
 * "Import from issuer": reads `<issuer>/.well-known/openid-configuration` through the engine and fills the issuer and
 * every endpoint; what looked wrong (an issuer that differs from the one typed, a trailing slash included) is shown.
 */
export function OidcDiscoveryPanel({ form, importRef }: { form: UseFormReturn<OidcFormValues>; importRef?: MutableRefObject<(() => Promise<boolean>) | null> | undefined }) {
  const discover = useMutation('connections.draftFromIdp');
  const [found, setFound] = useState<Extract<ConnectionDraft, { protocol: 'oidc' }> | null>(null);

  const run = async (): Promise<boolean> => {
    const issuer = (form.getValues('oidc.issuer') ?? '').trim();
    const problem = issuer ? endpointUrlProblem(issuer) : 'Enter the issuer URL first, e.g. https://idp.example.com/realms/main.';
    if (problem) {
      form.setError('oidc.issuer', { type: 'manual', message: problem }, { shouldFocus: true });
      return false;
    }
    const previous = found;
    setFound(null);
    const result = await discover.mutate({ protocol: 'oidc', issuer });
    if (!result.ok) {
      // What an earlier import filled belongs to another issuer now: cleared, and said so, rather than left stale.
      if (previous) {
        for (const name of ['oidc.authorizationEndpoint', 'oidc.tokenEndpoint', 'oidc.userinfoEndpoint', 'oidc.jwksUri', 'oidc.revocationEndpoint'] as const) form.setValue(name, '', { shouldDirty: true });
      }
      const stale = previous ? ' The endpoints filled by the previous import were cleared.' : '';
      form.setError('oidc.issuer', { type: 'server', message: `${result.error.message}${result.error.hint ? ` ${result.error.hint}` : ''}${stale}` }, { shouldFocus: true });
      return false;
    }
    const draft = result.value;
    if (draft.protocol !== 'oidc') return false;
    const d = draft.oidc;
    const set = (name: Parameters<typeof form.setValue>[0], value: string | undefined) =>
      form.setValue(name, value ?? '', { shouldDirty: true, shouldValidate: Boolean(value) });
    set('oidc.issuer', d.issuer);
    set('oidc.authorizationEndpoint', d.authorizationEndpoint);
    set('oidc.tokenEndpoint', d.tokenEndpoint);
    set('oidc.userinfoEndpoint', d.userinfoEndpoint);
    set('oidc.jwksUri', d.jwksUri);
    set('oidc.revocationEndpoint', d.revocationEndpoint);
    // What the IdP cannot do otherwise (no RS256, no S256 PKCE) comes with the draft, as from the CLI.
    if (d.allowedSigningAlgs) form.setValue('oidc.allowedSigningAlgs', d.allowedSigningAlgs, { shouldDirty: true });
    if (d.codeChallengeMethod) form.setValue('oidc.codeChallengeMethod', d.codeChallengeMethod, { shouldDirty: true });
    if (d.tokenEndpointAuthMethod) form.setValue('oidc.tokenEndpointAuthMethod', d.tokenEndpointAuthMethod, { shouldDirty: true });
    form.clearErrors('oidc.issuer');
    setFound(draft);
    return true;
  };
  // The wizard's Next imports an issuer that was typed but not imported yet (see OidcEditor).
  if (importRef) importRef.current = run;

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
              Endpoints filled from {found.discovery.issuer}. PKCE: {found.discovery.codeChallengeMethodsSupported.join(', ') || 'not advertised'} · ID token
              algorithms: {found.discovery.idTokenSigningAlgValuesSupported.join(', ') || 'not advertised'} · Scopes:{' '}
              {found.discovery.scopesSupported.join(' ') || 'not advertised'} · Client authentication:{' '}
              {found.discovery.tokenEndpointAuthMethodsSupported.join(', ') || 'not advertised (client_secret_basic)'}
            </Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
