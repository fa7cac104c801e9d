import { Link, useNavigate } from '@tanstack/react-router';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { History, Inbox, MapPinOff, ShieldAlert, TriangleAlert } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import '../../../components/data-table/column-meta.ts';
import { DataTable } from '../../../components/data-table/data-table.tsx';
import { ChangesTable } from '../../../components/person-change/changes-table.tsx';
import {
  CautionNote,
  NearbyAddressNote,
  ProposalPeople,
  ProposalStatusBadge,
  SolarisAnswer,
  type Proposal,
} from '../../../components/person-change/proposal.tsx';
import { buttonClasses } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { formatCount } from '../../../lib/format.ts';
import { ageCell } from './identification-queue.tsx';
import { PersonChangeDecisionDialog } from './person-change-decision.tsx';
import { useQueueSummary } from './queue-heading.ts';
import { QueueNoticeLine, type QueueNotice } from './queue-notice.tsx';
import { queueItemKey, type QueueItem, type QueuePage, type QueueSearch } from './queues.ts';

const features = tableFeatures({});
const column = createColumnHelper<typeof features, QueueItem>();
const linkClass = 'text-accent-700 underline-offset-2 hover:underline';

function proposalOf(item: QueueItem): Proposal | null {
  return 'proposal' in item && item.proposal ? (item.proposal as Proposal) : null;
}

