import { Code, Fieldset, Grid, Stack, Text } from '@mantine/core';
import type { UseFormReturn } from 'react-hook-form';
import { CertificatesTable } from './certificates-table';
import { SelectField, TextField } from './fields';
import type { SamlFormValues } from './form-model';
import { SamlMetadataPanel } from './saml-metadata-panel';

const bindingOptions = [
  { value: 'HTTP-Redirect', label: 'HTTP-Redirect' },
  { value: 'HTTP-POST', label: 'HTTP-POST' },
];

/** SP entity ID and the IdP side (ClearML: "Entity ID", "IDP metadata file"), filled from metadata or typed. */
export function SamlIdpSection({ form, defaultSpEntityId }: { form: UseFormReturn<SamlFormValues>; defaultSpEntityId: string }) {
  const { control } = form;
  return (
    <Fieldset legend="Identity provider">
      <Stack gap="sm">
        <TextField
          control={control}
          name="saml.spEntityId"
          label="SP entity ID"
          description={
            <>
              The entity ID the IdP app knows this service by. Empty: <Code>{defaultSpEntityId}</Code>.
            </>
          }
          placeholder="urn:clearml:sp"
          mono
        />
        <SamlMetadataPanel form={form} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextField control={control} name="saml.idp.entityId" label="IdP entity ID" required mono testId="field-idp-entity-id" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextField control={control} name="saml.idp.ssoUrl" label="IdP SSO URL" required mono testId="field-idp-sso-url" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <SelectField control={control} name="saml.idp.ssoBinding" label="SSO binding" description="How the AuthnRequest is sent." data={bindingOptions} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextField
              control={control}
              name="saml.nameIdFormat"
              label="NameID format"
              description="Optional; asked of the IdP in the AuthnRequest."
              placeholder="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
              mono
            />
          </Grid.Col>
        </Grid>
        <CertificatesTable control={control} />
        <Text size="xs" c="dimmed">
          Keep the old certificate next to the new one during a rollover: a signature by any listed certificate is accepted.
        </Text>
      </Stack>
    </Fieldset>
  );
}
