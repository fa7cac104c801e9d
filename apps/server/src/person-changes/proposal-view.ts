import type { PersonChangeProposalRecord, PersonChangeStatus, SolarisFieldError } from '@identdesk/db';
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

/** The proposal for `viewer`: masked values for agents, and what the viewer may do with it. */
export function proposalView(record: PersonChangeProposalRecord, viewer: { id: string; role: Role }): PersonChangeProposal {
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
    canDecide: viewer.role === 'compliance' && !own && (record.status === 'pending_review' || record.status === 'failed'),
  };
}
