import {
  identificationSnapshotFromSolaris,
  identificationStatusAt,
  personExists,
  personSnapshotFromSolaris,
  refreshProofOfAddressState,
  upsertDocumentMetadata,
  upsertIdentificationSnapshot,
  upsertIdnowAttempts,
  upsertPersonSnapshot,
  type Database,
  type IdnowAttemptInput,
  type SnapshotSource,
  type UpsertIdentificationSnapshotResult,
  type UpsertPersonSnapshotResult,
} from '@identdesk/db';
import type { IdentificationStatus } from '@identdesk/domain';
import { paginate, type SolarisClient, type SolarisIdentification } from '@identdesk/solaris';

export interface SyncDeps {
  db: Database;
  solaris: SolarisClient;
  /** Observation times come from here (the sandbox clock in sandbox mode). */
  now: () => Date;
}

/** Fetches the person and stores it: a new person, a new version with the diff, or nothing when unchanged. */
export async function syncPerson(deps: SyncDeps, personId: string, source: SnapshotSource): Promise<UpsertPersonSnapshotResult> {
  // Stamped before the request: the answer shows Solaris' state at that moment or later.
  const observedAt = deps.now();
  const person = await deps.solaris.getPerson(personId);
  const stored = await upsertPersonSnapshot(deps.db, { person: personSnapshotFromSolaris(person), observedAt, source });
  // The nationality decides whether a proof of address can be needed at all.
  if (stored.created || stored.changed.length > 0) await refreshProofOfAddressState(deps.db, personId);
  return stored;
}

/** The status a webhook body carried, and when it arrived. */
export interface ReportedStatus {
  status: IdentificationStatus;
  receivedAt: Date;
}

export interface SyncIdentificationResult {
  identification: UpsertIdentificationSnapshotResult;
  personFetched: boolean;
  attempts: { inserted: number; updated: number };
  documents: { inserted: number; updated: number };
}

/**
 * Brings one identification up to Solaris' current state: the person first when unknown (the
 * identification refers to it), then the identification with its documents, then every page
 * of its IDnow attempts. Re-fetching, not trusting the webhook body, is what makes repeated
 * and out-of-order deliveries converge on the truth.
 */
export async function syncIdentification(
  deps: SyncDeps,
  params: {
    personId: string;
    identificationId: string;
    source: SnapshotSource;
    /** The status the webhook body reported, when a delivery triggered the sync. */
    reported?: ReportedStatus;
  },
): Promise<SyncIdentificationResult> {
  const { personId, identificationId, source } = params;
  let personFetched = false;
  if (!(await personExists(deps.db, personId))) {
    await syncPerson(deps, personId, source);
    personFetched = true;
  }

  const observedAt = deps.now();
  const fetched = await deps.solaris.getIdentification(personId, identificationId, { includeDocuments: true });
  const stored = await upsertIdentificationSnapshot(deps.db, {
    identification: identificationSnapshotFromSolaris(fetched, personId),
    observedAt,
    source,
  });

  const reported = params.reported;
  if (reported) {
    const knownThen = await identificationStatusAt(deps.db, identificationId, reported.receivedAt);
    if (shouldRecordReportedStatus({ reported: reported.status, current: stored.status, knownThen })) {
      // Older than the snapshot just stored, so it only enters the history, at its arrival time.
      await upsertIdentificationSnapshot(deps.db, {
        identification: { id: identificationId, personId, status: reported.status },
        observedAt: reported.receivedAt,
        source,
      });
    }
  }

  const attempts = await syncIdnowAttempts(deps, personId, identificationId);
  const documents = await upsertDocumentMetadata(deps.db, {
    personId,
    identificationId,
    documents: documentsOf(fetched),
  });
  // The identification's proof fields and the document of a successful attempt decide whether
  // the customer still owes a proof of address.
  await refreshProofOfAddressState(deps.db, personId);
  return { identification: stored, personFetched, attempts, documents };
}

/**
 * Whether a webhook body's status enters the history as observed at the delivery's arrival.
 * It does when it is the status the re-fetch confirmed (the first observation moves to when
 * Solaris announced it), or when Identdesk did not yet know the current status at that
 * arrival: then "reported, later current" is the order things happened in. When the current
 * status was already known at the arrival, a different reported status is older news (a
 * delivery that came late or out of order) and would invent a transition that never happened
 * then; the IDnow attempts keep each result with its own time anyway.
 */
export function shouldRecordReportedStatus(input: {
  reported: IdentificationStatus;
  current: IdentificationStatus;
  /** The status Identdesk's history shows at the arrival, null when none. */
  knownThen: IdentificationStatus | null;
}): boolean {
  return input.reported === input.current || input.knownThen !== input.current;
}

async function syncIdnowAttempts(deps: SyncDeps, personId: string, identificationId: string) {
  const attempts: IdnowAttemptInput[] = [];
  for await (const attempt of paginate((page) => deps.solaris.listIdnowAttempts(personId, identificationId, page))) {
    attempts.push({ id: attempt.id, result: attempt.result, reason: attempt.reason, payload: attempt.payload });
  }
  return upsertIdnowAttempts(deps.db, identificationId, attempts, deps.now());
}

function documentsOf(identification: SolarisIdentification) {
  return (identification.documents ?? []).map((document) => ({
    id: document.id,
    documentType: document.document_type,
    name: document.name,
    contentType: document.content_type,
    size: document.size,
  }));
}
