import { PageHeader } from '../../../components/layout/page-header.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Loading, Skeleton, SkeletonRows } from '../../../components/ui/skeleton.tsx';

/** Shaped like the identification page, so nothing jumps when the data arrives. */
export function IdentificationPending() {
  return (
    <Loading label="Loading the identification…">
      <Skeleton className="mb-3 h-3 w-56" />
      <PageHeader title="Identification" description="Loading…" />
      <div className="space-y-4">
        <div className="space-y-3 rounded-lg border border-l-4 border-zinc-200 bg-white p-4">
          <Skeleton className="h-4 w-64" />
          <Skeleton className="h-4 w-full" />
          <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
            {[0, 1, 2, 3].map((key) => (
              <Skeleton key={key} className="h-12" />
            ))}
          </div>
        </div>
        <div className="grid gap-4 lg:grid-cols-3">
          <div className="space-y-4 lg:col-span-2">
            <Panel title="IDnow video calls">
              <SkeletonRows rows={4} />
            </Panel>
            <Panel title="Documents">
              <SkeletonRows rows={3} />
            </Panel>
          </div>
          <Panel title="Details">
            <SkeletonRows rows={8} />
          </Panel>
        </div>
      </div>
    </Loading>
  );
}
