import type { ProofOfAddressSubmissionStatus } from '@identdesk/domain';
import { Link } from '@tanstack/react-router';
import { CircleCheck, CircleX, Download, ExternalLink, FileClock, FileStack, RotateCcw, type LucideIcon } from 'lucide-react';
import { useState } from 'react';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx';
import { formatFileSize } from '../../../components/documents/file-size.ts';
import type { PersonDetail, ProofOfAddressSubmission } from './person-types.ts';
import { ProofOfAddressStateBadge } from './proof-of-address-state-badge.tsx';
import { RecordProofOfAddressDialog } from './record-proof-of-address-dialog.tsx';
import { DayValue, InstantValue, Missing } from './person-values.tsx';

const SUBMISSION_LOOKS: Record<ProofOfAddressSubmissionStatus, { tone: BadgeTone; icon: LucideIcon }> = {
  pending_review: { tone: 'review', icon: FileClock },
  approved: { tone: 'success', icon: CircleCheck },
  rejected: { tone: 'danger', icon: CircleX },
  resubmission_requested: { tone: 'warning', icon: RotateCcw },
};

function fileHref(submissionId: string, disposition: 'inline' | 'attachment') {
  return `/api/proof-of-address/${encodeURIComponent(submissionId)}/file?disposition=${disposition}`;
}

function SubmissionFile({ submission }: { submission: ProofOfAddressSubmission }) {
  if (!submission.fileName) return <Missing>No file</Missing>;
  return (
    <div className="min-w-0">
      <p className="max-w-48 truncate" title={submission.fileName}>
        {submission.fileName}
      </p>
      <p className="flex items-center gap-2 text-xs text-zinc-500">
        {submission.size === null ? null : <span className="tabular">{formatFileSize(submission.size)}</span>}
        <a
          href={fileHref(submission.id, 'inline')}
          target="_blank"
          rel="noopener"
          className="inline-flex items-center gap-0.5 text-accent-700 hover:underline"
          aria-label={`Open ${submission.fileName} in a new tab`}
        >
          Open
          <ExternalLink aria-hidden="true" className="size-3" />
        </a>
        <a
          href={fileHref(submission.id, 'attachment')}
          className="inline-flex items-center gap-0.5 text-accent-700 hover:underline"
          aria-label={`Download ${submission.fileName}`}
        >
          Download
          <Download aria-hidden="true" className="size-3" />
        </a>
      </p>
    </div>
  );
}

export interface ProofOfAddressPanelProps {
  personId: string;
  proofOfAddress: PersonDetail['proofOfAddress'];
  identifications: PersonDetail['identifications'];
  /** Agents record proofs; compliance decides on them and sees this panel read-only. */
  canRecord: boolean;
  onRecorded: () => void;
}

/**
 * Whether the customer owes a proof of address and why (the seed: only when the ID document
 * does not print the address), what was recorded and how compliance decided.
 */
export function ProofOfAddressPanel({ personId, proofOfAddress, identifications, canRecord, onRecorded }: ProofOfAddressPanelProps) {
  const [recorded, setRecorded] = useState<string | null>(null);
  const { submissions, documentsWithAddress } = proofOfAddress;

  return (
    <Panel
      title="Proof of address"
      actions={
        canRecord ? (
          <RecordProofOfAddressDialog
            personId={personId}
            identifications={identifications}
            onRecorded={(summary) => {
              setRecorded(summary);
              onRecorded();
            }}
          />
        ) : null
      }
    >
      <div className="space-y-2 px-4 py-3">
        <div className="flex flex-wrap items-start gap-3">
          <ProofOfAddressStateBadge state={proofOfAddress.state} />
          <p className="min-w-0 flex-1 text-sm text-zinc-700">{proofOfAddress.explanation}</p>
        </div>
        {documentsWithAddress.length > 0 ? (
          <p className="text-xs text-zinc-500">
            ID documents of the customer’s nationality that print the address (no proof needed with them):{' '}
            {documentsWithAddress.map((document, index) => (
              <span key={document.code}>
                {index > 0 ? ', ' : null}
                <span className="font-mono">{document.code}</span> ({document.kind === 'PASSPORT' ? 'passport' : 'ID card'})
              </span>
            ))}
          </p>
        ) : null}
        {!canRecord ? (
          <p className="text-xs text-zinc-500">
            Agents record proofs of address; compliance decides on them in the{' '}
            <Link to="/compliance" className="text-accent-700 underline underline-offset-2">
              compliance queues
            </Link>
            .
          </p>
        ) : null}
        <p role="status" className={recorded ? 'rounded-md bg-emerald-50 px-3 py-2 text-xs font-medium text-emerald-900' : 'sr-only'}>
          {recorded}
        </p>
      </div>
      {submissions.length === 0 ? (
        <div className="flex items-center gap-2 border-t border-zinc-200 px-4 py-3 text-sm text-zinc-500">
          <FileStack aria-hidden="true" className="size-4 text-zinc-400" />
          No proof of address recorded yet.
          {canRecord ? ' When the customer sends one, record it here.' : null}
        </div>
      ) : (
        <div className="border-t border-zinc-200">
          <Table caption="Recorded proofs of address">
            <TableHead>
              <tr>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>Issued</TableHeaderCell>
                <TableHeaderCell>Review</TableHeaderCell>
                <TableHeaderCell>Recorded</TableHeaderCell>
                <TableHeaderCell>File</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {submissions.map((submission) => {
                const look = SUBMISSION_LOOKS[submission.status];
                return (
                  <TableRow key={submission.id}>
                    <TableCell>
                      <p>{submission.typeLabel}</p>
                      {submission.note ? (
                        <p className="max-w-64 text-xs text-zinc-500" title={submission.note}>
                          {submission.note}
                        </p>
                      ) : null}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      <DayValue day={submission.issuedOn} />
                    </TableCell>
                    <TableCell>
                      <Badge tone={look.tone} icon={look.icon}>
                        {submission.statusLabel}
                      </Badge>
                      {submission.decidedBy ? (
                        <p className="mt-1 text-xs text-zinc-500">
                          {submission.decidedBy.name}, <InstantValue at={submission.decidedAt} />
                          {submission.decisionReason ? <span className="block text-zinc-700">“{submission.decisionReason}”</span> : null}
                        </p>
                      ) : null}
                    </TableCell>
                    <TableCell className="text-xs whitespace-nowrap">
                      <p className="text-sm">{submission.recordedBy.name}</p>
                      <InstantValue at={submission.recordedAt} />
                    </TableCell>
                    <TableCell>
                      <SubmissionFile submission={submission} />
                      <p
                        className={
                          submission.uploadStatus === 'failed' ? 'mt-0.5 text-xs font-medium text-red-700' : 'mt-0.5 text-xs text-zinc-500'
                        }
                        title={submission.uploadError ?? undefined}
                      >
                        {submission.uploadStatusLabel}
                        {submission.uploadStatus === 'failed' && submission.uploadError ? `: ${submission.uploadError}` : null}
                      </p>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </Panel>
  );
}

