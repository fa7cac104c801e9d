import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { isOneOf, timestamptz } from './columns.ts';
import { persons } from './persons.ts';
import { users } from './users.ts';

/**
 * Where a proposed change stands. `applying` is written before Identdesk sends the PATCH to
 * Solaris, so a crash in between is visible (and the PATCH, idempotent, can be sent again).
 * `failed` means Solaris refused it: `solaris_errors` holds its answer field by field.
 */
export const PERSON_CHANGE_STATUSES = ['pending_review', 'rejected', 'withdrawn', 'applying', 'applied', 'failed'] as const;
export type PersonChangeStatus = (typeof PERSON_CHANGE_STATUSES)[number];

/** One error of Solaris' answer to a PATCH, as the seed's error body carries it. */
export interface SolarisFieldError {
  field: string | null;
  code: string | null;
  title: string | null;
  detail: string;
}

/** A change to a person an agent proposed; applied to Solaris only after a second person approves (four eyes). */
export const personChangeProposals = pgTable(
  'person_change_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** The person version the agent saw when proposing; a later version makes the reviewer look twice. */
    basedOnVersion: integer('based_on_version').notNull(),
    /** The Solaris PATCH body (snake_case, validated by the domain's allow-list schema). */
    patch: jsonb('patch').$type<Record<string, unknown>>().notNull(),
    /** The proposed fields' values when proposed, keyed like `patch`, so the decision shows from → to. */
    previousValues: jsonb('previous_values').$type<Record<string, unknown>>().notNull(),
    /**
     * The address failed validation and the agent saved it as the customer's nearby address
     * (seed): once applied, the person needs a proof of address.
     */
    nearbyAddress: boolean('nearby_address').notNull().default(false),
    /** The address validation's findings when proposed, for the reviewer. */
    addressFindings: jsonb('address_findings').$type<unknown[]>(),
    /** Why the customer asked for the change (the agent's words). */
    note: text('note').notNull(),
    status: text('status', { enum: PERSON_CHANGE_STATUSES }).notNull().default('pending_review'),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamptz('proposed_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamptz('decided_at'),
    /** Required for a rejection; optional for an approval. */
    decisionReason: text('decision_reason'),
    appliedAt: timestamptz('applied_at'),
    /** The person version Identdesk recorded from Solaris' answer to the PATCH. */
    appliedVersion: integer('applied_version'),
    solarisStatus: integer('solaris_status'),
    solarisErrors: jsonb('solaris_errors').$type<SolarisFieldError[]>(),
  },
  (t) => [
    index('person_change_proposals_person_id_idx').on(t.personId, t.proposedAt),
    index('person_change_proposals_status_proposed_at_idx').on(t.status, t.proposedAt),
    // One open proposal per person: a second one would race the first at Solaris.
    uniqueIndex('person_change_proposals_one_open_per_person')
      .on(t.personId)
      .where(sql`${t.status} in ('pending_review', 'applying')`),
    check('person_change_proposals_status_known', isOneOf(t.status, PERSON_CHANGE_STATUSES)),
    check('person_change_proposals_note_present', sql`length(trim(${t.note})) > 0`),
    check(
      'person_change_proposals_rejection_reason',
      sql`${t.status} <> 'rejected' or length(trim(coalesce(${t.decisionReason}, ''))) > 0`,
    ),
    check(
      'person_change_proposals_decision_complete',
      sql`(${t.status} in ('pending_review', 'withdrawn')) = (${t.decidedBy} is null and ${t.decidedAt} is null)`,
    ),
    check('person_change_proposals_four_eyes', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
  ],
);

export type PersonChangeProposalRow = typeof personChangeProposals.$inferSelect;
