import {
  claimDueProofOfAddressUploads,
  getStoredFile,
  markProofOfAddressUploaded,
  markProofOfAddressUploadFailed,
  type Database,
  type ProofOfAddressUpload,
} from '@identdesk/db';
import {
  isProofOfAddressContentType,
  PROOF_OF_ADDRESS_DOCUMENT_TYPE,
  PROOF_OF_ADDRESS_FILE_TYPES,
} from '@identdesk/domain';
import {
  paginate,
  SolarisApiError,
  SolarisUnavailableError,
  type SolarisClient,
  type SolarisDocument,
} from '@identdesk/solaris';
import { classifyFailure } from '../ingest/failures.ts';
import { createPollingQueue } from '../queue/polling-queue.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_RETRY_MAX_MS, retryDelayMs } from '../webhooks/worker.ts';

export interface ProofOfAddressOutboxOptions {
  db: Database;
  solaris: SolarisClient;
  logger: Logger;
  /** The queue's clock: due times, leases and backoff (the sandbox clock in sandbox mode). */
  now: () => Date;
  /** Upload attempts before a proof's upload is failed for good. */
  maxAttempts: number;
  /** Delay before the first retry; it doubles per attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs?: number;
  /** How long a claim holds: a server that dies mid-upload leaves the proof due again after it. */
  leaseMs: number;
  /** Wall-clock ms between looks at the outbox besides the kicks. */
  pollIntervalMs?: number;
  batchSize?: number;
  random?: () => number;
}

export interface ProofOfAddressOutbox {
  start(): void;
  /** Stops polling and waits for the uploads in hand. */
  stop(): Promise<void>;
  /** Looks at the outbox now (a proof was recorded). */
  kick(): void;
  /** Uploads everything due now; resolves when nothing is due. */
  drain(): Promise<void>;
}

/** Permanent problems of a recorded proof that no retry can fix. */
class UnuploadableProofError extends Error {
  override name = 'UnuploadableProofError';
}

/**
 * The name a proof gets at Solaris: the submission's id, so that after a crash in the middle of
 * an upload (Solaris may have the document, Identdesk never heard back) the retry finds the
 * document instead of uploading it twice.
 */
export function solarisFileNameOf(submissionId: string, contentType: string): string {
  const extension = isProofOfAddressContentType(contentType) ? PROOF_OF_ADDRESS_FILE_TYPES[contentType] : 'bin';
  return `proof-of-address-${submissionId}.${extension}`;
}

/** What an agent reads when an upload failed: Solaris' own words, without ids or paths. */
export function uploadErrorMessage(error: unknown): string {
  if (error instanceof SolarisApiError) {
    const details = error.errors
      .map((entry) => {
        const text = entry.detail ?? entry.source?.message ?? entry.title ?? entry.code;
        const field = entry.source?.field;
        return text ? (field && !text.includes(field) ? `${field}: ${text}` : text) : null;
      })
      .filter((text): text is string => Boolean(text));
    return `Solaris answered ${error.status}${details.length > 0 ? `: ${details.join('; ')}` : ''}`.slice(0, 500);
  }
  if (error instanceof SolarisUnavailableError) {
    return error.reason === 'timeout' ? 'Solaris did not answer in time' : 'Solaris could not be reached';
  }
  if (error instanceof UnuploadableProofError) return error.message;
  return 'The upload to Solaris failed unexpectedly';
}

/**
 * Uploads recorded proofs of address to Solaris (`POST .../identifications/{id}/document_upload`)
 * from a durable outbox in the database: claims with FOR UPDATE SKIP LOCKED and a lease, retries
 * with backoff what Solaris may accept later (429, 5xx, no answer), keeps Solaris' message on the
 * submission, and stores the document Solaris created. A restart loses nothing: a claim whose
 * server died comes due when its lease runs out, and the retry looks for the document first.
 */
export function createProofOfAddressOutbox(options: ProofOfAddressOutboxOptions): ProofOfAddressOutbox {
  const { db, solaris, logger, now } = options;
  const batchSize = options.batchSize ?? 4;
  const retryMaxMs = options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS;
  const random = options.random ?? Math.random;

  /** The submission's id is in the name, so a document of that name is this proof. */
  async function alreadyAtSolaris(upload: ProofOfAddressUpload, fileName: string): Promise<SolarisDocument | null> {
    for await (const document of paginate((page) => solaris.listDocuments(upload.personId, page), { pageSize: 100 })) {
      if (document.name === fileName) return document;
    }
    return null;
  }

  async function upload(claim: ProofOfAddressUpload): Promise<void> {
    if (!claim.identificationId) throw new UnuploadableProofError('The proof is not attached to an identification');
    if (!claim.fileId) throw new UnuploadableProofError('The recorded file is missing');
    const file = await getStoredFile(db, claim.fileId);
    if (!file) throw new UnuploadableProofError('The recorded file is missing');
    const fileName = solarisFileNameOf(claim.submissionId, file.contentType);

    // Only a claim after the first can follow an upload that reached Solaris unanswered.
    const existing = claim.attempts > 1 ? await alreadyAtSolaris(claim, fileName) : null;
    const document =
      existing ??
      (await solaris.uploadIdentificationDocument(claim.personId, claim.identificationId, {
        documentType: PROOF_OF_ADDRESS_DOCUMENT_TYPE,
        file: file.bytes,
        fileName,
        contentType: file.contentType,
      }));
    await markProofOfAddressUploaded(db, {
      submissionId: claim.submissionId,
      personId: claim.personId,
      identificationId: claim.identificationId,
      document: {
        id: document.id,
        documentType: document.document_type,
        name: document.name,
        contentType: document.content_type,
        size: document.size,
      },
      now: now(),
    });
    logger.info({ submissionId: claim.submissionId, documentId: document.id, attempts: claim.attempts, found: existing !== null }, 'proof of address uploaded to Solaris');
  }

  async function handle(claim: ProofOfAddressUpload) {
    try {
      await upload(claim);
    } catch (error) {
      const retryable = !(error instanceof UnuploadableProofError) && classifyFailure(error).retryable;
      const exhausted = claim.attempts >= options.maxAttempts;
      const retryAt =
        retryable && !exhausted
          ? new Date(now().getTime() + retryDelayMs(claim.attempts, options.retryBaseMs, retryMaxMs, random))
          : null;
      const message = uploadErrorMessage(error);
      try {
        await markProofOfAddressUploadFailed(db, { submissionId: claim.submissionId, error: message, retryAt });
      } catch (markError) {
        // The lease runs out and the proof comes due again: nothing is lost.
        logger.error({ submissionId: claim.submissionId, err: markError }, 'could not record a failed proof-of-address upload');
      }
      logger.warn(
        { submissionId: claim.submissionId, attempts: claim.attempts, status: error instanceof SolarisApiError ? error.status : null, retry: retryAt !== null },
        retryAt ? 'proof-of-address upload failed, will retry' : 'proof-of-address upload failed for good',
      );
    }
  }

  return createPollingQueue({
    claim: () => claimDueProofOfAddressUploads(db, { now: now(), limit: batchSize, leaseMs: options.leaseMs }),
    work: async (claimed) => {
      for (const claim of claimed) await handle(claim);
    },
    batchSize,
    pollIntervalMs: options.pollIntervalMs,
    onReadError: (error) => logger.error({ err: error }, 'proof-of-address outbox could not be read'),
  });
}
