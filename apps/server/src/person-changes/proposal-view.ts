import { APPLYING_STUCK_AFTER_MS, type PersonChangeProposalRecord, type PersonChangeStatus, type SolarisFieldError } from '@identdesk/db';
import type { Role } from '@identdesk/domain';
import type { AddressFinding } from '../address/validate-address.ts';
import { changesOf, type FieldChangeView } from './fields.ts';

export const PERSON_CHANGE_STATUS_LABELS: Record<PersonChangeStatus, string> = {
  pending_review: 'Waiting for compliance',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  applying: 'Being sent to Solaris',
  applied: 'Applied at Solaris',
  failed: 'Refused by Solaris',
};

/** A proposed change as the person page and the compliance queue show it (contract: `Proposal`). */
export interface PersonChangeProposal {
  id: string;
  personId: string;
  personName: string;
  status: PersonChangeStatus;
  statusLabel: string;
  basedOnVersion: number;
  personVersionNow: number;
  changes: FieldChangeView[];
  nearbyAddress: boolean;
  addressFindings: AddressFinding[] | null;
  note: string;
  proposedBy: { id: string; name: string };
  proposedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  appliedAt: string | null;
  appliedVersion: number | null;
  /** Set once Solaris refused (`failed`): its HTTP status (null: no answer) and its errors. */
  solaris: { status: number | null; errors: SolarisFieldError[] } | null;
  canWithdraw: boolean;
  canDecide: boolean;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** Waiting for a decision, refused by Solaris, or interrupted while being sent: a reviewer can act on it. */
function decidable(record: PersonChangeProposalRecord, now: Date): boolean {
  if (record.status === 'pending_review' || record.status === 'failed') return true;
  return record.status === 'applying' && record.decidedAt !== null && record.decidedAt.getTime() <= now.getTime() - APPLYING_STUCK_AFTER_MS;
}

/**
 * The proposal for `viewer`: masked values for agents, and what the viewer may do with it.
 * `now` is the wall clock decisions are kept on.
 */
export function proposalView(
  record: PersonChangeProposalRecord,
  viewer: { id: string; role: Role },
  now: Date = new Date(),
): PersonChangeProposal {
  const own = record.proposedBy.id === viewer.id;
  return {
    id: record.id,
    personId: record.personId,
    personName: record.personName,
    status: record.status,
    statusLabel: PERSON_CHANGE_STATUS_LABELS[record.status],
    basedOnVersion: record.basedOnVersion,
    personVersionNow: record.personVersionNow,
    changes: changesOf(record.patch, record.previousValues, viewer.role !== 'compliance'),
    nearbyAddress: record.nearbyAddress,
    addressFindings: (record.addressFindings as AddressFinding[] | null) ?? null,
    note: record.note,
    proposedBy: record.proposedBy,
    proposedAt: record.proposedAt.toISOString(),
    decidedBy: record.decidedBy,
    decidedAt: iso(record.decidedAt),
    decisionReason: record.decisionReason,
    appliedAt: iso(record.appliedAt),
    appliedVersion: record.appliedVersion,
    solaris:
      record.status === 'failed' || record.solarisErrors
        ? { status: record.solarisStatus, errors: record.solarisErrors ?? [] }
        : null,
    canWithdraw: own && record.status === 'pending_review',
    canDecide: viewer.role === 'compliance' && !own && decidable(record, now),
  };
}