/** "Residence address, Email": the fields a change touches, an address once however many parts changed. */
function changedFieldsSummary(proposal: Proposal): string {
  return [...new Set(proposal.changes.map((change) => change.label.split(':')[0] ?? change.label))].join(', ');
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
      id: 'changes',
      header: 'Changes',
      cell: ({ row }) => {
        const proposal = proposalOf(row.original);
        if (!proposal) return null;
        return (
          <div className="max-w-md space-y-1">
            <p className="text-pretty">{changedFieldsSummary(proposal)}</p>
            <p className="flex flex-wrap gap-1">
              <ProposalStatusBadge proposal={proposal} />
              {proposal.nearbyAddress ? (
                <span className="inline-flex items-center gap-1 text-xs text-amber-800">
                  <MapPinOff aria-hidden="true" className="size-3.5" />
                  Nearby address
                </span>
              ) : null}
            </p>
          </div>
        );
      },
    }),
    column.display({
      id: 'proposed',
      header: 'Proposed by',
      cell: ({ row }) => <span className="whitespace-nowrap">{proposalOf(row.original)?.proposedBy.name}</span>,
    }),
    column.display({ id: 'age', header: 'Waiting', cell: ({ row }) => ageCell(row.original) }),
    column.display({
      id: 'review',
      header: () => <span className="sr-only">Review</span>,
      cell: ({ row }) => {
        const proposal = proposalOf(row.original);
        if (!proposal) return null;
        const current = proposal.id === selected;
        return (
          <div className="flex justify-end">
            <Link
              to="."
              search={(previous: QueueSearch) => ({ ...previous, proposal: proposal.id })}
              aria-current={current ? 'true' : undefined}
              // The visible word starts the name (WCAG 2.5.3, label in name): speech users say what they see.
              aria-label={`${current ? 'Reviewing' : 'Review'} the change to ${row.original.personName}`}
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
 * Changes to customers' data waiting for a four-eyes decision (and those Solaris refused, to be
 * sent again or rejected): the list, and the change under review (`?proposal=`) with its diff,
 * the agent's note, the address check, and Solaris' answer once it is sent.
 */
export function PersonChangeQueue({ page, search, pager }: { page: QueuePage; search: QueueSearch; pager: ReactNode }) {
  const summary = useQueueSummary('person_changes');
  const [notice, setNotice] = useState<QueueNotice>(null);
  // The last decision's outcome, shown until the next one: an applied change has left the queue.
  const [answered, setAnswered] = useState<Proposal | null>(null);
  const columns = useMemo(() => columnsFor(search.proposal), [search.proposal]);
  const table = useTable({ features, columns, data: page.items, getRowId: queueItemKey });
  const selected = search.proposal ? page.items.map(proposalOf).find((proposal) => proposal?.id === search.proposal) : undefined;
  const navigate = useNavigate();
  const closeReview = () => void navigate({ to: '.', search: (previous: QueueSearch) => ({ ...previous, proposal: undefined }) });

  const onDecided = (proposal: Proposal) => {
    setAnswered(proposal);
    const done =
      proposal.status === 'applied'
        ? `Approved: Solaris took the change to ${proposal.personName}.`
        : proposal.status === 'rejected'
          ? `Rejected the change to ${proposal.personName}.`
          : `Approved, but Solaris refused the change to ${proposal.personName}: see its answer below.`;
    setNotice({ tone: proposal.status === 'failed' ? 'outdated' : 'done', message: done });
    if (proposal.status !== 'failed') closeReview();
  };

  return (
    <div className="space-y-4">
      <QueueNoticeLine notice={notice} />
      {answered && answered.status !== 'rejected' && answered.id !== selected?.id ? (
        <Panel title={`Solaris’ answer: ${answered.personName}`}>
          <div className="space-y-2 px-4 py-3">
            <SolarisAnswer proposal={answered} />
          </div>
          <ChangesTable changes={answered.changes} caption="Changes sent to Solaris" />
        </Panel>
      ) : null}
      <Panel
        title={summary?.label ?? 'Customer data changes'}
        description={
          <>
            {summary?.description}{' '}
            <span className="text-zinc-700">{page.total === 0 ? 'Nothing open.' : `${formatCount(page.total)} waiting, oldest first.`}</span>
          </>
        }
        actions={pager}
      >
        <DataTable
          table={table}
          caption="Changes to customer data waiting for a decision"
          empty={
            <EmptyState icon={Inbox} title="No change to customer data is waiting for a decision">
              Changes appear here when an agent proposes one on a customer’s page.
            </EmptyState>
          }
        />
      </Panel>
      {selected ? (
        <ReviewPanel key={`${selected.id}-${selected.status}`} proposal={selected} onDecided={onDecided} onOutdated={(message) => {
          setNotice({ tone: 'outdated', message });
          closeReview();
        }} />
      ) : search.proposal ? (
        <Panel padded>
          <EmptyState
            icon={Inbox}
            title="This change is no longer waiting"
            action={
              <Link to="." search={(previous: QueueSearch) => ({ ...previous, proposal: undefined })} className={buttonClasses()}>
                Back to the list
              </Link>
            }
          >
            Someone may have decided it in the meantime, or the agent withdrew it. The customer’s page shows every change.
          </EmptyState>
        </Panel>
      ) : null}
    </div>
  );
}

function ReviewPanel({
  proposal,
  onDecided,
  onOutdated,
}: {
  proposal: Proposal;
  onDecided: (proposal: Proposal) => void;
  onOutdated: (message: string) => void;
}) {
  const blockedId = useId();
  const headingRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keyboard and screen-reader users land on what they chose to review.
    headingRef.current?.focus();
  }, []);
  const changedSince = proposal.personVersionNow > proposal.basedOnVersion;
  const findings = proposal.addressFindings ?? [];

  return (
    <div ref={headingRef} tabIndex={-1} className="focus:outline-none">
      <Panel
        title={`Review: ${proposal.personName}`}
        description="Check the change against the note and the customer’s page. Approving sends it to Solaris at once."
        actions={
          <Link to="/persons/$personId" params={{ personId: proposal.personId }} className={buttonClasses({ size: 'sm', variant: 'ghost' })}>
            Open the customer
          </Link>
        }
      >
        {/* The diff first and full width: it is what is decided, and long values (emails) need the room. */}
        <ChangesTable changes={proposal.changes} caption={`Proposed changes to ${proposal.personName}`} />
        <div className="grid gap-0 border-t border-zinc-200 lg:grid-cols-2">
          <div className="space-y-3 border-zinc-200 p-4 lg:border-r">
            <div className="flex flex-wrap items-center gap-2">
              <ProposalStatusBadge proposal={proposal} />
            </div>
            <ProposalPeople proposal={proposal} />
            <div>
              <p className="text-xs font-medium text-zinc-500">Agent’s note</p>
              <p className="text-sm whitespace-pre-wrap text-zinc-900">{proposal.note}</p>
            </div>
            {changedSince ? (
              <CautionNote icon={History}>
                The customer’s data changed since the proposal (version {proposal.basedOnVersion} then, {proposal.personVersionNow} now).
                Check the “from” values against the customer’s page.
              </CautionNote>
            ) : null}
            {proposal.nearbyAddress ? <NearbyAddressNote when="approved" /> : null}
          </div>
          <div className="space-y-3 p-4">
            {findings.length > 0 ? (
              <div>
                <p className="text-xs font-medium text-zinc-500">Address check when proposed</p>
                <ul aria-label="Address check findings" className="mt-1 space-y-0.5 text-sm">
                  {findings.map((finding) => (
                    <li key={`${finding.field}-${finding.code}`} className="flex gap-1.5">
                      <TriangleAlert
                        aria-hidden="true"
                        className={finding.severity === 'error' ? 'mt-0.5 size-3.5 shrink-0 text-red-600' : 'mt-0.5 size-3.5 shrink-0 text-amber-600'}
                      />
                      {finding.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {proposal.solaris ? <SolarisAnswer proposal={proposal} /> : null}
            <section aria-labelledby={`${blockedId}-decision`}>
              <h3 id={`${blockedId}-decision`} className="text-sm font-semibold text-zinc-900">
                Decision
              </h3>
              {proposal.canDecide ? (
                <p className="mt-0.5 text-xs text-zinc-500">
                  {proposal.status === 'failed'
                    ? 'Approve again to send it once more (when Solaris did not answer), or reject it with the reason Solaris gave.'
                    : 'Approving sends the change to Solaris and shows its answer here.'}
                </p>
              ) : (
                <p id={blockedId} className="mt-1 flex gap-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
                  <ShieldAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-500" />
                  Four eyes: you proposed this change, so another compliance reviewer decides it.
                </p>
              )}
              <div className="mt-3 flex flex-wrap gap-2">
                {(['approve', 'reject'] as const).map((decision) => (
                  <PersonChangeDecisionDialog
                    key={decision}
                    decision={decision}
                    proposal={proposal}
                    disabled={!proposal.canDecide}
                    describedBy={proposal.canDecide ? undefined : blockedId}
                    onDecided={onDecided}
                    onOutdated={onOutdated}
                  />
                ))}
              </div>
            </section>
          </div>
        </div>
      </Panel>
    </div>
  );
}
