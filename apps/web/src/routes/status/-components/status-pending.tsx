import { PageHeader } from '../../../components/layout/page-header.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Loading, Skeleton, SkeletonRows } from '../../../components/ui/skeleton.tsx';
import { STATUS_PAGE_DESCRIPTION } from './status-page-text.ts';

export function StatusPending() {
  return (
    <>
      <PageHeader title="System status" description={STATUS_PAGE_DESCRIPTION} />
      <Loading label="Loading the system status…" className="space-y-6">
        <div className="grid grid-cols-2 overflow-hidden rounded-lg border border-zinc-200 bg-white lg:grid-cols-4">
          {['database', 'persons', 'identifications', 'webhook'].map((key) => (
            <div key={key} className="space-y-2 px-4 py-3">
              <Skeleton className="h-3 w-20" />
              <Skeleton className="h-6 w-16" />
              <Skeleton className="h-3 w-32" />
            </div>
          ))}
        </div>
        <Panel title="Identifications by status">
          <SkeletonRows />
        </Panel>
      </Loading>
    </>
  );
}
