import { CircleCheck, CircleSlash, CircleX, FileClock, LoaderCircle, MapPinOff, Send, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { Badge, type BadgeTone } from '../ui/badge.tsx';

/** A proposed change to a customer's data (docs/handoff/person-changes-api.md, Proposal). */
export type Proposal = RouterOutputs['person']['changeProposals'][number];
export type ProposalStatus = Proposal['status'];

const LOOKS: Record<ProposalStatus, { tone: BadgeTone; icon: LucideIcon }> = {
  pending_review: { tone: 'review', icon: FileClock },
  applying: { tone: 'info', icon: Send },
  applied: { tone: 'success', icon: CircleCheck },
  failed: { tone: 'danger', icon: TriangleAlert },
  rejected: { tone: 'danger', icon: CircleX },
  withdrawn: { tone: 'neutral', icon: CircleSlash },
};

export function ProposalStatusBadge({ proposal }: { proposal: Pick<Proposal, 'status' | 'statusLabel'> }) {
  const look = LOOKS[proposal.status];
  return (
    <Badge tone={look.tone} icon={proposal.status === 'applying' ? LoaderCircle : look.icon}>
      {proposal.statusLabel}
    </Badge>
  );
}

/**
 * What Solaris answered to the PATCH: the new version when it took the change, or its errors
 * field by field (`address.country`: why) when it refused.
 */
/**
 * What Solaris' answer means for the reviewer: a 5xx or 429 is Solaris' own trouble (nothing was
 * changed, approving again later resends it), a 4xx is a refusal of the change itself.
 */
function solarisAnswerHeadline(status: number | null): string {
  if (status === null) return 'Solaris did not answer: nothing was changed. Approving again sends it again.';
  if (status === 429 || status >= 500) {
    return `Solaris could not take the change now (HTTP ${status}): nothing was changed. Wait a few minutes, then approve again to resend it.`;
  }
  return `Solaris refused the change (HTTP ${status}).`;
}

export function SolarisAnswer({ proposal }: { proposal: Proposal }) {
  if (proposal.status === 'applied') {
    return (
      <p className="flex items-center gap-1.5 text-sm text-emerald-800">
        <CircleCheck aria-hidden="true" className="size-4 shrink-0" />
        Solaris took the change{proposal.appliedAt ? ` on ${formatDateTime(proposal.appliedAt)}` : ''}
        {proposal.appliedVersion === null ? '' : `: the customer’s data is now version ${proposal.appliedVersion}`}.
      </p>
    );
  }
  if (!proposal.solaris) return null;
  const { status, errors } = proposal.solaris;
  return (
    <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="font-medium">
        {solarisAnswerHeadline(status)}
      </p>
      {errors.length > 0 ? (
        <ul aria-label="Solaris’ errors" className="mt-1 space-y-0.5">
          {errors.map((error, index) => (
            <li key={`${error.field ?? ''}-${index}`}>
              {error.field ? <span className="font-mono text-xs font-medium">{error.field}</span> : null}
              {error.field ? ': ' : null}
              {error.title}
              {error.detail && error.detail !== error.title ? <span className="text-red-800"> — {error.detail}</span> : null}
              {error.code ? <span className="ml-1 text-xs text-red-700">({error.code})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Who proposed it and when; who decided, when, and why. */
export function ProposalPeople({ proposal }: { proposal: Proposal }) {
  return (
    <div className="space-y-0.5 text-xs text-zinc-600">
      <p>
        Proposed by <span className="font-medium text-zinc-800">{proposal.proposedBy.name}</span>,{' '}
        <time dateTime={proposal.proposedAt}>{formatDateTime(proposal.proposedAt)}</time>
      </p>
      {proposal.decidedBy && proposal.decidedAt ? (
        <p>
          Decided by <span className="font-medium text-zinc-800">{proposal.decidedBy.name}</span>,{' '}
          <time dateTime={proposal.decidedAt}>{formatDateTime(proposal.decidedAt)}</time>
          {proposal.decisionReason ? <span className="block text-zinc-800">“{proposal.decisionReason}”</span> : null}
        </p>
      ) : null}
    </div>
  );
}

/** A calm amber note with its icon: something the reader must take into account, not an error. */
export function CautionNote({ icon: Icon, children }: { icon: LucideIcon; children: ReactNode }) {
  return (
    <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

/** The seed's rule for an address that failed the check, said where the change is proposed and decided. */
export function NearbyAddressNote({ when }: { when: 'applied' | 'approved' }) {
  return (
    <CautionNote icon={MapPinOff}>
      The address did not pass the check and is saved as the customer’s nearby address: once {when}, the customer must
      send a proof of address.
    </CautionNote>
  );
}
