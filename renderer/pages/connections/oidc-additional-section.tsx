import { Fieldset, SimpleGrid, Stack } from '@mantine/core';
import type { Control } from 'react-hook-form';
import { knownSigningAlgs } from '../../../main/contract/index';
import { AuthParamsField } from './auth-params-field';
import { NumberField, SelectField, TagsField } from './fields';
import type { OidcFormValues } from './form-model';

const pkceOptions = [
  { value: 'none', label: 'None' },
  { value: 'plain', label: 'Plain' },
  { value: 'S256', label: 'S256' },
];
const authMethodOptions = [
  { value: 'client_secret_basic', label: 'client_secret_basic (HTTP Basic)' },
  { value: 'client_secret_post', label: 'client_secret_post (form body)' },
  { value: 'none', label: 'none (public client, PKCE only)' },
  { value: 'client_secret_basic_unencoded', label: 'HTTP Basic without form-encoding (compatibility)' },
];

/** ClearML's "Additional settings", plus what otherwise fails silently: client auth method, algorithms, clock. */
export function OidcAdditionalSection({ control }: { control: Control<OidcFormValues> }) {
  return (
    <Fieldset legend="Additional settings">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SelectField
            control={control}
            name="oidc.codeChallengeMethod"
            label="Code challenge method"
            description="PKCE; must match the IdP app. S256 unless the IdP cannot."
            data={pkceOptions}
          />
          <SelectField
            control={control}
            name="oidc.tokenEndpointAuthMethod"
            label="Client authentication"
            description="How the client secret is sent to the token endpoint."
            data={authMethodOptions}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TagsField
            control={control}
            name="oidc.standardScopes"
            label="Standard scopes"
            description="Must include openid. Enter, comma or space adds a scope."
            data={['openid', 'profile', 'email']}
            splitChars={[',', ' ']}
          />
          <TagsField
            control={control}
            name="oidc.additionalScopes"
            label="Additional scopes"
            description="Extra scopes your IdP needs, e.g. groups or offline_access."
            placeholder="groups"
            splitChars={[',', ' ']}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TagsField
            control={control}
            name="oidc.allowedSigningAlgs"
            label="Allowed ID token algorithms"
            description="Tokens signed otherwise are refused; none is never accepted."
            data={knownSigningAlgs}
            splitChars={[',', ' ']}
          />
          <NumberField
            control={control}
            name="oidc.clockToleranceSeconds"
            label="Clock tolerance"
            description="Leeway for exp/iat/nbf between the IdP's clock and this one."
            min={0}
            max={600}
            suffix=" s"
          />
        </SimpleGrid>
        <AuthParamsField control={control} />
      </Stack>
    </Fieldset>
  );
}
