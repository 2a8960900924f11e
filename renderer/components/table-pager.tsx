import { useEffect, useState } from 'react';
import { Group, Pagination, Text } from '@mantine/core';

/** Rows per page of the long tables (Connections, History): a page renders fast at 10,000 connections (issue 14). */
export const tablePageSize = 50;

/**
 * The pager under a long table: "51–100 of 10,000" and the page buttons. Nothing when everything fits on one page.
 * `shown` is how many rows the current page holds.
 */
export function TablePager({ total, page, shown, onChange, pageSize = tablePageSize }: { total: number; page: number; shown: number; onChange: (page: number) => void; pageSize?: number }) {
  if (total <= pageSize) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize;
  return (
    <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed" role="status" data-testid="table-range">
        {from + 1}–{from + shown} of {total.toLocaleString('en')}
      </Text>
      <Pagination total={pages} value={page} onChange={onChange} size="sm" siblings={1} getControlProps={(control) => ({ 'aria-label': `${control} page` })} getItemProps={(n) => ({ 'aria-label': `Page ${n}` })} />
    </Group>
  );
}

/**
 * The page a server-paged table shows (1-based) and the `offset` to ask for. Back to page 1 whenever `resetKey`
 * (the filters, as text) changes; pulled back when the total shrinks below the page (a delete, another window).
 */
export function useServerPage(resetKey: string, total: number | undefined, pageSize = tablePageSize) {
  const [state, setState] = useState({ key: resetKey, page: 1 });
  const wanted = state.key === resetKey ? state.page : 1;
  const page = total === undefined ? wanted : Math.min(wanted, Math.max(1, Math.ceil(total / pageSize)));
  const setPage = (next: number) => setState({ key: resetKey, page: next });
  return { page, setPage, offset: (page - 1) * pageSize, limit: pageSize };
}

/**
 * One page of `rows` (all in memory) and its pager. The page is kept while rows change (an Active toggle, a refresh)
 * and pulled back when a filter leaves fewer pages.
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
  return { page, pager: <TablePager total={rows.length} page={shown} shown={page.length} onChange={setCurrent} pageSize={pageSize} /> };
}
