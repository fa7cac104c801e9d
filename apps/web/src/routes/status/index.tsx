import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, type ErrorComponentProps } from '@tanstack/react-router';
import { RotateCw, TriangleExclamationPoint } from 'lucide-react';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { SectionGate } from '../../components/auth/section-not-allowed.tsx';
import { RouteError } from '../../components/layout/route-error.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Panel } from '../../components/ui/panel.tsx';
import { cn } from '../../lib/cn.ts';
import { describeError } from '../../lib/errors.ts';
import { formatTime } from '../../lib/format.ts';
import { mayLoad } from '../../lib/auth.ts';
import { pageHead } from '../../lib/page-title.ts';
import { OverviewStats } from './-components/overview-stats.tsx';
import { SolarisConnectionPanel } from './-components/solaris-connection-panel.tsx';
import { StatusCountTable } from './-components/status-count-table.tsx';
import { STATUS_PAGE_DESCRIPTION } from './-components/status-page-text.ts';
import { StatusPending } from './-components/status-pending.tsx';

const REFRESH_INTERVAL_MS = 30_000;

export const Route = createFileRoute('/status/')({
  head: pageHead('System status'),
  loader: async ({ context }) => {
    if (await mayLoad(context, '/status')) await context.queryClient.ensureQueryData(context.trpc.system.overview.queryOptions());
  },
  pendingComponent: StatusPending,
  errorComponent: StatusError,
  component: () => (
    <SectionGate section="/status" title="System status" description={STATUS_PAGE_DESCRIPTION}>
      <StatusPage />
    </SectionGate>
  ),
});

function StatusPage() {
  const { trpc } = Route.useRouteContext();
  const overview = useSuspenseQuery(trpc.system.overview.queryOptions(undefined, { refetchInterval: REFRESH_INTERVAL_MS }));
  const updatedAt = new Date(overview.dataUpdatedAt);

  return (
    <>
      <PageHeader
        title="System status"
        description={STATUS_PAGE_DESCRIPTION}
        actions={
          <>
            <p className="text-xs text-zinc-500" aria-live="polite">
              Updated <time dateTime={updatedAt.toISOString()}>{formatTime(updatedAt)}</time>
            </p>
            <Button size="sm" onClick={() => void overview.refetch()} disabled={overview.isFetching}>
              <RotateCw aria-hidden="true" className={cn(overview.isFetching && 'animate-spin motion-reduce:animate-none')} />
              Refresh
            </Button>
          </>
        }
      />
      {overview.isRefetchError ? (
        <div
          role="alert"
          className="mb-4 flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <TriangleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p>
            Could not refresh: {describeError(overview.error).title.toLowerCase()}. The figures below are from{' '}
            {formatTime(updatedAt)}.
          </p>
        </div>
      ) : null}
      <div className="space-y-6">
        <OverviewStats overview={overview.data} now={updatedAt} />
        <SolarisConnectionPanel />
        <Panel
          title="Identifications by status"
          description={
            overview.data.identifications === 0
              ? 'No identifications yet: counts appear here as identifications are created or reported by Solaris.'
              : 'Every IDnow status, in the order an identification passes through them.'
          }
        >
          <StatusCountTable counts={overview.data.identificationsByStatus} />
        </Panel>
      </div>
    </>
  );
}

function StatusError(props: ErrorComponentProps) {
  return (
    <>
      <PageHeader title="System status" description={STATUS_PAGE_DESCRIPTION} />
      <RouteError {...props} title="Could not load the system status" />
    </>
  );
}
