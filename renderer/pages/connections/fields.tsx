import type { ReactNode } from 'react';
import { NumberInput, PasswordInput, Select, Switch, TagsInput, TextInput } from '@mantine/core';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

/**
 * Mantine inputs bound to react-hook-form. Each has a visible label (its accessible name), shows the contract's message
 * for its field, and hands its ref to the form so "focus the first wrong field" works.
 */
interface FieldProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  description?: ReactNode;
  disabled?: boolean;
}

export function TextField<T extends FieldValues>({ control, name, label, description, disabled, placeholder, required, testId, mono }: FieldProps<T> & { placeholder?: string; required?: boolean; testId?: string; mono?: boolean }) {
  const { field, fieldState } = useController({ control, name });
  return (
    <TextInput
      ref={field.ref}
      name={field.name}
      label={label}
      description={description}
      placeholder={placeholder}
      withAsterisk={required}
      disabled={disabled}
      value={(field.value as string | undefined) ?? ''}
      onChange={(event) => field.onChange(event.currentTarget.value)}
      onBlur={field.onBlur}
      error={fieldState.error?.message}
      autoComplete="off"
      spellCheck={false}
      data-testid={testId}
      styles={mono ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined}
    />
  );
}

export function PasswordField<T extends FieldValues>({ control, name, label, description, disabled, placeholder }: FieldProps<T> & { placeholder?: string }) {
  const { field, fieldState } = useController({ control, name });
  return (
    <PasswordInput
      ref={field.ref}
      name={field.name}
      label={label}
      description={description}
      placeholder={placeholder}
      disabled={disabled}
      value={(field.value as string | undefined) ?? ''}
      onChange={(event) => field.onChange(event.currentTarget.value)}
      onBlur={field.onBlur}
      error={fieldState.error?.message}
      autoComplete="new-password"
    />
  );
}

export function SwitchField<T extends FieldValues>({ control, name, label, description, disabled, onToggle }: FieldProps<T> & { onToggle?: (checked: boolean) => void }) {
  const { field, fieldState } = useController({ control, name });
  return (
    <Switch
      ref={field.ref}
      name={field.name}
      label={label}
      description={description}
      disabled={disabled}
      checked={Boolean(field.value)}
      onChange={(event) => {
        field.onChange(event.currentTarget.checked);
        onToggle?.(event.currentTarget.checked);
      }}
      onBlur={field.onBlur}
      error={fieldState.error?.message}
    />
  );
}

/** `splitChars`: scopes split on space or comma; group names (which may contain spaces) on comma only. */
export function TagsField<T extends FieldValues>({ control, name, label, description, placeholder, data, disabled, splitChars = [','] }: FieldProps<T> & { placeholder?: string; data?: string[]; splitChars?: string[] }) {
  const { field, fieldState } = useController({ control, name });
  // An array field's error may sit on an item (`adminGroups.1`): show the first one under the input.
  const itemError = Array.isArray(fieldState.error) ? (fieldState.error as { message?: string }[]).find((item) => item?.message)?.message : undefined;
  return (
    <TagsInput
      ref={field.ref}
      name={field.name}
      label={label}
      description={description}
      placeholder={placeholder}
      data={data ?? []}
      disabled={disabled}
      value={(field.value as string[] | undefined) ?? []}
      onChange={(value) => field.onChange(value)}
      onBlur={field.onBlur}
      error={fieldState.error?.message ?? itemError}
      splitChars={splitChars}
      acceptValueOnBlur
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
    />
  );
}

export function NumberField<T extends FieldValues>({ control, name, label, description, min, max, suffix, disabled }: FieldProps<T> & { min?: number; max?: number; suffix?: string }) {
  const { field, fieldState } = useController({ control, name });
  return (
    <NumberInput
      ref={field.ref}
      name={field.name}
      label={label}
      description={description}
      value={(field.value as number | undefined) ?? ''}
      onChange={(value) => field.onChange(typeof value === 'number' ? value : value === '' ? undefined : Number(value))}
      onBlur={field.onBlur}
      error={fieldState.error?.message}
      min={min}
      max={max}
      disabled={disabled}
      suffix={suffix}
      allowDecimal={false}
      allowNegative={false}
    />
  );
}

export function SelectField<T extends FieldValues>({ control, name, label, description, data, disabled }: FieldProps<T> & { data: { value: string; label: string }[] }) {
  const { field, fieldState } = useController({ control, name });
  return (
    <Select
      ref={field.ref}
      name={field.name}
      label={label}
      description={description}
      data={data}
      disabled={disabled}
      value={(field.value as string | undefined) ?? null}
      onChange={(value) => value !== null && field.onChange(value)}
      onBlur={field.onBlur}
      error={fieldState.error?.message}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
