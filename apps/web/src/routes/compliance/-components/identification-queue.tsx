import { IDENTIFICATION_STATUSES, type IdentificationStatus } from '@identdesk/domain';
import { Link } from '@tanstack/react-router';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { Inbox } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import '../../../components/data-table/column-meta.ts';
import { DataTable } from '../../../components/data-table/data-table.tsx';
import { IdentificationStatusBadge } from '../../../components/identification/identification-status-badge.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import { AcknowledgeDialog } from './acknowledge-dialog.tsx';
import { describeAge, formatAge } from './format-age.ts';
import { useQueueSummary } from './queue-heading.ts';
import { QueueNoticeLine, type QueueNotice } from './queue-notice.tsx';
import { queueItemKey, type AcknowledgeableQueue, type QueueItem, type QueuePage } from './queues.ts';

const features = tableFeatures({});
const column = createColumnHelper<typeof features, QueueItem>();
const linkClass = 'text-accent-700 underline-offset-2 hover:underline';

const EMPTY_TEXT: Record<AcknowledgeableQueue, string> = {
  reversed_success: 'No reversed success is waiting: every blocked account has been acknowledged.',
  fraud_suspicion: 'No fraud suspicion is waiting for review.',
  data_changed: 'No identification with data changed by IDnow is waiting for review.',
  review_overdue: 'No IDnow review has run longer than 24 hours.',
};

function isIdentificationStatus(status: string): status is IdentificationStatus {
  return (IDENTIFICATION_STATUSES as readonly string[]).includes(status);
}

export function ageCell(item: QueueItem): ReactNode {
  return (
    <div className="whitespace-nowrap">
      <p className="font-medium tabular" title={`Waiting ${describeAge(item.ageHours)}`}>
        {formatAge(item.ageHours)}
      </p>
      <p className="text-xs text-zinc-500">
        since <time dateTime={item.since}>{formatDateTime(item.since)}</time>
      </p>
    </div>
  );
}

function columnsFor(queue: AcknowledgeableQueue, actionLabel: string, notify: (notice: QueueNotice) => void) {
  return column.columns([
    column.display({
      id: 'customer',
      header: 'Customer',
      cell: ({ row }) => (
        <Link to="/persons/$personId" params={{ personId: row.original.personId }} className={`${linkClass} font-medium`}>
          {row.original.personName}
        </Link>
      ),
    }),
    column.display({
      id: 'identification',
      header: 'Identification',
      cell: ({ row }) => {
        const { identificationId, status } = row.original;
        return (
          <div className="space-y-1">
            {isIdentificationStatus(status) ? <IdentificationStatusBadge status={status} /> : <Badge>{status}</Badge>}
            {identificationId ? (
              <p>
                <Link
                  to="/identifications/$identificationId"
                  params={{ identificationId }}
                  className={`${linkClass} font-mono text-xs`}
                  aria-label={`Identification of ${row.original.personName}`}
                  title={identificationId}
                >
                  {identificationId.slice(0, 8)}…
                </Link>
              </p>
            ) : null}
          </div>
        );
      },
    }),
    column.display({ id: 'age', header: 'Waiting', cell: ({ row }) => ageCell(row.original) }),
    column.display({
      id: 'detail',
      header: 'What happened',
      cell: ({ row }) => {
        const failure = row.original.failure;
        return (
          <div className="max-w-md space-y-1">
            <p className="text-pretty">{row.original.detail}</p>
            {failure ? (
              <p className="flex flex-wrap gap-1">
                <Badge title={failure.description}>{failure.code}</Badge>
                {failure.permanent === true ? <Badge tone="danger">Permanent</Badge> : null}
                {failure.permanent === false ? <Badge>Not permanent</Badge> : null}
              </p>
            ) : null}
          </div>
        );
      },
    }),
    column.display({
      id: 'action',
      header: () => <span className="sr-only">Action</span>,
      cell: ({ row }) => (
        <div className="flex justify-end">
          <AcknowledgeDialog
            queue={queue}
            item={row.original}
            actionLabel={actionLabel}
            onAcknowledged={(message) => notify({ tone: 'done', message })}
            onOutdated={(message) => notify({ tone: 'outdated', message })}
          />
        </div>
      ),
    }),
  ]);
}

/** A queue of identifications a reviewer acknowledges: reversed successes, fraud suspicion, data changed, overdue reviews. */
export function IdentificationQueue({ queue, page, pager }: { queue: AcknowledgeableQueue; page: QueuePage; pager: ReactNode }) {
  const summary = useQueueSummary(queue);
  const [notice, setNotice] = useState<QueueNotice>(null);
  const actionLabel = summary?.acknowledgement ?? (queue === 'reversed_success' ? 'Bank account blocked' : 'Reviewed');
  const columns = useMemo(() => columnsFor(queue, actionLabel, setNotice), [queue, actionLabel]);
  const table = useTable({ features, columns, data: page.items, getRowId: queueItemKey });
  const { total } = page;

  return (
    <div className="space-y-3">
      <QueueNoticeLine notice={notice} />
      <Panel
        title={summary?.label ?? 'Queue'}
        description={
          <>
            {summary?.description}{' '}
            <span className="text-zinc-700">
              {total === 0 ? 'Nothing open.' : `${formatCount(total)} open, oldest first.`}
            </span>
          </>
        }
        actions={pager}
      >
        <DataTable
          table={table}
          caption={summary?.label ?? 'Queue'}
          empty={
            <EmptyState icon={Inbox} title="Nothing to do in this queue">
              {EMPTY_TEXT[queue]} New items appear as IDnow results reach Identdesk.
            </EmptyState>
          }
        />
      </Panel>
    </div>
  );
}
