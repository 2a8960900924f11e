import { Code, Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import { useWatch, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { SwitchField, TagsField, TextField } from './fields';
import { GroupMappingsField } from './group-mappings-field';

const mappedFields = [
  { key: 'userId', label: 'User ID', required: true },
  { key: 'email', label: 'Email' },
  { key: 'name', label: 'Name' },
  { key: 'givenName', label: 'Given name', hint: 'optional if Name is mapped' },
  { key: 'familyName', label: 'Family name', hint: 'optional if Name is mapped' },
  { key: 'picture', label: 'Picture' },
] as const;

export type MappingKind = 'oidc' | 'saml';

/**
 * ClearML's "Claims mappings" and "User Groups Synchronization". OIDC maps to claim paths (dots nest; a claim name
 * with dots or colons is quoted whole); SAML maps to Attribute Names used whole, `$nameid` meaning the Subject NameID.
 */
export function MappingsSection<T extends FieldValues>({ control, kind }: { control: Control<T>; kind: MappingKind }) {
  const oidc = kind === 'oidc';
  const base = oidc ? 'oidc.claimMappings' : 'saml.attributeMappings';
  const groups = oidc ? 'oidc.groupSync' : 'saml.groupSync';
  const path = (name: string) => name as FieldPath<T>;
  const syncOn = useWatch({ control, name: path(`${groups}.enabled`) }) === true;

  return (
    <Stack gap="md">
      <Fieldset legend={oidc ? 'Claim mappings' : 'Attribute mappings'}>
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {oidc ? (
              <>
                Claim paths: dots nest (<Code>realm_access.roles</Code>); quote a claim name that contains dots or colons (<Code>"cognito:groups"</Code>,{' '}
                <Code>"https://example.com/claims/email"</Code>). Leave empty to not map a field.
              </>
            ) : (
              <>
                SAML Attribute Names, used whole (often URIs). <Code>$nameid</Code> means the Subject's NameID. Leave empty to not map a field.
              </>
            )}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            {mappedFields.map((field) => (
              <TextField
                key={field.key}
                control={control}
                name={path(`${base}.${field.key}`)}
                label={field.label}
                description={'hint' in field ? field.hint : undefined}
                required={'required' in field}
                placeholder={field.key === 'userId' ? (oidc ? 'sub' : '$nameid') : undefined}
                mono
              />
            ))}
          </SimpleGrid>
        </Stack>
      </Fieldset>
      <Fieldset legend="User groups synchronization">
        <Stack gap="sm">
          <SwitchField
            control={control}
            name={path(`${groups}.enabled`)}
            label="Synchronize user groups"
            description="Each IdP group is matched to a platform group (or role) by name; groups are not created."
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextField
              control={control}
              name={path(oidc ? `${groups}.claim` : `${groups}.attribute`)}
              label={oidc ? 'Groups claim' : 'Groups attribute'}
              description={oidc ? 'A claim path, e.g. groups, realm_access.roles or "cognito:groups".' : 'The Attribute Name carrying the groups, e.g. groups or memberOf.'}
              disabled={!syncOn}
              mono
            />
            <TagsField
              control={control}
              name={path(`${groups}.adminGroups`)}
              label="Admin groups"
              description="IdP groups whose members become platform admins."
              disabled={!syncOn}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <SwitchField
              control={control}
              name={path(`${groups}.caseSensitive`)}
              label="Case-sensitive group names"
              description="Off: Admins matches admins."
              disabled={!syncOn}
            />
            {!oidc && (
              <SwitchField
                control={control}
                name={path(`${groups}.groupNameFromDnCn`)}
                label="Group name = first CN of a DN"
                description="CN=Admins,OU=Groups,DC=corp becomes Admins (as Microsoft AD sends)."
                disabled={!syncOn}
              />
            )}
          </SimpleGrid>
          <GroupMappingsField control={control} base={groups} disabled={!syncOn} />
        </Stack>
      </Fieldset>
    </Stack>
  );
}
