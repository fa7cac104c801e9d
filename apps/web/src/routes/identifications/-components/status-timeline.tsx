import { ArrowRight, History } from 'lucide-react';
import { IdentificationStatusBadge } from '../../../components/identification/identification-status-badge.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { sourceLabel } from './identification-format.ts';
import type { IdentificationView } from './identification-view.ts';

/** Every status change Identdesk observed, oldest first, with where it learned of it. */
export function StatusTimeline({ timeline }: { timeline: IdentificationView['timeline'] }) {
  if (timeline.length === 0) {
    return (
      <EmptyState icon={History} title="No status changes recorded yet">
        Changes appear here as Solaris reports them. The current status above is always the latest Identdesk knows.
      </EmptyState>
    );
  }
  return (
    <ol aria-label="Status changes, oldest first" className="relative space-y-0 px-4 py-3">
      {timeline.map((change, index) => (
        <li key={`${change.observedAt}-${index}`} className="relative flex gap-3 pb-3 last:pb-0">
          {/* The line joining the dots; decoration only. */}
          {index < timeline.length - 1 ? (
            <span aria-hidden="true" className="absolute top-3 left-[5px] h-full w-px bg-zinc-200" />
          ) : null}
          <span aria-hidden="true" className="relative mt-1.5 size-[11px] shrink-0 rounded-full border-2 border-white bg-zinc-400 ring-1 ring-zinc-300" />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-1.5">
              {change.fromStatus ? (
                <>
                  <IdentificationStatusBadge status={change.fromStatus} />
                  <ArrowRight aria-label="to" className="size-3.5 text-zinc-400" />
                </>
              ) : (
                <span className="text-xs text-zinc-500">First seen as</span>
              )}
              <IdentificationStatusBadge status={change.toStatus} />
            </div>
            <p className="mt-0.5 text-xs text-zinc-500">
              <time dateTime={change.observedAt} title={formatRelative(change.observedAt)} className="tabular">
                {formatDateTime(change.observedAt)}
              </time>{' '}
              · {sourceLabel(change.source)}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
