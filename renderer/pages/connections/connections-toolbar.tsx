import { CloseButton, Group, SegmentedControl, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ConnectionProtocol } from '../../../main/contract/index';

export interface ConnectionFilters {
  search: string;
  protocol: ConnectionProtocol | 'all';
  active: 'all' | 'active' | 'inactive';
}

export const noFilters: ConnectionFilters = { search: '', protocol: 'all', active: 'all' };
export const isFiltered = (filters: ConnectionFilters) => filters.search.trim() !== '' || filters.protocol !== 'all' || filters.active !== 'all';

/** `connections.list` input for the filters (the engine matches name, id or provider ignoring case). */
export function listInput(filters: ConnectionFilters) {
  return {
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
    ...(filters.protocol !== 'all' ? { protocol: filters.protocol } : {}),
    ...(filters.active !== 'all' ? { active: filters.active === 'active' } : {}),
  };
}

/** Search by name, ID or provider; filter by protocol and by active. */
export function ConnectionsToolbar({ filters, onChange }: { filters: ConnectionFilters; onChange: (filters: ConnectionFilters) => void }) {
  return (
    <Group gap="sm" wrap="wrap" p="sm">
      <TextInput
        aria-label="Search connections"
        placeholder="Search name, ID or provider"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={filters.search ? <CloseButton aria-label="Clear search" size="sm" onClick={() => onChange({ ...filters, search: '' })} /> : null}
        value={filters.search}
        onChange={(event) => onChange({ ...filters, search: event.currentTarget.value })}
        w={{ base: '100%', sm: 300 }}
      />
      <SegmentedControl
        aria-label="Protocol filter"
        size="sm"
        data={[
          { value: 'all', label: 'All protocols' },
          { value: 'oidc', label: 'OIDC' },
          { value: 'saml', label: 'SAML' },
        ]}
        value={filters.protocol}
        onChange={(value) => onChange({ ...filters, protocol: value as ConnectionFilters['protocol'] })}
      />
      <SegmentedControl
        aria-label="Active filter"
        size="sm"
        data={[
          { value: 'all', label: 'Any state' },
          { value: 'active', label: 'Active' },
          { value: 'inactive', label: 'Inactive' },
        ]}
        value={filters.active}
        onChange={(value) => onChange({ ...filters, active: value as ConnectionFilters['active'] })}
      />
    </Group>
  );
}
