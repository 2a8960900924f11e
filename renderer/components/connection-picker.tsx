import { forwardRef, useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ConnectionSummary } from '../../main/contract/index';
import { useOperation } from '../client';

export interface ConnectionPickerProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter' | 'label'> {
  /** A connection id (null: none picked). A value set from outside (a deep link) is looked up by id. */
  value: string | null;
  onChange: (id: string | null, connection: ConnectionSummary | null) => void;
  label: string;
  /** Show `label` above the field (forms); otherwise it is the field's accessible name only (toolbars). */
  showLabel?: boolean;
  /** How an option reads (default: the connection's name). */
  optionLabel?: (connection: ConnectionSummary) => string;
}

/**
 * Pick one connection by typing part of its name, id or provider: the engine answers with the first 20 matches, so
 * the picker stays quick with 10,000 connections. The picked connection itself is read by id, so a value from a deep
 * link shows its name too.
 */
export const ConnectionPicker = forwardRef<HTMLInputElement, ConnectionPickerProps>(function ConnectionPicker(
  { value, onChange, label, showLabel = false, optionLabel = (c) => c.name, placeholder = 'All connections', w = 240, ...select },
  ref,
) {
  const [search, setSearch] = useState('');
  const chosen = useOperation('connections.page', { ids: value ? [value] : [], limit: 1, offset: 0 }).data?.connections[0] ?? null;
  const picked = chosen && chosen.id === value ? chosen : null;
  // While a pick is shown, its label is the search text: list from the start instead of that one match.
  const [needle] = useDebouncedValue(picked && search === optionLabel(picked) ? '' : search.trim(), 150);
  const matches = useOperation('connections.page', { ...(needle ? { search: needle } : {}), limit: 20, offset: 0 }).data?.connections ?? [];
  const byId = new Map(matches.map((c) => [c.id, c]));
  if (picked) byId.set(picked.id, picked);
  const options = [...byId.values()].map((c) => ({ value: c.id, label: optionLabel(c) }));
  return (
    <Select
      ref={ref}
      {...(showLabel ? { label } : { 'aria-label': label })}
      placeholder={placeholder}
      data={options}
      value={value}
      onChange={(id) => onChange(id, id ? (byId.get(id) ?? null) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The engine has filtered already (name, id or provider): show what it answered.
      filter={({ options: all }) => all}
      nothingFoundMessage={needle ? 'No connection matches' : 'No connections yet'}
      clearable
      w={w}
      {...select}
    />
  );
});
