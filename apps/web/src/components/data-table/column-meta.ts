import type { CellData, RowData, TableFeatures } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  // Type parameters must match the library's declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<in out TFeatures extends TableFeatures, in out TData extends RowData, TValue extends CellData = CellData> {
    /** Figures: right-aligned in tabular numerals, header included. */
    numeric?: boolean;
  }
}

/** Reads `meta.numeric` where the feature set is generic and TypeScript cannot resolve the meta type. */
export function isNumericColumn(meta: unknown): boolean {
  return typeof meta === 'object' && meta !== null && 'numeric' in meta && meta.numeric === true;
}
