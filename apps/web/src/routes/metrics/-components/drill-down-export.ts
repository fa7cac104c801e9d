import { toCsv } from '../../../components/charts/csv.ts';
import type { DrillDownItem } from './drill-down-columns.tsx';

/** The server's largest page: the export walks the list in as few requests as it can. */
export const EXPORT_PAGE_SIZE = 100;
/** 10,000 rows: a spreadsheet's worth; longer lists are narrowed first (a shorter range, a filter). */
export const EXPORT_MAX_PAGES = 100;

/** The drill-down list as CSV: one row per item, instants as ISO strings (UTC), ids in full. */
export function drillDownCsv(atHeader: string, items: readonly DrillDownItem[]): string {
  return toCsv(
    [atHeader, 'Identification id', 'Status now', 'Latest failure code', 'Language', 'Identification created'],
    items.map((item) => [item.at, item.identificationId, item.status, item.latestFailureCode, item.language, item.createdAt]),
  );
}
