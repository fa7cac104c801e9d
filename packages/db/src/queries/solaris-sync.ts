import type { IdentificationStatus } from '@identdesk/domain';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { identificationStatusChanges } from '../schema/identification-status-changes.ts';
import { identifications } from '../schema/identifications.ts';
import { idnowAttempts } from '../schema/idnow-attempts.ts';
import { persons } from '../schema/persons.ts';
import { storeDocumentMetadata, type DocumentMetadataInput, type UpsertDocumentMetadataResult } from './documents.ts';
import {
  proofOfAddressMoved,
  storeIdentificationSnapshot,
  storeIdnowAttempts,
  type IdentificationSnapshot,
  type IdnowAttemptInput,
  type UpsertIdentificationSnapshotResult,
  type UpsertIdnowAttemptsResult,
} from './identifications.ts';
import { withMetricMark } from './metrics-rollups.ts';
import { storePersonSnapshot, type PersonSnapshot, type SnapshotSource, type UpsertPersonSnapshotResult } from './persons.ts';
import { storeProofOfAddressState } from './proof-of-address-state.ts';

/** The person an identification belongs to, when Identdesk has stored it. */
export async function findIdentificationPersonId(db: DatabaseExecutor, identificationId: string): Promise<string | null> {
  const [row] = await db
    .select({ personId: identifications.personId })
    .from(identifications)
    .where(eq(identifications.id, identificationId))
    .limit(1);
  return row?.personId ?? null;
}

export async function personExists(db: DatabaseExecutor, personId: string): Promise<boolean> {
  const [row] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).limit(1);
  return row !== undefined;
}

/**
 * The status an identification had at `at` by Identdesk's history (the latest change observed
 * at or before it), or null when nothing was observed by then.
 */
