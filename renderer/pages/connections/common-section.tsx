import type { ReactNode } from 'react';
import { Fieldset, Grid, SimpleGrid, Stack } from '@mantine/core';
import type { Control, FieldPath, FieldValues } from 'react-hook-form';
import { SelectField, SwitchField, TextField } from './fields';

const platformOptions = [
  { value: 'clearml', label: 'ClearML' },
  { value: 'arthur', label: 'Arthur' },
];

/** The fields every connection has: where the platform lives (it decides the callback URL), its name, on/off. */
export function CommonSection<T extends FieldValues>({ control, protocol, urls }: { control: Control<T>; protocol: 'oidc' | 'saml'; urls: ReactNode }) {
  const path = (name: string) => name as FieldPath<T>;
  return (
    <Fieldset legend="Platform and name">
      <Stack gap="sm">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <SelectField
              control={control}
              name={path('platform')}
              label="Platform"
              description="Decides the production callback URL."
              data={platformOptions}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextField
              control={control}
              name={path('webappUrl')}
              label="Web app URL"
              description="The platform's external address, e.g. https://app.clearml.example.com."
              placeholder="https://app.clearml.example.com"
              testId="field-webapp-url"
            />
          </Grid.Col>
        </Grid>
        {urls}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextField
            control={control}
            name={path('displayName')}
            label="Display name"
            description="Shown on the login page; unique across connections."
            placeholder={protocol === 'oidc' ? 'Company SSO' : 'Company SAML'}
            required
          />
          <Stack justify="flex-end" pb={6}>
            <SwitchField control={control} name={path('active')} label="Active" description="Offer this connection on the login page." />
          </Stack>
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
