import { ActionIcon, Button, Group, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Controller, useFieldArray, type Control, type FieldValues, type FieldArrayPath, type FieldPath } from 'react-hook-form';

/**
 * ClearML 3.24's "one IdP group → several platform groups": each row maps an IdP group to the platform groups its
 * members join (instead of the group of the same name). Validation (no empty names, no IdP group twice) is the
 * contract's.
 */
export function GroupMappingsField<T extends FieldValues>({ control, base, disabled }: { control: Control<T>; base: 'oidc.groupSync' | 'saml.groupSync'; disabled: boolean }) {
  const name = `${base}.mappings` as FieldArrayPath<T>;
  const { fields, append, remove } = useFieldArray({ control, name });
  const path = (suffix: string) => `${base}.mappings.${suffix}` as FieldPath<T>;

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Group mappings
      </Text>
      <Text size="xs" c="dimmed">
        One IdP group to several platform groups (ClearML 3.24). Unmapped IdP groups are matched by name.
      </Text>
      {fields.map((item, index) => (
        <Group key={item.id} gap="xs" align="flex-start" wrap="nowrap">
          <Controller
            control={control}
            name={path(`${index}.idpGroup`)}
            render={({ field, fieldState }) => (
              <TextInput
                ref={field.ref}
                aria-label={`IdP group of mapping ${index + 1}`}
                placeholder="ml-team"
                value={(field.value as string | undefined) ?? ''}
                onChange={(event) => field.onChange(event.currentTarget.value)}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                disabled={disabled}
                autoComplete="off"
                style={{ flex: 1 }}
              />
            )}
          />
          <Controller
            control={control}
            name={path(`${index}.platformGroups`)}
            render={({ field, fieldState }) => (
              <TagsInput
                ref={field.ref}
                aria-label={`Platform groups of mapping ${index + 1}`}
                placeholder="Admins, Queue admins"
                value={(field.value as string[] | undefined) ?? []}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                disabled={disabled}
                splitChars={[',']}
                style={{ flex: 2 }}
              />
            )}
          />
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Remove mapping ${index + 1}`} onClick={() => remove(index)} disabled={disabled}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => append({ idpGroup: '', platformGroups: [] } as never)}
        disabled={disabled}
        data-testid="add-group-mapping"
      >
        Add mapping
      </Button>
    </Stack>
  );
}
