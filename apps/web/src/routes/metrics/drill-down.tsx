import { pageCount } from '@identdesk/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createFileRoute, Link, useCanGoBack, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useTable } from '@tanstack/react-table';
import { ArrowLeft, ChevronLeft, ChevronRight, Download, ListX } from 'lucide-react';
import { useMemo, useState } from 'react';
import { SectionGate } from '../../components/auth/section-not-allowed.tsx';
import { csvFileName, downloadCsv } from '../../components/charts/csv.ts';
import { DataTable } from '../../components/data-table/data-table.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { RouteError } from '../../components/layout/route-error.tsx';
import { Button, buttonClasses } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { ErrorState } from '../../components/ui/error-state.tsx';
import { Panel } from '../../components/ui/panel.tsx';
import { Loading, SkeletonRows } from '../../components/ui/skeleton.tsx';
import { mayLoad } from '../../lib/auth.ts';
import { cn } from '../../lib/cn.ts';
import { describeError } from '../../lib/errors.ts';
import { formatCount } from '../../lib/format.ts';
import { pageHead } from '../../lib/page-title.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { drillDownColumns, drillDownFeatures, type DrillDownItem } from './-components/drill-down-columns.tsx';
import { drillDownCsv, EXPORT_MAX_PAGES, EXPORT_PAGE_SIZE } from './-components/drill-down-export.ts';
import { drillDownText } from './-components/drill-down-text.ts';
import {
  drillDownSearchSchema,
  drillDownTargetOf,
  metricsSearchOf,
  type DrillDownSearch,
  type DrillDownTarget,
} from './-components/metrics-search.ts';

const PAGE_SIZE = 25;
const DESCRIPTION = 'The identifications behind a figure of the metrics page.';

interface DrillDownQuery {
  from: string;
  to: string;
  language?: 'DE' | 'EN';
  branch?: string;
  target: DrillDownTarget;
}

/** The server's input for the URL, or null when the URL does not name a figure and its days. */
function drillDownQueryOf(search: DrillDownSearch): DrillDownQuery | null {
  const target = drillDownTargetOf(search);
  if (!target || !search.from || !search.to) return null;
  return {
    from: search.from,
    to: search.to,
    ...(search.language ? { language: search.language } : {}),
    ...(search.branch ? { branch: search.branch } : {}),
    target,
  };
}

export const Route = createFileRoute('/metrics/drill-down')({
  head: pageHead('Metrics drill-down'),
  validateSearch: drillDownSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    const query = drillDownQueryOf(deps);
    if (!query || !(await mayLoad(context, '/metrics'))) return;
    await context.queryClient.ensureQueryData(
      context.trpc.metrics.drillDown.queryOptions({ ...query, page: deps.page ?? 1, pageSize: PAGE_SIZE }),
    );
  },
  errorComponent: DrillDownError,
  component: () => (
    <SectionGate section="/metrics" title="Metrics" description={DESCRIPTION}>
      <DrillDownPage />
    </SectionGate>
  ),
});

/** Back to the chart: through history when the list was opened from it (keeping its filters), else a link. */
function BackToMetrics({ search }: { search: DrillDownSearch }) {
  const router = useRouter();
  const canGoBack = useCanGoBack();
  const className = buttonClasses({ size: 'sm', variant: 'ghost', className: '-ml-2 mb-2' });
  if (canGoBack) {
    return (
      <button type="button" className={className} onClick={() => router.history.back()}>
        <ArrowLeft aria-hidden="true" />
        Back to metrics
      </button>
    );
  }
  return (
    <Link to="/metrics" search={metricsSearchOf(search)} className={className}>
      <ArrowLeft aria-hidden="true" />
      Back to metrics
    </Link>
  );
}

function DrillDownPage() {
  const search = Route.useSearch();
  const query = drillDownQueryOf(search);
  if (!query) {
    return (
      <>
        <BackToMetrics search={search} />
        <PageHeader title="Metrics drill-down" description={DESCRIPTION} />
        <Panel>
          <EmptyState
            icon={ListX}
            title="This link does not name a figure"
            action={
              <Link to="/metrics" className={buttonClasses()}>
                Open the metrics
              </Link>
            }
          >
            A drill-down link needs the days (from, to) and the figure: a funnel step, a status, a failure code or a
            backlog bucket. Open the list again from a bar or a table on the metrics page.
          </EmptyState>
        </Panel>
      </>
    );
  }
  return <DrillDownList search={search} query={query} />;
}

