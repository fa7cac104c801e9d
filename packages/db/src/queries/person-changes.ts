import { desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DatabaseExecutor } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';
import {
  personChangeProposals,
  type PersonChangeStatus,
  type SolarisFieldError,
} from '../schema/person-change-proposals.ts';
import { persons } from '../schema/persons.ts';
import { users } from '../schema/users.ts';
import { refreshProofOfAddressState } from './proof-of-address-state.ts';

/** Statuses in which a proposal holds the person: a second one would race it at Solaris. */
export const OPEN_PERSON_CHANGE_STATUSES = ['pending_review', 'applying'] as const satisfies readonly PersonChangeStatus[];
/** Statuses the compliance queue `person_changes` lists: waiting for a decision, or refused by Solaris. */
export const PERSON_CHANGE_QUEUE_STATUSES = ['pending_review', 'failed'] as const satisfies readonly PersonChangeStatus[];

/** Longer than any PATCH with its retries takes: a proposal `applying` this long was interrupted. */
export const APPLYING_STUCK_AFTER_MS = 10 * 60_000;

/** A proposal with the names around it, as every view of it needs them. */
export interface PersonChangeProposalRecord {
  id: string;
  personId: string;
  personName: string;
  /** The person's stored version now, to compare with `basedOnVersion`. */
  personVersionNow: number;
  basedOnVersion: number;
  patch: Record<string, unknown>;
  previousValues: Record<string, unknown>;
  nearbyAddress: boolean;
  addressFindings: unknown[] | null;
  note: string;
  status: PersonChangeStatus;
  proposedBy: { id: string; name: string };
  proposedAt: Date;
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  appliedAt: Date | null;
  appliedVersion: number | null;
  solarisStatus: number | null;
  solarisErrors: SolarisFieldError[] | null;
}

const proposer = alias(users, 'proposer');
const decider = alias(users, 'decider');

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

function personName(firstName: string | null, lastName: string | null): string {
  return [firstName, lastName].filter((part) => part && part.trim() !== '').join(' ') || '(no name)';
}

function selectRecords(db: DatabaseExecutor) {
  return db
    .select({
      proposal: personChangeProposals,
      firstName: persons.firstName,
      lastName: persons.lastName,
      personVersionNow: persons.version,
      proposerName: proposer.displayName,
      deciderName: decider.displayName,
    })
    .from(personChangeProposals)
    .innerJoin(persons, eq(persons.id, personChangeProposals.personId))
    .innerJoin(proposer, eq(proposer.id, personChangeProposals.proposedBy))
    .leftJoin(decider, eq(decider.id, personChangeProposals.decidedBy));
}

type SelectedRecord = Awaited<ReturnType<ReturnType<typeof selectRecords>['execute']>>[number];

function recordOf(row: SelectedRecord): PersonChangeProposalRecord {
  const p = row.proposal;
  return {
    id: p.id,
    personId: p.personId,
    personName: personName(row.firstName, row.lastName),
    personVersionNow: row.personVersionNow,
    basedOnVersion: p.basedOnVersion,
    patch: p.patch,
    previousValues: p.previousValues,
    nearbyAddress: p.nearbyAddress,
    addressFindings: p.addressFindings ?? null,
    note: p.note,
    status: p.status,
    proposedBy: { id: p.proposedBy, name: row.proposerName },
    proposedAt: p.proposedAt,
    decidedBy: p.decidedBy ? { id: p.decidedBy, name: row.deciderName ?? '(unknown user)' } : null,
    decidedAt: p.decidedAt,
    decisionReason: p.decisionReason,
    appliedAt: p.appliedAt,
    appliedVersion: p.appliedVersion,
    solarisStatus: p.solarisStatus,
    solarisErrors: p.solarisErrors ?? null,
  };
}

