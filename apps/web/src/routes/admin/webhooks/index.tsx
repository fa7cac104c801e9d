import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, type ErrorComponentProps } from '@tanstack/react-router';
import { useTable } from '@tanstack/react-table';
import { ChevronLeft, ChevronRight, CircleCheck, RotateCw, Webhook } from 'lucide-react';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { DataTable } from '../../../components/data-table/data-table.tsx';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SectionGate } from '../../../components/auth/section-not-allowed.tsx';
import { RouteError } from '../../../components/layout/route-error.tsx';
import { buttonClasses, Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorState } from '../../../components/ui/error-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatCount } from '../../../lib/format.ts';
import { mayLoad } from '../../../lib/auth.ts';
import { pageHead } from '../../../lib/page-title.ts';
import { deliveryColumns, deliveryFeatures, type DeliveryRow } from './-components/delivery-columns.tsx';
import { DELIVERY_FILTERS, DELIVERY_STATUS_LOOKS, statusesOf, type DeliveryFilter } from './-components/delivery-status.tsx';
import { StatusFilter } from './-components/status-filter.tsx';
import { WebhooksPending } from './-components/webhooks-pending.tsx';
import { WEBHOOKS_PAGE_DESCRIPTION, WEBHOOKS_PAGE_TITLE } from './-components/webhooks-text.ts';

const PAGE_SIZE = 25;

// A bad or outdated link falls back to the default view instead of failing.
const searchSchema = z.object({
  status: z.enum(DELIVERY_FILTERS).catch('attention'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const Route = createFileRoute('/admin/webhooks/')({
  head: pageHead(WEBHOOKS_PAGE_TITLE),
  validateSearch: (search) => searchSchema.parse(search),
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    if (!(await mayLoad(context, '/admin'))) return;
    const { queryClient, trpc } = context;
    await Promise.all([
      queryClient.ensureQueryData(trpc.webhook.stats.queryOptions()),
      queryClient.ensureQueryData(trpc.webhook.list.queryOptions(listInput(deps.status, deps.page))),
    ]);
  },
  pendingComponent: WebhooksPending,
  errorComponent: WebhooksError,
  component: () => (
    <SectionGate section="/admin" title={WEBHOOKS_PAGE_TITLE} description={WEBHOOKS_PAGE_DESCRIPTION}>
      <WebhooksPage />
    </SectionGate>
  ),
});

function listInput(status: DeliveryFilter, page: number) {
  const statuses = statusesOf(status);
  return { ...(statuses ? { statuses } : {}), page, pageSize: PAGE_SIZE };
}

function WebhooksPage() {
  const { trpc } = Route.useRouteContext();
  const { status, page } = Route.useSearch();
  const queryClient = useQueryClient();
  const stats = useSuspenseQuery(trpc.webhook.stats.queryOptions());
  const list = useSuspenseQuery(trpc.webhook.list.queryOptions(listInput(status, page)));
  const [notice, setNotice] = useState<string | null>(null);

  const replay = useMutation(
    trpc.webhook.replay.mutationOptions({
      onSuccess: () => {
        setNotice('The delivery is back in the queue; the worker processes it now.');
        void queryClient.invalidateQueries({ queryKey: trpc.webhook.pathKey() });
      },
      onError: () => setNotice(null),
    }),
  );
  const pendingId = replay.isPending ? (replay.variables?.id ?? null) : null;

  const columns = useMemo(
    () =>
      deliveryColumns({
        replay: (row: DeliveryRow) => {
          setNotice(null);
          replay.mutate({ id: row.id });
        },
        pendingId,
      }),
    [replay, pendingId],
  );
  const table = useTable({ features: deliveryFeatures, columns, data: list.data.items });
  const refreshing = stats.isFetching || list.isFetching;
  const pageCount = Math.max(1, Math.ceil(list.data.total / PAGE_SIZE));
  const first = list.data.total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(page * PAGE_SIZE, list.data.total);

  return (
    <>
      <PageHeader
        title={WEBHOOKS_PAGE_TITLE}
        description={WEBHOOKS_PAGE_DESCRIPTION}
        actions={
          <Button
            size="sm"
            onClick={() => void queryClient.invalidateQueries({ queryKey: trpc.webhook.pathKey() })}
            disabled={refreshing}
          >
            <RotateCw aria-hidden="true" className={cn(refreshing && 'animate-spin motion-reduce:animate-none')} />
            Refresh
          </Button>
        }
      />
      <StatusFilter stats={stats.data} active={status} />
      <div aria-live="polite">
        {notice ? (
          <p className="mb-4 flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            <CircleCheck aria-hidden="true" className="size-4 shrink-0" />
            {notice}
          </p>
        ) : null}
      </div>
      {replay.isError ? <ErrorState className="mb-4" title="Could not replay the delivery" error={replay.error} /> : null}
      <Panel
        title={filterTitle(status)}
        description={
          list.data.total === 0
            ? undefined
            : `${formatCount(first)}–${formatCount(last)} of ${formatCount(list.data.total)}, newest first`
        }
      >
        <DataTable table={table} caption={filterTitle(status)} empty={<NoDeliveries status={status} />} />
        {pageCount > 1 ? <Pager status={status} page={page} pageCount={pageCount} /> : null}
      </Panel>
    </>
  );
}

function filterTitle(status: DeliveryFilter): string {
  if (status === 'attention') return 'Dead and failed deliveries';
  if (status === 'all') return 'All deliveries';
  return `${DELIVERY_STATUS_LOOKS[status].label} deliveries`;
}

function NoDeliveries({ status }: { status: DeliveryFilter }) {
  if (status === 'attention') {
    return (
      <EmptyState icon={CircleCheck} title="No dead or failed deliveries">
        Every webhook Solaris sent has been processed or is waiting in the queue. Deliveries that fail show up here with
        their error and a way to replay them.
      </EmptyState>
    );
  }
  return (
    <EmptyState icon={Webhook} title="No deliveries with this status">
      <Link to="/admin/webhooks" search={{ status: 'all', page: 1 }} className="text-accent-700 underline">
        Show all deliveries
      </Link>
    </EmptyState>
  );
}

function Pager({ status, page, pageCount }: { status: DeliveryFilter; page: number; pageCount: number }) {
  return (
    <nav aria-label="Pages" className="flex items-center justify-between border-t border-zinc-200 px-4 py-2 text-xs text-zinc-500">
      <span>
        Page {formatCount(page)} of {formatCount(pageCount)}
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link to="/admin/webhooks" search={{ status, page: page - 1 }} className={buttonClasses({ size: 'sm' })}>
            <ChevronLeft aria-hidden="true" />
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link to="/admin/webhooks" search={{ status, page: page + 1 }} className={buttonClasses({ size: 'sm' })}>
            Next
            <ChevronRight aria-hidden="true" />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

function WebhooksError(props: ErrorComponentProps) {
  return (
    <>
      <PageHeader title={WEBHOOKS_PAGE_TITLE} description={WEBHOOKS_PAGE_DESCRIPTION} />
      <RouteError {...props} title="Could not load the webhook deliveries" />
    </>
  );
}
