import { Link } from '@tanstack/react-router';
import { cn } from '../../../../lib/cn.ts';
import { formatCount } from '../../../../lib/format.ts';
import type { RouterOutputs } from '../../../../lib/trpc.ts';
import { DELIVERY_STATUS_LOOKS, DELIVERY_STATUSES, type DeliveryFilter } from './delivery-status.tsx';

type Stats = RouterOutputs['webhook']['stats'];

/** Counts by status, each a link that filters the table (the filter lives in the URL). */
export function StatusFilter({ stats, active }: { stats: Stats; active: DeliveryFilter }) {
  const options: { filter: DeliveryFilter; label: string; count: number; description: string }[] = [
    {
      filter: 'attention',
      label: 'Needs attention',
      count: stats.byStatus.dead + stats.byStatus.failed,
      description: 'Dead letters and failures waiting for a retry',
    },
    ...DELIVERY_STATUSES.map((status) => ({
      filter: status,
      label: DELIVERY_STATUS_LOOKS[status].label,
      count: stats.byStatus[status],
      description: DELIVERY_STATUS_LOOKS[status].description,
    })),
    { filter: 'all', label: 'All', count: stats.total, description: 'Every delivery Identdesk received' },
  ];
  return (
    <nav aria-label="Filter deliveries by status" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {options.map((option) => {
          const current = option.filter === active;
          return (
            <li key={option.filter}>
              <Link
                to="/admin/webhooks"
                search={{ status: option.filter, page: 1 }}
                title={option.description}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'inline-flex h-8 items-center gap-2 rounded-md px-3 text-sm ring-1 ring-inset transition-colors',
                  current
                    ? 'bg-zinc-900 font-medium text-white ring-zinc-900'
                    : 'bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50',
                )}
              >
                {option.label}
                <span className={cn('tabular text-xs', current ? 'text-zinc-300' : 'text-zinc-500')}>
                  {formatCount(option.count)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