export async function getPersonChangeProposal(db: DatabaseExecutor, proposalId: string): Promise<PersonChangeProposalRecord | null> {
  const [row] = await selectRecords(db).where(eq(personChangeProposals.id, proposalId)).limit(1);
  return row ? recordOf(row) : null;
}

/** A person's proposals, newest first (person_change_proposals_person_id_idx). */
export async function listPersonChangeProposals(db: DatabaseExecutor, personId: string): Promise<PersonChangeProposalRecord[]> {
  const rows = await selectRecords(db)
    .where(eq(personChangeProposals.personId, personId))
    .orderBy(desc(personChangeProposals.proposedAt), desc(personChangeProposals.id));
  return rows.map(recordOf);
}

/** The person's open proposal (pending_review or applying), if any. */
export async function findOpenPersonChangeProposal(db: DatabaseExecutor, personId: string): Promise<PersonChangeProposalRecord | null> {
  const [row] = await selectRecords(db)
    .where(
      sql`${personChangeProposals.personId} = ${personId} and ${inArray(personChangeProposals.status, [...OPEN_PERSON_CHANGE_STATUSES])}`,
    )
    .limit(1);
  return row ? recordOf(row) : null;
}

export interface NewPersonChangeProposal {
  personId: string;
  basedOnVersion: number;
  patch: Record<string, unknown>;
  previousValues: Record<string, unknown>;
  nearbyAddress: boolean;
  addressFindings: unknown[] | null;
  note: string;
  proposedBy: string;
  proposedAt: Date;
}

export type InsertPersonChangeProposalResult =
  | { outcome: 'proposed'; proposal: PersonChangeProposalRecord }
  | { outcome: 'not_found' }
  | { outcome: 'version_changed'; versionNow: number }
  | { outcome: 'open_exists'; open: PersonChangeProposalRecord };

/**
 * Stores a proposal unless the person changed since the form was opened or another proposal is
 * open. The person row is locked first, so two agents proposing at once queue up here and the
 * second is told about the first; the partial unique index is the second guard.
 */
export async function insertPersonChangeProposal(
  db: DatabaseExecutor,
  proposal: NewPersonChangeProposal,
): Promise<InsertPersonChangeProposalResult> {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ version: persons.version })
      .from(persons)
      .where(eq(persons.id, proposal.personId))
      .for('no key update');
    if (!person) return { outcome: 'not_found' };
    if (person.version > proposal.basedOnVersion) return { outcome: 'version_changed', versionNow: person.version };
    const open = await findOpenPersonChangeProposal(tx, proposal.personId);
    if (open) return { outcome: 'open_exists', open };
    const [inserted] = await tx.insert(personChangeProposals).values(proposal).returning({ id: personChangeProposals.id });
    if (!inserted) throw new Error('person change proposal was not stored');
    const stored = await getPersonChangeProposal(tx, inserted.id);
    if (!stored) throw new Error('person change proposal vanished');
    return { outcome: 'proposed', proposal: stored };
  });
}

export type WithdrawPersonChangeResult =
  | { outcome: 'withdrawn'; proposal: PersonChangeProposalRecord }
  | { outcome: 'not_found' }
  | { outcome: 'not_proposer'; proposal: PersonChangeProposalRecord }
  | { outcome: 'not_pending'; proposal: PersonChangeProposalRecord };

