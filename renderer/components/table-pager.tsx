import { useEffect, useState } from 'react';
import { Group, Pagination, Text } from '@mantine/core';

/** Rows per page of the long tables (Connections, History): a page renders fast at 10,000 connections (issue 14). */
export const tablePageSize = 50;

/**
 * One page of `rows` and its pager. The page is kept while rows change (an Active toggle, a refresh) and pulled back
 * when a filter leaves fewer pages.
 */
export function usePagedRows<T>(rows: readonly T[], pageSize = tablePageSize): { page: readonly T[]; pager: React.ReactNode } {
  const [current, setCurrent] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  useEffect(() => {
    if (current > pages) setCurrent(pages);
  }, [current, pages]);
  const shown = Math.min(current, pages);
  const from = (shown - 1) * pageSize;
  const page = rows.slice(from, from + pageSize);
  const pager =
    rows.length > pageSize ? (
      <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" role="status" data-testid="table-range">
          {from + 1}–{from + page.length} of {rows.length.toLocaleString('en')}
        </Text>
        <Pagination total={pages} value={shown} onChange={setCurrent} size="sm" siblings={1} getControlProps={(control) => ({ 'aria-label': `${control} page` })} getItemProps={(n) => ({ 'aria-label': `Page ${n}` })} />
      </Group>
    ) : null;
  return { page, pager };
}
