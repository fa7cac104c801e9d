import { Link, useNavigate } from '@tanstack/react-router';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { ExternalLink, FileX2, Inbox, ShieldAlert, TriangleAlert } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import '../../../components/data-table/column-meta.ts';
import { DataTable } from '../../../components/data-table/data-table.tsx';
import { formatFileSize } from '../../../components/documents/file-size.ts';
import { DocumentViewer, documentFileUrls } from '../../../components/documents/document-viewer.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { buttonClasses } from '../../../components/ui/button.tsx';
import { DescriptionItem, DescriptionList } from '../../../components/ui/description-list.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import { DecisionDialog, type Decision } from './decision-dialog.tsx';
import { ageCell } from './identification-queue.tsx';
import { useQueueSummary } from './queue-heading.ts';
import { QueueNoticeLine, type QueueNotice } from './queue-notice.tsx';
import { queueItemKey, type QueueItem, type QueuePage, type QueueSearch } from './queues.ts';

const features = tableFeatures({});
const column = createColumnHelper<typeof features, QueueItem>();
const linkClass = 'text-accent-700 underline-offset-2 hover:underline';

function uploadTone(status: string) {
  if (status === 'failed') return 'danger' as const;
  if (status === 'uploaded') return 'success' as const;
  return 'info' as const;
}

function columnsFor(selected: string | undefined) {
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
      id: 'proof',
      header: 'Proof',
      cell: ({ row }) => {
        const proof = row.original.proofOfAddress;
        if (!proof) return null;
        return (
          <div>
            <p>{proof.typeLabel}</p>
            <p className="text-xs text-zinc-500">
              issued {proof.issuedOn}
              {proof.fileName ? ` · ${proof.fileName}` : ''}
              {proof.size !== null ? ` · ${formatFileSize(proof.size)}` : ''}
            </p>
            {proof.warnings.length > 0 ? (
              <Badge tone="warning" icon={TriangleAlert} className="mt-1" title={proof.warnings.join(' ')}>
                Check the date
              </Badge>
            ) : null}
          </div>
        );
      },
    }),
    column.display({
      id: 'recorded',
      header: 'Recorded by',
      cell: ({ row }) => <span className="whitespace-nowrap">{row.original.proofOfAddress?.recordedBy.name}</span>,
    }),
    column.display({ id: 'age', header: 'Waiting', cell: ({ row }) => ageCell(row.original) }),
    column.display({
      id: 'review',
      header: () => <span className="sr-only">Review</span>,
      cell: ({ row }) => {
        const { submissionId, personName } = row.original;
        if (!submissionId) return null;
        const current = submissionId === selected;
        return (
          <div className="flex justify-end">
            <Link
              to="."
              search={(previous: QueueSearch) => ({ ...previous, submission: submissionId })}
              aria-current={current ? 'true' : undefined}
              aria-label={`${current ? 'Reviewing' : 'Review'} the proof of address of ${personName}`}
              className={buttonClasses({ size: 'sm', variant: current ? 'primary' : 'secondary' })}
            >
              {current ? 'Reviewing' : 'Review'}
            </Link>
          </div>
        );
      },
    }),
  ]);
}

/**
 * Proof-of-address submissions waiting for a four-eyes decision: the list, and below it the
 * submission under review (`?submission=`) with its facts, the file, and the three decisions.
 */
export function ProofOfAddressQueue({ page, search, pager }: { page: QueuePage; search: QueueSearch; pager: ReactNode }) {
  const summary = useQueueSummary('proof_of_address');
  const [notice, setNotice] = useState<QueueNotice>(null);
  const columns = useMemo(() => columnsFor(search.submission), [search.submission]);
  const table = useTable({ features, columns, data: page.items, getRowId: queueItemKey });
  const selected = search.submission ? page.items.find((item) => item.submissionId === search.submission) : undefined;
  const navigate = useNavigate();

  const onDecided = (message: string) => {
    setNotice({ tone: 'done', message });
    void navigate({ to: '.', search: (previous: QueueSearch) => ({ ...previous, submission: undefined }) });
  };
  const onOutdated = (message: string) => {
    setNotice({ tone: 'outdated', message });
    void navigate({ to: '.', search: (previous: QueueSearch) => ({ ...previous, submission: undefined }) });
  };

  return (
    <div className="space-y-4">
      <QueueNoticeLine notice={notice} />
      <Panel
        title={summary?.label ?? 'Proof of address'}
        description={
          <>
            {summary?.description}{' '}
            <span className="text-zinc-700">
              {page.total === 0 ? 'Nothing open.' : `${formatCount(page.total)} waiting, oldest first.`}
            </span>
          </>
        }
        actions={pager}
      >
        <DataTable
          table={table}
          caption="Proofs of address waiting for a decision"
          empty={
            <EmptyState icon={Inbox} title="No proof of address is waiting for a decision">
              Proofs appear here when an agent records one on a customer’s page.
            </EmptyState>
          }
        />
      </Panel>
      {selected ? (
        <ReviewPanel key={selected.submissionId} item={selected} onDecided={onDecided} onOutdated={onOutdated} />
      ) : search.submission ? (
        <Panel padded>
          <EmptyState
            icon={Inbox}
            title="This proof of address is no longer waiting"
            action={
              <Link to="." search={(previous: QueueSearch) => ({ ...previous, submission: undefined })} className={buttonClasses()}>
                Back to the list
              </Link>
            }
          >
            Someone may have decided it in the meantime, or it is on another page of the list. The customer’s page shows
            every decision.
          </EmptyState>
        </Panel>
      ) : null}
    </div>
  );
}

