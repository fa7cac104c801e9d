import { sql } from 'drizzle-orm';
import { check, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { COMPLIANCE_QUEUES } from '@identdesk/domain';
import { isOneOf, timestamptz } from './columns.ts';
import { identifications } from './identifications.ts';
import { users } from './users.ts';

/**
 * A compliance reviewer's acknowledgement of an identification in a queue (e.g. "bank account
 * blocked" for a reversed success). One per identification and queue; it takes the item out of
 * the queue's open list.
 */
export const complianceAcknowledgements = pgTable(
  'compliance_acknowledgements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identificationId: text('identification_id')
      .notNull()
      .references(() => identifications.id),
    queue: text('queue', { enum: COMPLIANCE_QUEUES }).notNull(),
    acknowledgedBy: uuid('acknowledged_by')
      .notNull()
      .references(() => users.id),
    acknowledgedAt: timestamptz('acknowledged_at').notNull().defaultNow(),
    note: text('note').notNull(),
  },
  (t) => [
    unique('compliance_acknowledgements_identification_queue_unique').on(t.identificationId, t.queue),
    check('compliance_acknowledgements_queue_known', isOneOf(t.queue, COMPLIANCE_QUEUES)),
    check('compliance_acknowledgements_note_present', sql`length(trim(${t.note})) > 0`),
  ],
);

export type ComplianceAcknowledgementRow = typeof complianceAcknowledgements.$inferSelect;
