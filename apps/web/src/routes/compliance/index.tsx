import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, type ErrorComponentProps } from '@tanstack/react-router';
import { ArrowRight } from 'lucide-react';
import { RouteError } from '../../components/layout/route-error.tsx';
import { Loading, Skeleton } from '../../components/ui/skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { pageHead } from '../../lib/page-title.ts';
import { mayLoadCompliance } from './-components/compliance-gate.tsx';
import { formatAge } from './-components/format-age.ts';
import type { QueueSummary } from './-components/queues.ts';

export const Route = createFileRoute('/compliance/')({
  head: pageHead('Compliance'),
  loader: async ({ context }) => {
    if (!(await mayLoadCompliance(context))) return;
    await context.queryClient.ensureQueryData(context.trpc.compliance.queueSummary.queryOptions());
  },
  pendingComponent: OverviewPending,
  errorComponent: (props: ErrorComponentProps) => <RouteError {...props} title="Could not load the compliance queues" />,
  component: ComplianceOverview,
});

function ComplianceOverview() {
  const { trpc } = Route.useRouteContext();
  const summary = useSuspenseQuery(trpc.compliance.queueSummary.queryOptions()).data;
  const open = summary.reduce((sum, queue) => sum + queue.open, 0);
  return (
    <section aria-labelledby="compliance-overview-title">
      <h2 id="compliance-overview-title" className="sr-only">
        Overview
      </h2>
      <p className="mb-3 text-sm text-zinc-600">
        {open === 0
          ? 'Nothing is waiting for compliance. New items appear here as agents record proofs of address and IDnow results arrive.'
          : `${formatCount(open)} item${open === 1 ? '' : 's'} waiting across the queues, oldest first within each.`}
      </p>
      <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {summary.map((queue) => (
          <li key={queue.queue}>
            <QueueCard queue={queue} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function QueueCard({ queue }: { queue: QueueSummary }) {
  const overdue = queue.queue === 'review_overdue' || queue.queue === 'reversed_success';
  return (
    <Link
      to="/compliance/$queue"
      params={{ queue: queue.queue }}
      className="group flex h-full flex-col rounded-lg border border-zinc-200 bg-white p-4 shadow-xs hover:border-accent-600/40 hover:bg-accent-50/30"
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className="text-sm font-semibold text-zinc-900">{queue.label}</h3>
        <ArrowRight aria-hidden="true" className="size-4 shrink-0 text-zinc-400 group-hover:text-accent-600" />
      </div>
      <p className="mt-2 flex items-baseline gap-2">
        <span
          className={cn('text-2xl font-semibold tracking-tight tabular', queue.open > 0 && overdue ? 'text-red-700' : 'text-zinc-900')}
        >
          {formatCount(queue.open)}
        </span>
        <span className="text-xs text-zinc-500">open</span>
      </p>
      <p className="mt-0.5 text-xs text-zinc-600">
        {queue.oldestAgeHours === null || queue.oldestAt === null ? (
          'Nothing waiting'
        ) : (
          <>
            Oldest waiting{' '}
            <time dateTime={queue.oldestAt} title={formatDateTime(queue.oldestAt)}>
              {formatAge(queue.oldestAgeHours)}
            </time>
          </>
        )}
      </p>
      <p className="mt-3 text-xs text-pretty text-zinc-500">{queue.description}</p>
    </Link>
  );
}

function OverviewPending() {
  return (
    <Loading label="Loading the compliance queues…" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {Array.from({ length: 5 }, (_, index) => (
        <Skeleton key={index} className="h-36 w-full rounded-lg" />
      ))}
    </Loading>
  );
}
