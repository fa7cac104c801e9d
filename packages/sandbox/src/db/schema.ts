import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgSchema,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Everything the sandbox keeps lives in its own PostgreSQL schema, so that it never mixes with
 * Identdesk's tables even when both share one database. Timestamps named `*_at` are sandbox time
 * (the sandbox clock), except `lease_until`, which is wall-clock time for in-flight HTTP calls.
 */
export const sandbox = pgSchema('sandbox');

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const clockState = sandbox.table('clock_state', {
  id: smallint('id').primaryKey(),
  offsetMs: bigint('offset_ms', { mode: 'number' }).notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const persons = sandbox.table(
  'persons',
  {
    id: text('id').primaryKey(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthCity: text('birth_city'),
    birthDate: text('birth_date'),
    /** The person resource without its id, exactly as the API returns it. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (table) => [
    index('persons_identity_idx').on(table.firstName, table.lastName, table.birthCity, table.birthDate),
    index('persons_created_idx').on(table.createdAt, table.id),
  ],
);

export const identifications = sandbox.table(
  'identifications',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    method: text('method').notNull(),
    status: text('status').notNull(),
    reference: text('reference'),
    url: text('url'),
    language: text('language'),
    proofOfAddressType: text('proof_of_address_type'),
    proofOfAddressIssuedAt: text('proof_of_address_issued_at'),
    completedAt: instant('completed_at'),
    requestedAt: instant('requested_at'),
    urlExpiresAt: instant('url_expires_at'),
    estimatedWaitingTime: integer('estimated_waiting_time'),
    failureReason: text('failure_reason'),
    providerStatusCode: text('provider_status_code'),
    /** `AUTOTEST:HAPPYPATH`, `MANUALTEST:FRAUDOK`, or `random` for persons without a test prefix. */
    scenario: text('scenario'),
    /** Simulated customer on the identification page: null, `started`, `confirmed`. */
    customerStep: text('customer_step'),
    customerMobileNumber: text('customer_mobile_number'),
    /** The person's address when the identification concluded. */
    address: jsonb('address').$type<Record<string, string | null>>(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (table) => [
    index('identifications_person_idx').on(table.personId, table.createdAt),
    uniqueIndex('identifications_reference_idx').on(table.reference),
  ],
);

export const idnowAttempts = sandbox.table(
  'idnow_attempts',
  {
    id: text('id').primaryKey(),
    identificationId: text('identification_id')
      .notNull()
      .references(() => identifications.id),
    result: text('result').notNull(),
    reason: text('reason'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (table) => [index('idnow_attempts_identification_idx').on(table.identificationId, table.createdAt)],
);

export const documents = sandbox.table(
  'documents',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    identificationId: text('identification_id').references(() => identifications.id),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    documentType: text('document_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: instant('created_at').notNull(),
    /** Insertion order, for a stable listing of documents created at the same instant. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (table) => [
    index('documents_person_idx').on(table.personId, table.createdAt),
    index('documents_identification_idx').on(table.identificationId),
  ],
);

/** Durable scenario steps, run by the sandbox's loop when the sandbox clock reaches `due_at`. */
export const jobs = sandbox.table(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    identificationId: text('identification_id').references(() => identifications.id),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dueAt: instant('due_at').notNull(),
    status: text('status').notNull().default('pending'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (table) => [index('jobs_due_idx').on(table.dueAt, table.id).where(sql`${table.status} = 'pending'`)],
);

export const webhookSubscriptions = sandbox.table('webhook_subscriptions', {
  id: text('id').primaryKey(),
  eventType: text('event_type').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  status: text('status').notNull().default('active'),
  createdAt: instant('created_at').notNull(),
  canceledAt: instant('canceled_at'),
});

/** The webhook outbox: one row per delivery, retried until delivered, rejected or out of time. */
export const webhookDeliveries = sandbox.table(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    eventType: text('event_type').notNull(),
    entityId: text('entity_id'),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    giveUpAt: instant('give_up_at').notNull(),
    leaseUntil: instant('lease_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (table) => [
    index('webhook_deliveries_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    index('webhook_deliveries_subscription_idx').on(table.subscriptionId),
  ],
);
