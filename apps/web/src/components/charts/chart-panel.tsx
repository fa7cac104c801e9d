import { Download, LoaderCircle, Table2 } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Panel } from '../ui/panel.tsx';
import { Loading, Skeleton } from '../ui/skeleton.tsx';
import { ChartTableView } from './chart-table-view.tsx';
import { chartTableCsv, type ChartTableModel } from './chart-table.ts';
import { downloadCsv } from './csv.ts';

/** The part of a TanStack Query result a chart panel needs. */
export interface ChartQueryState {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

export interface ChartPanelProps<Row, Target> {
  title: string;
  /** One line on what is counted, under the title. */
  description?: ReactNode;
  query: ChartQueryState;
  /** The figures behind the chart; undefined until the data is there. */
  table: ChartTableModel<Row, Target> | undefined;
  /** The export's file name, from `csvFileName()`. */
  csvFileName: string;
  /** Nothing to chart: the empty state replaces figures, chart and table. */
  isEmpty?: boolean;
  emptyTitle?: string;
  /** What to do about it; by default: widen the dates. */
  emptyHint?: ReactNode;
  /** The key figures above the chart. */
  figures?: ReactNode;
  /**
   * `toggle`: the chart, with its table behind a "Show table" button; `always`: chart and table;
   * `table`: a table and no chart.
   */
  tableMode?: 'toggle' | 'always' | 'table';
  renderTarget?: (target: Target, text: string) => ReactNode;
  /** The chart's height, for its loading placeholder. */
  chartHeight?: number;
  className?: string;
  /** The chart. */
  children?: ReactNode;
}

/**
 * One chart of the metrics page in a panel: title and what it counts, key figures, the chart, its
 * table and a CSV export of exactly that table; a placeholder while loading, an error with a retry,
 * and an empty state that says what to do.
 */
export function ChartPanel<Row, Target>({
  title,
  description,
  query,
  table,
  csvFileName,
  isEmpty = false,
  emptyTitle = 'No identifications in this range',
  emptyHint = 'Widen the dates, or clear the language and branch filters.',
  figures,
  tableMode = 'toggle',
  renderTarget,
  chartHeight = 240,
  className,
  children,
}: ChartPanelProps<Row, Target>) {
  const [tableShown, setTableShown] = useState(false);
  const tableId = useId();
  const ready = !query.isPending && !query.isError && table !== undefined;
  const showTable = tableMode !== 'toggle' || tableShown;

  const actions = (
    <>
      {query.isFetching && ready ? (
        <span className="inline-flex items-center gap-1 text-xs text-zinc-500" role="status">
          <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin motion-reduce:animate-none" />
          Updating…
        </span>
      ) : null}
      {tableMode === 'toggle' ? (
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={tableShown}
          // Points at the table only while it is rendered: a reference to nothing misleads screen readers.
          aria-controls={tableShown ? tableId : undefined}
          disabled={!ready || isEmpty}
          onClick={() => setTableShown((shown) => !shown)}
        >
          <Table2 aria-hidden="true" />
          {tableShown ? 'Hide table' : 'Show table'}
        </Button>
      ) : null}
      <Button
        size="sm"
        disabled={!ready || isEmpty}
        onClick={() => table && downloadCsv(csvFileName, chartTableCsv(table))}
        aria-label={`Download CSV: ${title}`}
      >
        <Download aria-hidden="true" />
        Download CSV
      </Button>
    </>
  );

  let body: ReactNode;
  if (query.isError) {
    body = (
      <ErrorState
        className="m-4"
        title={`Could not load ${title.toLowerCase()}`}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  } else if (!ready) {
    body = (
      <Loading label={`Loading ${title.toLowerCase()}…`} className="space-y-3 p-4">
        <div className="flex gap-8">
          <Skeleton className="h-9 w-24" />
          <Skeleton className="h-9 w-24" />
          <Skeleton className="h-9 w-24" />
        </div>
        {tableMode === 'table' ? null : (
          <div style={{ height: chartHeight }}>
            <Skeleton className="h-full w-full" />
          </div>
        )}
      </Loading>
    );
  } else if (isEmpty) {
    body = <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>;
  } else {
    body = (
      <>
        {figures ? <div className="border-b border-zinc-100 px-4 py-3">{figures}</div> : null}
        {tableMode === 'table' ? null : (
          <figure className="px-2 pt-3 pb-2">
            <figcaption className="sr-only">
              {title}: chart. {tableMode === 'toggle' ? 'Show the table for every figure.' : 'The table below has every figure.'}
            </figcaption>
            {children}
          </figure>
        )}
        <div id={tableId} hidden={!showTable} className={cn(tableMode !== 'table' && 'border-t border-zinc-200')}>
          {showTable ? <ChartTableView model={table} renderTarget={renderTarget} /> : null}
        </div>
      </>
    );
  }

  return (
    <Panel title={title} description={description} actions={actions} className={className}>
      <div aria-busy={query.isFetching || query.isPending}>{body}</div>
    </Panel>
  );
}
