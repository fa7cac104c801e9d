import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Outlet } from '@tanstack/react-router';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { TabCount, TabLink, TabNav } from '../../components/ui/tabs.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ComplianceGate, mayLoadCompliance } from './-components/compliance-gate.tsx';
import { COMPLIANCE_PAGE_DESCRIPTION } from './-components/compliance-text.ts';
import { describeAge } from './-components/format-age.ts';

export const Route = createFileRoute('/compliance')({
  loader: async ({ context }) => {
    if (!(await mayLoadCompliance(context))) return;
    // Not awaited: the tabs show their counts when they come, the queue below does not wait for them.
    void context.queryClient.prefetchQuery(context.trpc.compliance.queueSummary.queryOptions());
  },
  component: () => (
    <ComplianceGate>
      <ComplianceLayout />
    </ComplianceGate>
  ),
});

function ComplianceLayout() {
  return (
    <>
      <PageHeader title="Compliance" description={COMPLIANCE_PAGE_DESCRIPTION} />
      <QueueTabs />
      <div className="mt-4">
        <Outlet />
      </div>
    </>
  );
}

/** One tab per queue with its open count; the counts refresh after every decision (query invalidation). */
function QueueTabs() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.compliance.queueSummary.queryOptions());
  return (
    <TabNav label="Compliance queues">
      <TabLink to="/compliance" activeOptions={{ exact: true }}>
        Overview
      </TabLink>
      {summary.data
        ? summary.data.map((queue) => (
            <TabLink
              key={queue.queue}
              to="/compliance/$queue"
              params={{ queue: queue.queue }}
              title={queue.oldestAgeHours === null ? 'Nothing open' : `Oldest item waiting ${describeAge(queue.oldestAgeHours)}`}
            >
              {queue.label}
              <TabCount value={queue.open} />
            </TabLink>
          ))
        : summary.isPending
          ? Array.from({ length: 5 }, (_, index) => <Skeleton key={index} className="my-2 h-5 w-28" />)
          : null}
    </TabNav>
  );
}
