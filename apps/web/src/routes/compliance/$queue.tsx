import { pageCount } from '@identdesk/domain';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound, type ErrorComponentProps } from '@tanstack/react-router';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { RouteError } from '../../components/layout/route-error.tsx';
import { buttonClasses } from '../../components/ui/button.tsx';
import { Loading, Skeleton } from '../../components/ui/skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { formatCount } from '../../lib/format.ts';
import { mayLoadCompliance } from './-components/compliance-gate.tsx';
import { IdentificationQueue } from './-components/identification-queue.tsx';
import { PersonChangeQueue } from './-components/person-change-queue.tsx';
import { ProofOfAddressQueue } from './-components/proof-of-address-queue.tsx';
import { isWorkQueue, queueInput, queueSearchSchema, type QueueSearch, type WorkQueue } from './-components/queues.ts';

const QUEUE_TITLES: Record<WorkQueue, string> = {
  proof_of_address: 'Proof of address',
  person_changes: 'Customer data changes',
  reversed_success: 'Reversed successes',
  fraud_suspicion: 'Fraud suspicion',
  data_changed: 'Data changed in the call',
  review_overdue: 'Review overdue',
};

export const Route = createFileRoute('/compliance/$queue')({
  params: {
    parse: ({ queue }) => {
      if (!isWorkQueue(queue)) throw notFound();
      return { queue };
    },
    stringify: ({ queue }) => ({ queue }),
  },
  head: ({ params }) => ({ meta: [{ title: `${QUEUE_TITLES[params.queue]} · Compliance · Identdesk` }] }),
  validateSearch: queueSearchSchema,
  loaderDeps: ({ search }) => ({ page: search.page }),
  loader: async ({ context, params, deps }) => {
    if (!(await mayLoadCompliance(context))) return;
    await context.queryClient.ensureQueryData(context.trpc.compliance.queue.queryOptions(queueInput(params.queue, deps)));
  },
  pendingComponent: QueuePending,
  errorComponent: (props: ErrorComponentProps) => <RouteError {...props} title="Could not load this queue" />,
  component: QueuePage,
});

function QueuePage() {
  const { trpc } = Route.useRouteContext();
  const { queue } = Route.useParams();
  const search = Route.useSearch();
  const page = useSuspenseQuery(trpc.compliance.queue.queryOptions(queueInput(queue, search))).data;
  const pager = <Pager queue={queue} search={search} page={page.page} pages={pageCount(page.total, page.pageSize)} />;
  if (queue === 'proof_of_address') return <ProofOfAddressQueue page={page} search={search} pager={pager} />;
  if (queue === 'person_changes') return <PersonChangeQueue page={page} search={search} pager={pager} />;
  return <IdentificationQueue queue={queue} page={page} pager={pager} />;
}

function Pager({ queue, search, page, pages }: { queue: WorkQueue; search: QueueSearch; page: number; pages: number }) {
  if (pages <= 1) return null;
  const link = (target: number, label: string, Icon: typeof ChevronLeft, disabled: boolean) => {
    const className = buttonClasses({ size: 'sm', className: cn(disabled && 'pointer-events-none opacity-50') });
    return disabled ? (
      <span className={className} aria-disabled="true">
        <Icon aria-hidden="true" />
        {label}
      </span>
    ) : (
      <Link
        to="/compliance/$queue"
        params={{ queue }}
        search={{ ...search, submission: undefined, proposal: undefined, page: target === 1 ? undefined : target }}
        className={className}
      >
        <Icon aria-hidden="true" />
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      {link(page - 1, 'Previous', ChevronLeft, page <= 1)}
      <span className="text-xs text-zinc-500 tabular">
        Page {formatCount(page)} of {formatCount(pages)}
      </span>
      {link(page + 1, 'Next', ChevronRight, page >= pages)}
    </nav>
  );
}

function QueuePending() {
  return (
    <Loading label="Loading the queue…" className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="border-b border-zinc-200 px-4 py-3">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="mt-2 h-3 w-96" />
      </div>
      <div className="space-y-3 p-4">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-5 w-full" />
        ))}
      </div>
    </Loading>
  );
}
