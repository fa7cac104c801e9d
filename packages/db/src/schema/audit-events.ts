import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { users } from './users.ts';

/**
 * The append-only audit trail. A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE;
 * each row's `hash` is an HMAC, under a key the database never holds, of its content and the
 * previous row's hash, so a gap, an edit or a recomputed chain made around the trigger is found,
 * and an anchor kept outside the database catches deleted newest rows (`verifyAuditChain`,
 * decision 0005). Rows from before the key carry plain sha256 hashes.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamptz('occurred_at').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    personId: text('person_id'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    reason: text('reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Context of the action. Never personal data: refer to rows by id instead. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull().unique('audit_events_hash_unique'),
  },
  (t) => [
    index('audit_events_occurred_at_idx').on(t.occurredAt),
    index('audit_events_actor_occurred_at_idx').on(t.actorUserId, t.occurredAt),
    index('audit_events_person_occurred_at_idx').on(t.personId, t.occurredAt),
    index('audit_events_action_occurred_at_idx').on(t.action, t.occurredAt),
    // Searches and compliance queues list whom a page showed in details.personIds: "who saw this customer" looks there too.
    index('audit_events_shown_person_ids_idx').using('gin', sql`(${t.details} -> 'personIds') jsonb_path_ops`),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
