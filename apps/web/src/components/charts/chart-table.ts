import { toCsv } from './csv.ts';
import { formatCount, NO_VALUE } from './figures.ts';

/** What a cell holds: the figure itself (a count, a rounded percent, seconds) or text. */
export type CellValue = string | number | null;

/**
 * One column of the figures behind a chart. `value` is the figure exactly as shown (already
 * rounded); the table writes it through `format`, the CSV export writes it as it is. One
 * definition for both is what keeps the export equal to the screen.
 */
export interface ChartColumn<Row, Target = never> {
  key: string;
  /** The table's column header. */
  header: string;
  /** The CSV header when it needs the unit the table shows in its cells, e.g. "Share (%)". */
  csvHeader?: string;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  /** The cell that names the row (a `<th scope="row">`). */
  rowHeader?: boolean;
  value: (row: Row) => CellValue;
  /** How the table shows the value; numbers get thousands separators and null a dash by default. */
  format?: (value: CellValue) => string;
  /** The drill-down behind the figure, when there is one (a link in the table, a click on the bar). */
  target?: (row: Row) => Target | null;
}

export interface ChartTableModel<Row, Target = never> {
  /** Names the table for assistive technology. */
  caption: string;
  columns: readonly ChartColumn<Row, Target>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** A totals row under the rows, exported last. */
  footer?: Row;
}

export function defaultFormat(value: CellValue): string {
  if (value === null) return NO_VALUE;
  return typeof value === 'number' ? formatCount(value) : value;
}

export function cellText<Row, Target>(column: ChartColumn<Row, Target>, row: Row): string {
  return (column.format ?? defaultFormat)(column.value(row));
}

function allRows<Row, Target>(model: ChartTableModel<Row, Target>): readonly Row[] {
  return model.footer === undefined ? model.rows : [...model.rows, model.footer];
}

/** The CSV of exactly the table: same columns, same rows, same (rounded) figures. */
export function chartTableCsv<Row, Target>(model: ChartTableModel<Row, Target>): string {
  return toCsv(
    model.columns.map((column) => column.csvHeader ?? column.header),
    allRows(model).map((row) => model.columns.map((column) => column.value(row))),
  );
}

/** The table as shown, header first: what a person reads (and what tests compare the CSV with). */
export function chartTableText<Row, Target>(model: ChartTableModel<Row, Target>): string[][] {
  return [model.columns.map((column) => column.header), ...allRows(model).map((row) => model.columns.map((column) => cellText(column, row)))];
}
