import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import { RotateCw } from 'lucide-react';
import '../../../../components/data-table/column-meta.ts';
import { Button } from '../../../../components/ui/button.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import type { RouterOutputs } from '../../../../lib/trpc.ts';
import { DeliveryStatusBadge, REPLAYABLE } from './delivery-status.tsx';

export type DeliveryRow = RouterOutputs['webhook']['list']['items'][number];

export const deliveryFeatures = tableFeatures({});

const column = createColumnHelper<typeof deliveryFeatures, DeliveryRow>();

function Instant({ value }: { value: string | null }) {
  if (!value) return <span className="text-zinc-400">–</span>;
  return (
    <time dateTime={value} className="whitespace-nowrap">
      {formatDateTime(value)}
    </time>
  );
}

export interface ReplayControl {
  replay: (row: DeliveryRow) => void;
  /** The delivery whose replay is being sent, if any. */
  pendingId: string | null;
}

/** Columns of the deliveries table; the replay button calls back into the page. */
export function deliveryColumns({ replay, pendingId }: ReplayControl) {
  return column.columns([
    column.accessor('status', {
      header: 'Status',
      cell: (info) => <DeliveryStatusBadge status={info.getValue()} />,
    }),
    column.accessor('eventType', {
      header: 'Delivery',
      cell: (info) => {
        const personId = info.row.original.entityId;
        return (
          <div className="min-w-0">
            <p className="font-mono text-xs text-zinc-900">{info.getValue()}</p>
            <p className="max-w-44 truncate font-mono text-xs text-zinc-500" title={personId ?? undefined}>
              {personId ? `person ${personId}` : 'no person id'}
            </p>
          </div>
        );
      },
    }),
    column.accessor('receivedAt', {
      header: 'Received',
      cell: (info) => {
        const row = info.row.original;
        return (
          <div>
            <Instant value={info.getValue()} />
            {row.status === 'failed' && row.nextAttemptAt ? (
              <p className="text-xs text-zinc-500">
                next try <Instant value={row.nextAttemptAt} />
              </p>
            ) : null}
          </div>
        );
      },
    }),
    column.accessor('attempts', {
      header: 'Attempts',
      meta: { numeric: true },
      cell: (info) => info.getValue(),
    }),
    column.accessor('lastError', {
      header: 'Last error',
      cell: (info) => {
        const error = info.getValue();
        // Errors name API paths without spaces: let them wrap anywhere rather than widen the table.
        return error ? (
          <span className="block max-w-sm text-xs [overflow-wrap:anywhere] text-zinc-700">{error}</span>
        ) : (
          <span className="text-zinc-400">–</span>
        );
      },
    }),
    column.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      cell: (info) => {
        const row = info.row.original;
        if (!REPLAYABLE.includes(row.status)) return null;
        const pending = pendingId === row.id;
        return (
          <Button
            size="sm"
            onClick={() => replay(row)}
            disabled={pendingId !== null}
            aria-label={`Replay the ${row.eventType} delivery received ${formatDateTime(row.receivedAt)}`}
          >
            <RotateCw aria-hidden="true" className={pending ? 'animate-spin motion-reduce:animate-none' : undefined} />
            {pending ? 'Replaying…' : 'Replay'}
          </Button>
        );
      },
    }),
  ]);
}
