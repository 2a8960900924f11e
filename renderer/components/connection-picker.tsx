import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useOperation } from '../client';

/**
 * Pick one connection by typing part of its name, id or provider: the engine answers with the first 20 matches, so
 * the picker stays quick with 10,000 connections. `value` is a connection id (null: none picked).
 */
export function ConnectionPicker({ value, onChange, label, placeholder = 'All connections', w = 240 }: { value: string | null; onChange: (id: string | null) => void; label: string; placeholder?: string; w?: number }) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  // While a pick is shown, its name is the search text: list from the start instead of that one match.
  const [needle] = useDebouncedValue(picked && search === picked.label ? '' : search.trim(), 150);
  const { data } = useOperation('connections.page', { ...(needle ? { search: needle } : {}), limit: 20, offset: 0 });
  const options = (data?.connections ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (picked && value === picked.value && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <Select
      aria-label={label}
      placeholder={placeholder}
      data={options}
      value={value}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The engine has filtered already (name, id or provider): show what it answered.
      filter={({ options: all }) => all}
      nothingFoundMessage={needle ? 'No connection matches' : 'No connections yet'}
      clearable
      w={w}
    />
  );
}
