import {
  identificationSnapshotFromSolaris,
  personExists,
  personSnapshotFromSolaris,
  storeIdentificationRefetch,
  storePersonSnapshot,
  storeProofOfAddressState,
  type Database,
  type IdnowAttemptInput,
  type ReportedStatus,
  type SnapshotSource,
  type UpsertIdentificationSnapshotResult,
  type UpsertPersonSnapshotResult,
} from '@identdesk/db';
import { paginate, type SolarisClient, type SolarisIdentification } from '@identdesk/solaris';

export { shouldRecordReportedStatus, type ReportedStatus } from '@identdesk/db';

export interface SyncDeps {
  db: Database;
  solaris: SolarisClient;
  /** Observation times come from here (the sandbox clock in sandbox mode). */
  now: () => Date;
}

/** Fetches the person and stores it: a new person, a new version with the diff, or nothing when unchanged. */
export async function syncPerson(deps: SyncDeps, personId: string, source: SnapshotSource): Promise<SyncPersonResult> {
  // Stamped before the request: the answer shows Solaris' state at that moment or later.
  const observedAt = deps.now();
  const person = await deps.solaris.getPerson(personId);
  const stored = await deps.db.transaction(async (tx) => {
    const result = await storePersonSnapshot(tx, { person: personSnapshotFromSolaris(person), observedAt, source });
    // The nationality decides whether a proof of address can be needed at all.
    if (result.created || result.changed.length > 0) await storeProofOfAddressState(tx, personId);
    return result;
  });
  return { ...stored, observedAt };
}

export interface SyncPersonResult extends UpsertPersonSnapshotResult {
  /** When the person was requested: a PERSON_CHANGED that arrived by then is answered by it. */
  observedAt: Date;
}

export interface SyncIdentificationResult {
  identification: UpsertIdentificationSnapshotResult;
  personFetched: boolean;
  attempts: { inserted: number; updated: number };
  documents: { inserted: number; updated: number };
  /** When this re-fetch began (its first request): deliveries that arrived by then are answered by it. */
  refetchedAt: Date;
}

/**
 * Brings one identification up to Solaris' current state: the person first when unknown (the
 * identification refers to it), then the identification with its documents, then every page
 * of its IDnow attempts. Re-fetching, not trusting the webhook body, is what makes repeated
 * and out-of-order deliveries converge on the truth. Everything is requested first and stored
 * in one transaction, so a failure part-way stores nothing and the re-fetch is simply repeated.
 */
export async function syncIdentification(
  deps: SyncDeps,
  params: {
    personId: string;
    identificationId: string;
    source: SnapshotSource;
    /** The status the webhook body reported, when a delivery triggered the sync. */
    reported?: ReportedStatus;
    /** Whether Identdesk stores the person, when the caller knows already (saves a look). */
    personKnown?: boolean;
  },
): Promise<SyncIdentificationResult> {
  const { personId, identificationId, source } = params;
  // Stamped before the first request: everything fetched shows Solaris' state at that moment or later.
  const startedAt = deps.now();
  const personKnown = params.personKnown ?? (await personExists(deps.db, personId));
  const person = personKnown ? undefined : { observedAt: startedAt, snapshot: personSnapshotFromSolaris(await deps.solaris.getPerson(personId)) };

  const observedAt = deps.now();
  const fetched = await deps.solaris.getIdentification(personId, identificationId, { includeDocuments: true });
  const attempts = await listIdnowAttempts(deps, personId, identificationId);
  const stored = await storeIdentificationRefetch(deps.db, {
    personId,
    ...(person ? { person } : {}),
    identification: identificationSnapshotFromSolaris(fetched, personId),
    observedAt,
    startedAt,
    source,
    ...(params.reported ? { reported: params.reported } : {}),
    attempts,
    attemptsListedAt: deps.now(),
    documents: documentsOf(fetched),
  });
  return {
    identification: stored.identification,
    personFetched: person !== undefined,
    attempts: stored.attempts,
    documents: stored.documents,
    refetchedAt: startedAt,
  };
}

async function listIdnowAttempts(deps: SyncDeps, personId: string, identificationId: string) {
  const attempts: IdnowAttemptInput[] = [];
  for await (const attempt of paginate((page) => deps.solaris.listIdnowAttempts(personId, identificationId, page))) {
    attempts.push({ id: attempt.id, result: attempt.result, reason: attempt.reason, payload: attempt.payload });
  }
  return attempts;
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