/** The proposer takes back a proposal nobody decided yet. */
export async function withdrawPersonChangeProposal(
  db: DatabaseExecutor,
  params: { proposalId: string; userId: string },
): Promise<WithdrawPersonChangeResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from person_change_proposals where id = ${params.proposalId} for update`);
    const proposal = await getPersonChangeProposal(tx, params.proposalId);
    if (!proposal) return { outcome: 'not_found' };
    if (proposal.proposedBy.id !== params.userId) return { outcome: 'not_proposer', proposal };
    if (proposal.status !== 'pending_review') return { outcome: 'not_pending', proposal };
    await tx
      .update(personChangeProposals)
      .set({ status: 'withdrawn' })
      .where(sql`${personChangeProposals.id} = ${params.proposalId} and ${personChangeProposals.status} = 'pending_review'`);
    return { outcome: 'withdrawn', proposal: { ...proposal, status: 'withdrawn' } };
  });
}

export type PersonChangeDecision = 'approve' | 'reject';

export type DecidePersonChangeResult =
  | { outcome: 'rejected'; proposal: PersonChangeProposalRecord }
  /** Marked `applying`: the caller sends the PATCH now and records the answer. */
  | { outcome: 'applying'; proposal: PersonChangeProposalRecord }
  | { outcome: 'not_found' }
  | { outcome: 'own_proposal' }
  | { outcome: 'already_decided'; status: PersonChangeStatus; decidedBy: string | null; decidedAt: Date | null }
  /** Approving a `failed` proposal again, while a newer one for the same person is open. */
  | { outcome: 'open_exists'; open: PersonChangeProposalRecord };

/**
 * A four-eyes decision on a proposal. The row is locked first, so of two concurrent decisions
 * exactly one finds it pending and the other is told who decided; the proposer may not decide
 * (the database's CHECK refuses it too). Approving marks it `applying` before anything is sent
 * to Solaris, so a crash in between stays visible. Approving a `failed` proposal, or one
 * interrupted while `applying` (APPLYING_STUCK_AFTER_MS), sends it again: the PATCH is idempotent.
 */
export async function decidePersonChangeProposal(
  db: DatabaseExecutor,
  params: { proposalId: string; deciderId: string; decision: PersonChangeDecision; reason: string | null; now: Date },
): Promise<DecidePersonChangeResult> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ person_id: string; status: PersonChangeStatus; proposed_by: string; decided_by: string | null; decided_at: unknown }>(sql`
      select person_id, status, proposed_by, decided_by, decided_at from person_change_proposals
      where id = ${params.proposalId}
      for update`);
    const row = locked.rows[0];
    if (!row) return { outcome: 'not_found' };
    if (row.proposed_by === params.deciderId) return { outcome: 'own_proposal' };
    // A `failed` one is sent again on a new approval; so is one left `applying` long enough
    // that no request can still be on its way (Identdesk stopped between marking and sending).
    const stuck = row.status === 'applying' && (asDate(row.decided_at)?.getTime() ?? 0) <= params.now.getTime() - APPLYING_STUCK_AFTER_MS;
    const retry = (row.status === 'failed' || stuck) && params.decision === 'approve';
    if (row.status !== 'pending_review' && !retry) {
      // Read after the lock in a statement of its own: on PostgreSQL a row re-read after waiting
      // for the lock keeps the joined rows of the first look, when nobody had decided yet.
      const name = row.decided_by
        ? await tx.execute<{ display_name: string }>(sql`select display_name from users where id = ${row.decided_by}`)
        : null;
      return {
        outcome: 'already_decided',
        status: row.status,
        decidedBy: name?.rows[0]?.display_name ?? null,
        decidedAt: asDate(row.decided_at),
      };
    }
    // A failed proposal is no longer open, so an agent may have proposed a newer change since;
    // sending the old one now would race it at Solaris (and the one-open index refuses it).
    if (retry && row.status === 'failed') {
      const open = await findOpenPersonChangeProposal(tx, row.person_id);
      if (open) return { outcome: 'open_exists', open };
    }
    const status = params.decision === 'approve' ? 'applying' : 'rejected';
    try {
      // In a savepoint, so that a refusal by the one-open index below can still be answered.
      await tx.transaction(async (savepoint) => {
        await savepoint
          .update(personChangeProposals)
          .set({
            status,
            decidedBy: params.deciderId,
            decidedAt: params.now,
            decisionReason: params.reason,
            // A new attempt starts without the last one's answer.
            solarisStatus: null,
            solarisErrors: null,
          })
          .where(eq(personChangeProposals.id, params.proposalId));
      });
    } catch (error) {
      // An agent's newer proposal committed after the look above: the index has the last word.
      const open = retry && isUniqueViolation(error, 'person_change_proposals_one_open_per_person')
        ? await findOpenPersonChangeProposal(tx, row.person_id)
        : null;
      if (open) return { outcome: 'open_exists', open };
      throw error;
    }
    const proposal = await getPersonChangeProposal(tx, params.proposalId);
    if (!proposal) throw new Error('person change proposal vanished');
    return params.decision === 'approve' ? { outcome: 'applying', proposal } : { outcome: 'rejected', proposal };
  });
}

/**
 * Solaris accepted the PATCH and its answer is stored as `appliedVersion`. A nearby address
 * (seed) makes the person need a proof of address: the flag the proof-of-address state reads is
 * set and the state refreshed in the same transaction, so search and the person page show it.
 */
export async function markPersonChangeApplied(
  db: DatabaseExecutor,
  params: { proposalId: string; appliedAt: Date; appliedVersion: number; solarisStatus: number },
): Promise<PersonChangeProposalRecord> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(personChangeProposals)
      .set({ status: 'applied', appliedAt: params.appliedAt, appliedVersion: params.appliedVersion, solarisStatus: params.solarisStatus })
      .where(eq(personChangeProposals.id, params.proposalId))
      .returning({ personId: personChangeProposals.personId, nearbyAddress: personChangeProposals.nearbyAddress });
    if (!updated) throw new Error(`person change proposal ${params.proposalId} is not stored`);
    if (updated.nearbyAddress) {
      await tx.update(persons).set({ proofOfAddressRequired: true }).where(eq(persons.id, updated.personId));
      await refreshProofOfAddressState(tx, updated.personId);
    }
    const proposal = await getPersonChangeProposal(tx, params.proposalId);
    if (!proposal) throw new Error('person change proposal vanished');
    return proposal;
  });
}

/** Solaris refused the PATCH (or did not answer: status null); its errors are kept field by field. */
export async function markPersonChangeFailed(
  db: DatabaseExecutor,
  params: { proposalId: string; solarisStatus: number | null; solarisErrors: SolarisFieldError[] },
): Promise<PersonChangeProposalRecord> {
  await db
    .update(personChangeProposals)
    .set({ status: 'failed', solarisStatus: params.solarisStatus, solarisErrors: params.solarisErrors })
    .where(eq(personChangeProposals.id, params.proposalId));
  const proposal = await getPersonChangeProposal(db, params.proposalId);
  if (!proposal) throw new Error(`person change proposal ${params.proposalId} is not stored`);
  return proposal;
}

/** Open items of the compliance queue `person_changes` and the oldest one's proposal time. */
export async function countPersonChangeQueue(db: DatabaseExecutor): Promise<{ open: number; oldestAt: Date | null }> {
  // person_change_proposals_status_proposed_at_idx (status, proposed_at): an index range per status.
  const result = await db.execute<{ open: number; oldest_at: unknown }>(sql`
    select count(*)::int as open, min(proposed_at) as oldest_at
    from person_change_proposals where status in ('pending_review', 'failed')`);
  const row = result.rows[0];
  return { open: Number(row?.open ?? 0), oldestAt: asDate(row?.oldest_at) };
}

/** One page of the queue, oldest first. */
export async function listPersonChangeQueue(
  db: DatabaseExecutor,
  params: { page: number; pageSize: number },
): Promise<{ items: PersonChangeProposalRecord[]; total: number }> {
  const { open } = await countPersonChangeQueue(db);
  const rows = await selectRecords(db)
    .where(inArray(personChangeProposals.status, [...PERSON_CHANGE_QUEUE_STATUSES]))
    .orderBy(personChangeProposals.proposedAt, personChangeProposals.id)
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize);
  return { items: rows.map(recordOf), total: open };
}
