import {
  PROOF_OF_ADDRESS_SUBMISSION_STATUS_LABELS,
  PROOF_OF_ADDRESS_TYPE_LABELS,
  PROOF_OF_ADDRESS_UPLOAD_STATUS_LABELS,
  type ProofOfAddressSubmissionStatus,
  type ProofOfAddressUploadStatus,
} from '@identdesk/domain';
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DatabaseExecutor } from '../client.ts';
import { documents } from '../schema/documents.ts';
import { identifications } from '../schema/identifications.ts';
import { proofOfAddressSubmissions } from '../schema/proof-of-address-submissions.ts';
import { storedFiles } from '../schema/stored-files.ts';
import { users } from '../schema/users.ts';
import { settleMarkedPersons } from './metrics-rollups.ts';

/** A recorded proof of address as the person page shows it (contract: `Submission`). */
export interface ProofOfAddressSubmission {
  id: string;
  identificationId: string | null;
  type: string;
  typeLabel: string;
  issuedOn: string;
  note: string | null;
  status: ProofOfAddressSubmissionStatus;
  statusLabel: string;
  recordedBy: { id: string; name: string };
  recordedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  uploadStatus: ProofOfAddressUploadStatus;
  uploadStatusLabel: string;
  uploadError: string | null;
  /** The Solaris document once uploaded. */
  documentId: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
}

const recorder = alias(users, 'recorder');
const decider = alias(users, 'decider');

function typeLabelOf(type: string): string {
  return (PROOF_OF_ADDRESS_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

async function selectSubmissions(db: DatabaseExecutor, where: SQL): Promise<(ProofOfAddressSubmission & { personId: string })[]> {
  const rows = await db
    .select({
      id: proofOfAddressSubmissions.id,
      personId: proofOfAddressSubmissions.personId,
      identificationId: proofOfAddressSubmissions.identificationId,
      type: proofOfAddressSubmissions.type,
      issuedOn: proofOfAddressSubmissions.issuedOn,
      note: proofOfAddressSubmissions.note,
      status: proofOfAddressSubmissions.status,
      recordedById: proofOfAddressSubmissions.recordedBy,
      recordedByName: recorder.displayName,
      recordedAt: proofOfAddressSubmissions.recordedAt,
      decidedById: proofOfAddressSubmissions.decidedBy,
      decidedByName: decider.displayName,
      decidedAt: proofOfAddressSubmissions.decidedAt,
      decisionReason: proofOfAddressSubmissions.decisionReason,
      uploadStatus: proofOfAddressSubmissions.uploadStatus,
      uploadError: proofOfAddressSubmissions.uploadError,
      documentId: proofOfAddressSubmissions.documentId,
      fileName: proofOfAddressSubmissions.fileName,
      contentType: proofOfAddressSubmissions.contentType,
      size: proofOfAddressSubmissions.size,
    })
    .from(proofOfAddressSubmissions)
    .innerJoin(recorder, eq(recorder.id, proofOfAddressSubmissions.recordedBy))
    .leftJoin(decider, eq(decider.id, proofOfAddressSubmissions.decidedBy))
    .where(where)
    .orderBy(desc(proofOfAddressSubmissions.recordedAt), desc(proofOfAddressSubmissions.id));
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    identificationId: row.identificationId,
    type: row.type,
    typeLabel: typeLabelOf(row.type),
    issuedOn: row.issuedOn,
    note: row.note,
    status: row.status,
    statusLabel: PROOF_OF_ADDRESS_SUBMISSION_STATUS_LABELS[row.status],
    recordedBy: { id: row.recordedById, name: row.recordedByName },
    recordedAt: row.recordedAt.toISOString(),
    decidedBy: row.decidedById ? { id: row.decidedById, name: row.decidedByName ?? '' } : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    uploadStatus: row.uploadStatus,
    uploadStatusLabel: PROOF_OF_ADDRESS_UPLOAD_STATUS_LABELS[row.uploadStatus],
    uploadError: row.uploadError,
    documentId: row.documentId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
  }));
}

/** A person's recorded proofs of address, newest first, with who recorded and who decided. */
export function listProofOfAddressSubmissions(db: DatabaseExecutor, personId: string) {
  return selectSubmissions(db, eq(proofOfAddressSubmissions.personId, personId));
}

/** One recorded proof with the person it belongs to, or undefined. */
export async function getProofOfAddressSubmission(db: DatabaseExecutor, submissionId: string) {
  const [submission] = await selectSubmissions(db, eq(proofOfAddressSubmissions.id, submissionId));
  return submission;
}

/** The identification a proof is attached to at Solaris: the one asked for, else the person's latest. */
export async function findIdentificationForProofOfAddress(
  db: DatabaseExecutor,
  params: { personId: string; identificationId?: string },
): Promise<{ id: string; createdAt: Date } | undefined> {
  const [row] = await db
    .select({ id: identifications.id, createdAt: identifications.createdAt })
    .from(identifications)
    .where(
      and(
        eq(identifications.personId, params.personId),
        params.identificationId ? eq(identifications.id, params.identificationId) : undefined,
      ),
    )
    .orderBy(desc(identifications.createdAt), desc(identifications.id))
    .limit(1);
  return row;
}

export interface NewProofOfAddressSubmission {
  personId: string;
  identificationId: string;
  type: string;
  issuedOn: string;
  note: string | null;
  recordedBy: string;
  /** Wall-clock time of the agent's action. */
  recordedAt: Date;
  /** When the outbox may upload it, on the outbox's clock (the sandbox clock in sandbox mode); default `recordedAt`. */
  uploadDueAt?: Date;
  file: { id: string; name: string; contentType: string; size: number; sha256: string };
}

