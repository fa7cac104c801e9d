import type { ReactTable, RowData, TableFeatures } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table.tsx';
import { isNumericColumn } from './column-meta.ts';

export interface DataTableProps<TFeatures extends TableFeatures, TData extends RowData> {
  table: ReactTable<TFeatures, TData>;
  /** Names the table for assistive technology (not shown). */
  caption: string;
  /** Shown in place of rows when there are none: say why and what to do. */
  empty?: ReactNode;
}

/**
 * Renders a TanStack Table (v9 `useTable`) with the house table styles. Each table keeps its
 * column definitions in its own file; state such as sorting and paging lives in the URL.
 */
export function DataTable<TFeatures extends TableFeatures, TData extends RowData>({
  table,
  caption,
  empty,
}: DataTableProps<TFeatures, TData>) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;
  return (
    <Table caption={caption}>
      <TableHead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <TableHeaderCell
                key={header.id}
                colSpan={header.colSpan}
                numeric={isNumericColumn(header.column.columnDef.meta)}
              >
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </TableHeaderCell>
            ))}
          </tr>
        ))}
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columnCount}>{empty ?? <p className="px-4 py-6 text-center text-zinc-500">No rows.</p>}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <TableRow key={row.id}>
              {row.getAllCells().map((cell) => (
                <TableCell key={cell.id} numeric={isNumericColumn(cell.column.columnDef.meta)}>
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}
