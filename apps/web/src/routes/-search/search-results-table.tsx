import { useNavigate } from '@tanstack/react-router';
import { useTable, type SortingState } from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { isNumericColumn } from '../../components/data-table/column-meta.ts';
import { SEARCH_BOX_ID } from '../../components/layout/search-shortcut.ts';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell } from '../../components/ui/table.tsx';
import { cn } from '../../lib/cn.ts';
import { searchColumns, searchFeatures, type PersonSearchItem } from './search-columns.tsx';
import type { SearchSortField } from './search-params.ts';

export interface SearchResultsTableProps {
  items: PersonSearchItem[];
  sort: { field: SearchSortField; direction: 'asc' | 'desc' };
  onSortChange: (sort: { field: SearchSortField; direction: 'asc' | 'desc' } | null) => void;
  /** Older results are shown while newer ones load: dimmed, so nobody acts on a stale row. */
  stale: boolean;
}

const SORTABLE: readonly string[] = ['name', 'birthDate', 'createdAt'] satisfies SearchSortField[];

/**
 * The results as a table whose rows open the person: a click anywhere on the row, or the
 * keyboard: the rows are one Tab stop, ↑/↓ (and Home/End) move between them, Enter opens.
 * From the search box, ↓ jumps to the first row (see `focusFirstResult`).
 */
export function SearchResultsTable({ items, sort, onSortChange, stale }: SearchResultsTableProps) {
  const navigate = useNavigate();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const sorting: SortingState = sort.field === 'relevance' ? [] : [{ id: sort.field, desc: sort.direction === 'desc' }];

  const table = useTable({
    features: searchFeatures,
    columns: searchColumns,
    data: items,
    getRowId: (row) => row.id,
    state: { sorting },
    manualSorting: true,
    enableMultiSort: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      onSortChange(first && SORTABLE.includes(first.id) ? { field: first.id as SearchSortField, direction: first.desc ? 'desc' : 'asc' } : null);
    },
  });
  const rows = table.getRowModel().rows;
  const current = Math.min(activeIndex, Math.max(rows.length - 1, 0));

  const open = (personId: string) => void navigate({ to: '/persons/$personId', params: { personId } });

  const focusRow = (index: number) => {
    const target = bodyRef.current?.querySelectorAll<HTMLTableRowElement>('tr[data-result-row]')[index];
    if (!target) return;
    setActiveIndex(index);
    target.focus();
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, personId: string) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    if (event.key === 'Enter') {
      event.preventDefault();
      open(personId);
    } else if (event.key in moves) {
      event.preventDefault();
      const target = moves[event.key] ?? index;
      if (target < 0) document.getElementById(SEARCH_BOX_ID)?.focus();
      else focusRow(Math.min(target, rows.length - 1));
    }
  };

  return (
    <Table caption="Customers found" className={cn('transition-opacity', stale && 'opacity-60')}>
      <TableHead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const canSort = header.column.getCanSort();
              const sorted = header.column.getIsSorted();
              const SortIcon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
              return (
                <TableHeaderCell
                  key={header.id}
                  numeric={isNumericColumn(header.column.columnDef.meta)}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                >
                  {canSort ? (
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-zinc-900"
                    >
                      <table.FlexRender header={header} />
                      <SortIcon aria-hidden="true" className={cn('size-3.5', sorted ? 'text-zinc-700' : 'text-zinc-300')} />
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </TableHeaderCell>
              );
            })}
          </tr>
        ))}
      </TableHead>
      <TableBody ref={bodyRef}>
        {rows.map((row, index) => (
          <tr
            key={row.id}
            data-result-row
            tabIndex={index === current ? 0 : -1}
            aria-label={`Open ${row.original.name}`}
            onClick={(event) => {
              // The name link navigates by itself (and opens new tabs with modifier keys).
              if ((event.target as HTMLElement).closest('a')) return;
              open(row.original.id);
            }}
            onFocus={() => setActiveIndex(index)}
            onKeyDown={(event) => onRowKeyDown(event, index, row.original.id)}
            className="cursor-pointer transition-colors outline-none hover:bg-zinc-50 focus-visible:bg-accent-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-600"
          >
            {row.getAllCells().map((cell) => (
              <TableCell key={cell.id} numeric={isNumericColumn(cell.column.columnDef.meta)}>
                <table.FlexRender cell={cell} />
              </TableCell>
            ))}
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

/** Moves focus from the search box to the first result row, if there is one. */
export function focusFirstResult(): boolean {
  const first = document.querySelector<HTMLTableRowElement>('tr[data-result-row]');
  if (!first) return false;
  first.focus();
  return true;
}