interface ReviewPanelProps {
  item: QueueItem;
  onDecided: (message: string) => void;
  onOutdated: (message: string) => void;
}

function ReviewPanel({ item, onDecided, onOutdated }: ReviewPanelProps) {
  const proof = item.proofOfAddress;
  const blockedId = useId();
  const headingRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keyboard and screen-reader users land on what they chose to review.
    headingRef.current?.focus();
  }, []);
  if (!proof || !item.submissionId) return null;
  const urls = documentFileUrls.proofOfAddress(item.submissionId);

  return (
    <div ref={headingRef} tabIndex={-1} className="focus:outline-none">
      <Panel
        title={`Review: ${item.personName}`}
        description={`${proof.typeLabel}, recorded by ${proof.recordedBy.name} on ${formatDateTime(proof.recordedAt)}.`}
        actions={
          <Link
            to="/proof-of-address/$submissionId/file"
            params={{ submissionId: item.submissionId }}
            search={{ personId: item.personId }}
            target="_blank"
            className={buttonClasses({ size: 'sm', variant: 'ghost' })}
          >
            <ExternalLink aria-hidden="true" />
            Open the file on its own page
          </Link>
        }
      >
        <div className="grid gap-0 lg:grid-cols-5">
          <div className="space-y-4 border-zinc-200 p-4 lg:col-span-2 lg:border-r">
            <DescriptionList columns={2}>
              <DescriptionItem term="Type">{proof.typeLabel}</DescriptionItem>
              <DescriptionItem term="Issued on">{proof.issuedOn}</DescriptionItem>
              <DescriptionItem term="Recorded by">{proof.recordedBy.name}</DescriptionItem>
              <DescriptionItem term="Recorded">{formatDateTime(proof.recordedAt)}</DescriptionItem>
              <DescriptionItem term="File" wide>
                {proof.fileName ?? 'No file name'}
                {proof.size !== null ? <span className="text-zinc-500"> · {formatFileSize(proof.size)}</span> : null}
              </DescriptionItem>
              <DescriptionItem term="Upload to Solaris" wide>
                <Badge tone={uploadTone(proof.uploadStatus)}>{proof.uploadStatusLabel}</Badge>
                {proof.uploadError ? <span className="mt-1 block text-xs text-red-700">{proof.uploadError}</span> : null}
              </DescriptionItem>
              <DescriptionItem term="Agent’s note" wide>
                {proof.note ?? <span className="text-zinc-500">No note</span>}
              </DescriptionItem>
              <DescriptionItem term="Customer" wide>
                <Link to="/persons/$personId" params={{ personId: item.personId }} className={linkClass}>
                  {item.personName}
                </Link>
                {item.identificationId ? (
                  <>
                    {' · '}
                    <Link
                      to="/identifications/$identificationId"
                      params={{ identificationId: item.identificationId }}
                      className={linkClass}
                    >
                      identification
                    </Link>
                  </>
                ) : null}
              </DescriptionItem>
            </DescriptionList>
            {proof.warnings.length > 0 ? (
              <div className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                <div>{proof.warnings.join(' ')}</div>
              </div>
            ) : null}
            <section aria-labelledby={`${blockedId}-decision`} className="border-t border-zinc-200 pt-4">
              <h3 id={`${blockedId}-decision`} className="text-sm font-semibold text-zinc-900">
                Decision
              </h3>
              {proof.mayDecide ? (
                <p className="mt-0.5 text-xs text-zinc-500">Check the name, the address and the date against the customer’s data.</p>
              ) : (
                <p id={blockedId} className="mt-1 flex gap-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
                  <ShieldAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-500" />
                  {proof.decisionBlockedReason}
                </p>
              )}
              <div className="mt-3 flex flex-wrap gap-2">
                {(['approve', 'reject', 'request_resubmission'] as const satisfies readonly Decision[]).map((decision) => (
                  <DecisionDialog
                    key={decision}
                    decision={decision}
                    item={item}
                    disabled={!proof.mayDecide}
                    describedBy={proof.mayDecide ? undefined : blockedId}
                    onDecided={onDecided}
                    onOutdated={onOutdated}
                  />
                ))}
              </div>
            </section>
          </div>
          <div className={cn('p-4 lg:col-span-3')}>
            {proof.hasFile ? (
              <DocumentViewer
                fileUrl={urls.fileUrl}
                downloadUrl={urls.downloadUrl}
                fileName={proof.fileName ?? undefined}
                description={`Proof of address: ${proof.typeLabel}`}
                viewportClassName="h-[60vh]"
              />
            ) : (
              <EmptyState icon={FileX2} title="No file is stored for this proof">
                The agent recorded it without a file. Ask them to record it again with the document, or request a new one.
              </EmptyState>
            )}
          </div>
        </div>
      </Panel>
    </div>
  );
}
