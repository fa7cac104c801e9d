import { Loading, Skeleton } from '../ui/skeleton.tsx';

/** Shown when a page takes longer than a moment to load and has no placeholder of its own. */
export function RoutePending() {
  return (
    <Loading label="Loading the page…" className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-4 w-80" />
      </div>
      <Skeleton className="h-40 w-full rounded-lg" />
    </Loading>
  );
}
