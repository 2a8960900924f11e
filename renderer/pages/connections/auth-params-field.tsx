import { useState } from 'react';
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useController, type Control } from 'react-hook-form';
import type { OidcFormValues } from './form-model';

interface Row {
  key: string;
  value: string;
}

const toRows = (params: Record<string, string> | undefined): Row[] => Object.entries(params ?? {}).map(([key, value]) => ({ key, value }));

/**
 * ClearML 3.24's extra authorization-request parameters (prompt, acr_values, domain_hint, login_hint or the IdP's
 * own), as name/value rows. The form holds the contract's record; rows with an empty name are not sent. The contract
 * refuses reserved names (state, nonce, redirect_uri…) and bad prompt values; its message shows under the row.
 */
export function AuthParamsField({ control }: { control: Control<OidcFormValues> }) {
  const { field, fieldState } = useController({ control, name: 'oidc.authParams' });
  const [rows, setRows] = useState<Row[]>(() => toRows(field.value as Record<string, string> | undefined));
  const errors = (fieldState.error ?? {}) as Record<string, { message?: string } | undefined> & { message?: string };

  const commit = (next: Row[]) => {
    setRows(next);
    field.onChange(Object.fromEntries(next.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value])));
  };
  const edit = (index: number, change: Partial<Row>) => commit(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Extra authorization parameters
      </Text>
      <Text size="xs" c="dimmed">
        Sent with every login, as the platform sends them (ClearML 3.24): e.g. prompt=select_account, domain_hint=corp.example (Entra), acr_values,
        login_hint.
      </Text>
      {rows.map((row, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={`Parameter ${index + 1} name`}
            placeholder="domain_hint"
            value={row.key}
            onChange={(event) => edit(index, { key: event.currentTarget.value })}
            onBlur={field.onBlur}
            error={errors[row.key.trim()]?.message}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: 1 }}
            data-testid={`auth-param-key-${index}`}
          />
          <TextInput
            aria-label={`Parameter ${index + 1} value`}
            placeholder="corp.example"
            value={row.value}
            onChange={(event) => edit(index, { value: event.currentTarget.value })}
            onBlur={field.onBlur}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: 2 }}
            data-testid={`auth-param-value-${index}`}
          />
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Remove parameter ${row.key || index + 1}`} onClick={() => commit(rows.filter((_, i) => i !== index))}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {errors.message && (
        <Text size="xs" c="red">
          {errors.message}
        </Text>
      )}
      <Button variant="subtle" size="xs" w="fit-content" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setRows([...rows, { key: '', value: '' }])} data-testid="add-auth-param">
        Add parameter
      </Button>
    </Stack>
  );
}