export async function identificationStatusAt(
  db: DatabaseExecutor,
  identificationId: string,
  at: Date,
): Promise<IdentificationStatus | null> {
  const [row] = await db
    .select({ status: identificationStatusChanges.toStatus })
    .from(identificationStatusChanges)
    .where(
      and(
        eq(identificationStatusChanges.identificationId, identificationId),
        lte(identificationStatusChanges.observedAt, at),
      ),
    )
    .orderBy(desc(identificationStatusChanges.observedAt), desc(identificationStatusChanges.id))
    .limit(1);
  return row?.status ?? null;
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

/** The status a webhook body carried, and when it arrived. */
export interface ReportedStatus {
  status: IdentificationStatus;
  receivedAt: Date;
}

/**
 * Places a reported status in the history by {@link shouldRecordReportedStatus}, given the stored
 * (current) status, inside the caller's transaction and metric maintenance. Returns whether the
 * history changed; nothing is written when the status in effect at the arrival already is it.
 */
async function placeReportedStatus(
  tx: DatabaseExecutor,
  target: { personId: string; identificationId: string; current: IdentificationStatus; source: SnapshotSource },
  reported: ReportedStatus,
  knownThen: IdentificationStatus | null,
): Promise<boolean> {
  if (knownThen === reported.status) return false;
  if (!shouldRecordReportedStatus({ reported: reported.status, current: target.current, knownThen })) return false;
  // Older than the stored snapshot, so it only enters the history, at its arrival time.
  const placed = await storeIdentificationSnapshot(tx, {
    identification: { id: target.identificationId, personId: target.personId, status: reported.status },
    observedAt: reported.receivedAt,
    source: target.source,
  });
  return placed.metricInputsChanged;
}

/**
 * Handles the status of a delivery that a complete re-fetch already answered (it arrived before
 * that re-fetch began): no call to Solaris, only the reported status placed by the same rule as
 * after a re-fetch. `knownThen` is the status in effect at the arrival when the caller read it
 * already. Returns whether the history changed.
 */
export async function recordReportedStatus(
  db: DatabaseExecutor,
  target: { personId: string; identificationId: string; current: IdentificationStatus; source: SnapshotSource },
  reported: ReportedStatus,
  knownThen?: IdentificationStatus | null,
): Promise<boolean> {
  const statusThen = knownThen === undefined ? await identificationStatusAt(db, target.identificationId, reported.receivedAt) : knownThen;
  if (statusThen === reported.status) return false;
  if (!shouldRecordReportedStatus({ reported: reported.status, current: target.current, knownThen: statusThen })) return false;
  return db.transaction((tx) =>
    withMetricMark(
      tx,
      target,
      async () => placeReportedStatus(tx, target, reported, await identificationStatusAt(tx, target.identificationId, reported.receivedAt)),
      { unchanged: (changed) => !changed },
    ),
  );
}

/** Everything one complete re-fetch of an identification brought from Solaris. */
export interface IdentificationRefetch {
  personId: string;
  /** The person, when it was fetched because Identdesk did not store it yet. */
  person?: { snapshot: PersonSnapshot; observedAt: Date };
  identification: IdentificationSnapshot;
  /** Stamped before the identification was requested. */
  observedAt: Date;
  /** Stamped before the first request of the re-fetch: becomes `refetched_at`. */
  startedAt: Date;
  source: SnapshotSource;
  /** The status the webhook body reported, when a delivery triggered the re-fetch. */
  reported?: ReportedStatus;
  attempts: readonly IdnowAttemptInput[];
  /** When the attempts were listed: the first observation of new ones. */
  attemptsListedAt: Date;
  documents: readonly DocumentMetadataInput[];
}

export interface IdentificationRefetchResult {
  person: UpsertPersonSnapshotResult | null;
  identification: UpsertIdentificationSnapshotResult;
  attempts: UpsertIdnowAttemptsResult;
  documents: UpsertDocumentMetadataResult;
}

const SUCCESSFUL_ATTEMPT_RESULTS: readonly (string | null)[] = ['SUCCESS', 'SUCCESS_DATA_CHANGED', 'REVIEW_PENDING'];

/**
 * Stores a complete re-fetch in one transaction: the person when new, the identification with
 * its reported status, its IDnow attempts and documents, the metric rollups once around all of
 * the identification's changes, the proof-of-address state when something it is decided from
 * changed, and `refetched_at`. Either all of it is stored or none, so deliveries answered by
 * the re-fetch are only treated as answered once it is.
 */
export async function storeIdentificationRefetch(db: DatabaseExecutor, refetch: IdentificationRefetch): Promise<IdentificationRefetchResult> {
  const { personId, source } = refetch;
  const identificationId = refetch.identification.id;
  return db.transaction(async (tx) => {
    const person = refetch.person
      ? await storePersonSnapshot(
          tx,
          { person: refetch.person.snapshot, observedAt: refetch.person.observedAt, source },
          { countedByCaller: true },
        )
      : null;
    const changed = await withMetricMark(
      tx,
      { personId, identificationId },
      async () => {
        const reportedAsFetched = refetch.reported?.status === refetch.identification.status ? refetch.reported : undefined;
        const identification = await storeIdentificationSnapshot(tx, {
          identification: refetch.identification,
          observedAt: refetch.observedAt,
          source,
          refetchStartedAt: refetch.startedAt,
          ...(reportedAsFetched ? { statusReportedAt: reportedAsFetched.receivedAt } : {}),
        });
        // A new identification's history already starts at the arrival of a report of its status.
        const reportedPlaced =
          refetch.reported && !(identification.created && reportedAsFetched)
            ? await placeReportedStatus(
                tx,
                { personId, identificationId, current: identification.status, source },
                refetch.reported,
                await identificationStatusAt(tx, identificationId, refetch.reported.receivedAt),
              )
            : false;
        const known = await knownAttemptResults(tx, refetch.attempts);
        const attempts = await storeIdnowAttempts(tx, identificationId, refetch.attempts, refetch.attemptsListedAt);
        // A successful attempt (before or after) names the document the customer was identified with.
        const successfulAttemptChanged =
          attempts.inserted + attempts.updated > 0 &&
          refetch.attempts.some(
            (attempt) =>
              (known.get(attempt.id) ?? null) !== (attempt.result ?? null) &&
              (SUCCESSFUL_ATTEMPT_RESULTS.includes(attempt.result ?? null) || SUCCESSFUL_ATTEMPT_RESULTS.includes(known.get(attempt.id) ?? null)),
          );
        return { identification, reportedPlaced, attempts, successfulAttemptChanged };
      },
      {
        unchanged: (result) =>
          !result.identification.metricInputsChanged && !result.reportedPlaced && result.attempts.inserted + result.attempts.updated === 0,
        newPerson: person?.created === true,
      },
    );
    const documents = await storeDocumentMetadata(tx, { personId, identificationId, documents: refetch.documents });
    const proofChanged = proofOfAddressMoved(changed.identification, refetch.identification);
    if (person?.created || (person?.changed.length ?? 0) > 0 || proofChanged || changed.successfulAttemptChanged) {
      await storeProofOfAddressState(tx, personId);
    }
    return { person, identification: changed.identification, attempts: changed.attempts, documents };
  });
}

/** The stored results of the attempts listed, for telling which ones a re-fetch changed. */
async function knownAttemptResults(tx: DatabaseExecutor, attempts: readonly IdnowAttemptInput[]): Promise<Map<string, string | null>> {
  if (attempts.length === 0) return new Map();
  const rows = await tx
    .select({ id: idnowAttempts.id, result: idnowAttempts.result })
    .from(idnowAttempts)
    .where(inArray(idnowAttempts.id, attempts.map((attempt) => attempt.id)));
  return new Map(rows.map((row) => [row.id, row.result]));
}

/** What a claimed batch of webhook deliveries needs to know about their identifications and persons. */
export interface DeliveryTargets {
  identifications: Map<string, { personId: string; status: IdentificationStatus; refetchedAt: Date | null }>;
  /** Stored persons and when their latest snapshot was observed (a person is one request: it is complete). */
  persons: Map<string, { lastSyncedAt: Date }>;
}

/** Reads, for a whole batch at once, the identifications and persons its deliveries are about. */
export async function loadDeliveryTargets(
  db: DatabaseExecutor,
  wanted: { identificationIds: readonly string[]; personIds: readonly string[] },
): Promise<DeliveryTargets> {
  const identificationIds = [...new Set(wanted.identificationIds)];
  const personIds = [...new Set(wanted.personIds)];
  const [identificationRows, personRows] = await Promise.all([
    identificationIds.length === 0
      ? []
      : db
          .select({
            id: identifications.id,
            personId: identifications.personId,
            status: identifications.status,
            refetchedAt: identifications.refetchedAt,
          })
          .from(identifications)
          .where(inArray(identifications.id, identificationIds)),
    personIds.length === 0
      ? []
      : db.select({ id: persons.id, lastSyncedAt: persons.lastSyncedAt }).from(persons).where(inArray(persons.id, personIds)),
  ]);
  return {
    identifications: new Map(identificationRows.map(({ id, ...row }) => [id, row])),
    persons: new Map(personRows.map(({ id, lastSyncedAt }) => [id, { lastSyncedAt }])),
  };
}

/**
 * {@link identificationStatusAt} for many (identification, instant) pairs with one statement:
 * the status in effect at each, in the order asked, null where nothing was observed by then.
 */
export async function identificationStatusesAt(
  db: DatabaseExecutor,
  points: readonly { identificationId: string; at: Date }[],
): Promise<(IdentificationStatus | null)[]> {
  if (points.length === 0) return [];
  const asked = JSON.stringify(points.map((point, index) => ({ i: index, id: point.identificationId, at: point.at.toISOString() })));
  const history = identificationStatusChanges;
  const result = await db.execute<{ i: number; status: IdentificationStatus | null }>(sql`
    select p.i, (
      select ${history.toStatus} from ${history}
      where ${history.identificationId} = p.id and ${history.observedAt} <= p.at
      order by ${history.observedAt} desc, ${history.id} desc
      limit 1
    ) as status
    from jsonb_to_recordset(${asked}::jsonb) as p(i int, id text, at timestamptz)`);
  const statuses: (IdentificationStatus | null)[] = points.map(() => null);
  for (const row of result.rows) statuses[Number(row.i)] = row.status;
  return statuses;
}
