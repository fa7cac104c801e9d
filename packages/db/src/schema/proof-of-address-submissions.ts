import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { isOneOf, timestamptz } from './columns.ts';
import { documents } from './documents.ts';
import { identifications } from './identifications.ts';
import { persons } from './persons.ts';
import { storedFiles } from './stored-files.ts';
import { users } from './users.ts';

// The review states of a submission; the checks below keep the four-eyes rule in the database.
const SUBMISSION_STATUSES = ['pending_review', 'approved', 'rejected', 'resubmission_requested'] as const;
// Where the upload of the file to Solaris stands; an outbox drains 'pending' after a crash too.
const UPLOAD_STATUSES = ['pending', 'uploaded', 'failed'] as const;

/** A proof of address an agent recorded for a person, reviewed by a second person (four eyes). */
export const proofOfAddressSubmissions = pgTable(
  'proof_of_address_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    identificationId: text('identification_id').references(() => identifications.id),
    /** A Solaris proof_of_address_type (GAS_BILL, ...); validated by the domain. */
    type: text('type').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** The Solaris document once uploaded there. */
    documentId: text('document_id').references(() => documents.id),
    fileName: text('file_name'),
    contentType: text('content_type'),
    size: bigint('size', { mode: 'number' }),
    sha256: text('sha256'),
    /** The bytes, held by Identdesk until (and after) the upload to Solaris. */
    fileId: uuid('file_id').references(() => storedFiles.id),
    uploadStatus: text('upload_status', { enum: UPLOAD_STATUSES }).notNull().default('pending'),
    uploadAttempts: integer('upload_attempts').notNull().default(0),
    /** Solaris' last answer when an upload failed, for the agent and the retry. */
    uploadError: text('upload_error'),
    uploadedAt: timestamptz('uploaded_at'),
    nextUploadAt: timestamptz('next_upload_at'),
    note: text('note'),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('pending_review'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamptz('decided_at'),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('proof_of_address_submissions_status_recorded_at_idx').on(t.status, t.recordedAt),
    index('proof_of_address_submissions_person_id_idx').on(t.personId),
    index('proof_of_address_submissions_upload_due_idx')
      .on(t.nextUploadAt)
      .where(sql`${t.uploadStatus} = 'pending'`),
    check('proof_of_address_submissions_upload_status_known', isOneOf(t.uploadStatus, UPLOAD_STATUSES)),
    check(
      'proof_of_address_submissions_rejection_reason',
      sql`${t.status} in ('pending_review', 'approved') or length(trim(coalesce(${t.decisionReason}, ''))) > 0`,
    ),
    check('proof_of_address_submissions_status_known', isOneOf(t.status, SUBMISSION_STATUSES)),
    check(
      'proof_of_address_submissions_decision_complete',
      sql`(${t.status} = 'pending_review') = (${t.decidedBy} is null and ${t.decidedAt} is null)`,
    ),
    check('proof_of_address_submissions_four_eyes', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.recordedBy}`),
  ],
);

export type ProofOfAddressSubmissionRow = typeof proofOfAddressSubmissions.$inferSelect;
