import type { MutableRefObject } from 'react';
import { Fieldset, SimpleGrid, Stack } from '@mantine/core';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { ClientSecretField, type SecretAction } from './client-secret-field';
import { SwitchField, TextField } from './fields';
import type { OidcFormValues } from './form-model';
import { OidcDiscoveryPanel } from './oidc-discovery-panel';

/** ClearML's OIDC fields from Client ID to "Verify token signature", in its order, plus "Import from issuer". */
export function OidcEndpointsSection({
  form,
  secretStored,
  secretAction,
  onSecretAction,
  importRef,
}: {
  form: UseFormReturn<OidcFormValues>;
  importRef?: MutableRefObject<(() => Promise<boolean>) | null> | undefined;
  secretStored: boolean | undefined;
  secretAction: SecretAction;
  onSecretAction: (action: SecretAction) => void;
}) {
  const { control } = form;
  const [fromIdToken, verify] = useWatch({ control, name: ['oidc.userInfoFromIdToken', 'oidc.verifyTokenSignature'] });
  // A switch changes what its partner field needs: re-check that field at once, but only if it was already checked.
  const recheck = (name: 'oidc.userinfoEndpoint' | 'oidc.jwksUri') => {
    if (form.getFieldState(name).isTouched || form.formState.isSubmitted) void form.trigger(name);
  };

  return (
    <Fieldset legend="Identity provider app">
      <Stack gap="sm">
        <OidcDiscoveryPanel form={form} importRef={importRef} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextField control={control} name="oidc.clientId" label="Client ID" description="From the app registered at the IdP." required testId="field-client-id" />
          <ClientSecretField control={control} stored={secretStored} action={secretAction} onAction={onSecretAction} />
        </SimpleGrid>
        <TextField control={control} name="oidc.authorizationEndpoint" label="Authorization endpoint" placeholder="https://idp.example.com/oauth2/v1/authorize" required mono />
        <TextField control={control} name="oidc.tokenEndpoint" label="Access token endpoint" placeholder="https://idp.example.com/oauth2/v1/token" required mono />
        <TextField control={control} name="oidc.revocationEndpoint" label="Revocation endpoint" description="Optional; used to revoke tokens." mono />
        <SwitchField
          control={control}
          name="oidc.userInfoFromIdToken"
          label="Obtain user information from the identity token"
          description="Off: the claims are read from the user info endpoint instead."
          onToggle={() => recheck('oidc.userinfoEndpoint')}
        />
        <TextField
          control={control}
          name="oidc.userinfoEndpoint"
          label="User info endpoint"
          description={fromIdToken === false ? 'Required while user information is not taken from the identity token.' : 'Optional while user information comes from the identity token.'}
          required={fromIdToken === false}
          mono
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SwitchField control={control} name="oidc.emailVerification" label="Email verification" description="Only users whose email_verified claim is true may log in." />
          <SwitchField
            control={control}
            name="oidc.createUsersOnFirstLogin"
            label="Create new users on first login"
            description="Off: only existing or invited users may log in."
          />
        </SimpleGrid>
        <SwitchField
          control={control}
          name="oidc.verifyTokenSignature"
          label="Verify token signature"
          description="Checks ID token signatures against the IdP's keys (needs the JWKS URI)."
          onToggle={() => recheck('oidc.jwksUri')}
        />
        <TextField
          control={control}
          name="oidc.jwksUri"
          label="JWKS URI"
          description={verify === false ? 'Optional while signatures are not verified (not recommended).' : 'Required to verify token signatures.'}
          required={verify !== false}
          mono
        />
      </Stack>
    </Fieldset>
  );
}