/**
 * Inserts a recorded proof, waiting for review and due for upload to Solaris at once. Call it in
 * the transaction that stored the file, refreshes the person's state and audits the recording.
 */
export async function insertProofOfAddressSubmission(db: DatabaseExecutor, submission: NewProofOfAddressSubmission) {
  // The team-work count files the recording under the person's branch from their metric facts:
  // a customer first seen moments ago, not counted yet, is counted first.
  await settleMarkedPersons(db, [submission.personId]);
  const [row] = await db
    .insert(proofOfAddressSubmissions)
    .values({
      personId: submission.personId,
      identificationId: submission.identificationId,
      type: submission.type,
      issuedOn: submission.issuedOn,
      note: submission.note,
      status: 'pending_review',
      recordedBy: submission.recordedBy,
      recordedAt: submission.recordedAt,
      fileId: submission.file.id,
      fileName: submission.file.name,
      contentType: submission.file.contentType,
      size: submission.file.size,
      sha256: submission.file.sha256,
      uploadStatus: 'pending',
      nextUploadAt: submission.uploadDueAt ?? submission.recordedAt,
    })
    .returning({ id: proofOfAddressSubmissions.id });
  if (!row) throw new Error('proof-of-address insert returned no row');
  return row;
}

/** A recorded proof's bytes with what the file route needs, or undefined. */
export async function getProofOfAddressFile(db: DatabaseExecutor, submissionId: string) {
  const [row] = await db
    .select({
      submissionId: proofOfAddressSubmissions.id,
      personId: proofOfAddressSubmissions.personId,
      fileName: proofOfAddressSubmissions.fileName,
      contentType: storedFiles.contentType,
      bytes: storedFiles.bytes,
    })
    .from(proofOfAddressSubmissions)
    .innerJoin(storedFiles, eq(storedFiles.id, proofOfAddressSubmissions.fileId))
    .where(eq(proofOfAddressSubmissions.id, submissionId))
    .limit(1);
  return row;
}

/** A proof the outbox is uploading to Solaris. */
export interface ProofOfAddressUpload {
  submissionId: string;
  personId: string;
  identificationId: string | null;
  fileId: string | null;
  fileName: string | null;
  contentType: string | null;
  /** Claims so far, this one included. */
  attempts: number;
}

/**
 * Claims proofs due for upload: FOR UPDATE SKIP LOCKED, so several servers share the outbox,
 * and a lease (`next_upload_at` moves to now + lease), so a server that dies mid-upload leaves
 * the proof due again once the lease runs out.
 */
export async function claimDueProofOfAddressUploads(
  db: DatabaseExecutor,
  params: { now: Date; limit: number; leaseMs: number },
): Promise<ProofOfAddressUpload[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: proofOfAddressSubmissions.id })
      .from(proofOfAddressSubmissions)
      .where(
        and(
          eq(proofOfAddressSubmissions.uploadStatus, 'pending'),
          or(isNull(proofOfAddressSubmissions.nextUploadAt), lte(proofOfAddressSubmissions.nextUploadAt, params.now)),
        ),
      )
      .orderBy(asc(proofOfAddressSubmissions.nextUploadAt), asc(proofOfAddressSubmissions.recordedAt))
      .limit(params.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(proofOfAddressSubmissions)
      .set({
        uploadAttempts: sql`${proofOfAddressSubmissions.uploadAttempts} + 1`,
        nextUploadAt: new Date(params.now.getTime() + params.leaseMs),
      })
      .where(
        inArray(
          proofOfAddressSubmissions.id,
          due.map((row) => row.id),
        ),
      )
      .returning({
        submissionId: proofOfAddressSubmissions.id,
        personId: proofOfAddressSubmissions.personId,
        identificationId: proofOfAddressSubmissions.identificationId,
        fileId: proofOfAddressSubmissions.fileId,
        fileName: proofOfAddressSubmissions.fileName,
        contentType: proofOfAddressSubmissions.contentType,
        attempts: proofOfAddressSubmissions.uploadAttempts,
      });
  });
}

export interface UploadedSolarisDocument {
  id: string;
  documentType: string | null;
  name: string | null;
  contentType: string | null;
  size: number | null;
}

/**
 * Records the Solaris document a proof became: the document's metadata (a `documents` row, as
 * if synced) and the submission's link to it, in one transaction.
 */
export async function markProofOfAddressUploaded(
  db: DatabaseExecutor,
  params: { submissionId: string; personId: string; identificationId: string; document: UploadedSolarisDocument; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(documents)
      .values({
        id: params.document.id,
        personId: params.personId,
        identificationId: params.identificationId,
        documentType: params.document.documentType,
        name: params.document.name,
        contentType: params.document.contentType,
        size: params.document.size,
        createdAt: params.now,
      })
      .onConflictDoNothing({ target: documents.id });
    await tx
      .update(proofOfAddressSubmissions)
      .set({
        documentId: params.document.id,
        uploadStatus: 'uploaded',
        uploadedAt: params.now,
        uploadError: null,
        nextUploadAt: null,
      })
      .where(eq(proofOfAddressSubmissions.id, params.submissionId));
  });
}

/** Records a failed upload: due again at `retryAt`, or failed for good when `retryAt` is null. */
export async function markProofOfAddressUploadFailed(
  db: DatabaseExecutor,
  params: { submissionId: string; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(proofOfAddressSubmissions)
    .set({
      uploadStatus: params.retryAt ? 'pending' : 'failed',
      uploadError: params.error,
      nextUploadAt: params.retryAt,
    })
    .where(eq(proofOfAddressSubmissions.id, params.submissionId));
}
