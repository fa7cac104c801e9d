import { Loading, Skeleton, SkeletonRows } from '../../../components/ui/skeleton.tsx';

/** Shaped like the person page (header, facts, tables), so nothing jumps when it arrives. */
export function PersonPending() {
  return (
    <Loading label="Loading the customer…" className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-6 w-64" />
        <Skeleton className="h-4 w-96" />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-44 w-full rounded-lg" />
        <Skeleton className="h-44 w-full rounded-lg" />
      </div>
      <div className="rounded-lg border border-zinc-200 bg-white">
        <SkeletonRows rows={4} />
      </div>
    </Loading>
  );
}
