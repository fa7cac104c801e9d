import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { Table, TableBody, TableFoot, TableHead, TableRow } from '../ui/table.tsx';
import { cellText, type ChartColumn, type ChartTableModel } from './chart-table.ts';

export interface ChartTableViewProps<Row, Target> {
  model: ChartTableModel<Row, Target>;
  /** Renders a figure that has a drill-down as a link to it. */
  renderTarget?: (target: Target, text: string) => ReactNode;
  className?: string;
}

// Denser than the house table (px-3): a chart's table has many figure columns and often sits in
// half a page's width.
const cellBase = 'px-3 py-1.5 align-top';
const numericCell = 'text-right tabular whitespace-nowrap';

/** The figures behind a chart as a table: what a screen reader reads, and the keyboard's way into each bar. */
export function ChartTableView<Row, Target>({ model, renderTarget, className }: ChartTableViewProps<Row, Target>) {
  const cell = (column: ChartColumn<Row, Target>, row: Row, key: string) => {
    const text = cellText(column, row);
    const target = renderTarget && column.target ? column.target(row) : null;
    const content = target !== null && renderTarget ? renderTarget(target, text) : text;
    if (column.rowHeader) {
      return (
        <th key={key} scope="row" className={cn(cellBase, 'text-left font-medium whitespace-nowrap text-zinc-800', column.numeric && numericCell)}>
          {content}
        </th>
      );
    }
    return (
      <td key={key} className={cn(cellBase, 'text-zinc-800', column.numeric && numericCell)}>
        {content}
      </td>
    );
  };
  const footer = model.footer;
  return (
    <div className={className}>
      <Table caption={model.caption}>
        <TableHead>
          <tr>
            {model.columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cn('px-3 py-2 align-bottom text-xs leading-tight font-medium text-zinc-500', column.numeric ? 'text-right' : 'text-left')}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </TableHead>
        <TableBody>
          {model.rows.map((row) => {
            const key = model.rowKey(row);
            return <TableRow key={key}>{model.columns.map((column) => cell(column, row, `${key}-${column.key}`))}</TableRow>;
          })}
        </TableBody>
        {footer !== undefined ? (
          <TableFoot>
            <tr>{model.columns.map((column) => cell(column, footer, `footer-${column.key}`))}</tr>
          </TableFoot>
        ) : null}
      </Table>
    </div>
  );
}