function DrillDownList({ search, query }: { search: DrillDownSearch; query: DrillDownQuery }) {
  const trpc = useTRPC();
  const page = search.page ?? 1;
  const text = drillDownText(query.target, search);
  const list = useQuery({
    ...trpc.metrics.drillDown.queryOptions({ ...query, page, pageSize: PAGE_SIZE }),
    placeholderData: (previous) => previous,
  });
  const columns = useMemo(() => drillDownColumns(text.atHeader), [text.atHeader]);
  const table = useTable({ features: drillDownFeatures, columns, data: list.data?.items ?? [] });
  const total = list.data?.total ?? 0;
  const pages = pageCount(total, PAGE_SIZE);
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  const countText = `${formatCount(total)} ${total === 1 ? text.unit[0] : text.unit[1]}`;

  let body;
  if (list.isError) {
    body = (
      <ErrorState
        className="m-4"
        title="Could not load the list"
        error={list.error}
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
      />
    );
  } else if (list.isPending) {
    body = (
      <Loading label="Loading the list…">
        <SkeletonRows />
      </Loading>
    );
  } else {
    body = (
      <DataTable
        table={table}
        caption={text.title}
        empty={
          <EmptyState icon={ListX} title="Nothing behind this figure">
            {page > 1
              ? 'This page is past the end of the list. Go back to the first page.'
              : 'The figure is zero for these days and filters. Go back and choose another bar.'}
          </EmptyState>
        }
      />
    );
  }

  return (
    <>
      <BackToMetrics search={search} />
      <PageHeader title={text.title} description={text.description} actions={<ExportButton query={query} text={text} total={total} />} />
      <Panel
        title={list.data ? countText : 'Loading…'}
        description={total === 0 ? undefined : `${formatCount(first)}–${formatCount(last)} shown, newest first${query.target.kind === 'backlog' ? ' (longest waiting first)' : ''}. Ids are shown in full: quote them to an agent or to compliance.`}
        actions={<Pager search={search} page={page} pages={pages} />}
      >
        <div aria-busy={list.isFetching}>{body}</div>
      </Panel>
    </>
  );
}

function Pager({ search, page, pages }: { search: DrillDownSearch; page: number; pages: number }) {
  const link = (target: number, label: string, Icon: typeof ChevronLeft, disabled: boolean) => {
    const className = buttonClasses({ size: 'sm', className: cn(disabled && 'pointer-events-none opacity-50') });
    return disabled ? (
      <span className={className} aria-disabled="true">
        <Icon aria-hidden="true" />
        {label}
      </span>
    ) : (
      <Link to="/metrics/drill-down" search={{ ...search, page: target === 1 ? undefined : target }} className={className}>
        <Icon aria-hidden="true" />
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      {link(page - 1, 'Previous', ChevronLeft, page <= 1)}
      <span className="text-xs text-zinc-500 tabular">
        Page {page} of {pages}
      </span>
      {link(page + 1, 'Next', ChevronRight, page >= pages)}
    </nav>
  );
}

/** Downloads the whole list (every page, up to 10,000 rows) as CSV. */
function ExportButton({ query, text, total }: { query: DrillDownQuery; text: ReturnType<typeof drillDownText>; total: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const pages = Math.min(pageCount(total, EXPORT_PAGE_SIZE), EXPORT_MAX_PAGES);

  const exportAll = async () => {
    setProblem(null);
    const items: DrillDownItem[] = [];
    try {
      for (let page = 1; page <= pages; page += 1) {
        setProgress(`Preparing CSV… ${page} of ${pages}`);
        const result = await queryClient.fetchQuery(trpc.metrics.drillDown.queryOptions({ ...query, page, pageSize: EXPORT_PAGE_SIZE }));
        items.push(...result.items);
        if (result.items.length < EXPORT_PAGE_SIZE) break;
      }
      const kind = query.target.kind === 'failureReason' ? `failure-${query.target.code}` : query.target.kind;
      downloadCsv(csvFileName('drill-down', kind, query.from, 'to', query.to), drillDownCsv(text.atHeader, items));
    } catch (error) {
      setProblem(`The CSV could not be prepared: ${describeError(error).detail}. Try again.`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" onClick={() => void exportAll()} disabled={total === 0 || progress !== null}>
        <Download aria-hidden="true" />
        {progress ?? 'Download CSV'}
      </Button>
      {total > EXPORT_MAX_PAGES * EXPORT_PAGE_SIZE ? (
        <p className="text-xs text-zinc-500">The first {formatCount(EXPORT_MAX_PAGES * EXPORT_PAGE_SIZE)} rows; narrow the days for the rest.</p>
      ) : null}
      {problem ? (
        <p role="alert" className="text-xs text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function DrillDownError(props: ErrorComponentProps) {
  return (
    <>
      <PageHeader title="Metrics drill-down" description={DESCRIPTION} />
      <RouteError {...props} title="Could not load the identifications behind this figure" />
    </>
  );
}
