import { IDENTIFICATION_URL_VALIDITY_DAYS, type IdentificationStatus } from '@identdesk/domain';
import { and, asc, desc, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { identificationStatusChanges } from '../schema/identification-status-changes.ts';
import { identifications, type IdentificationRow, type NewIdentificationRow } from '../schema/identifications.ts';
import { persons } from '../schema/persons.ts';
import { idnowAttempts } from '../schema/idnow-attempts.ts';
import { definedFields, diffFields } from './field-changes.ts';
import { withMetricMark } from './metrics-rollups.ts';
import { storeProofOfAddressState } from './proof-of-address-state.ts';
import type { SnapshotSource } from './persons.ts';

const IDENTDESK_IDENTIFICATION_COLUMNS = [
  'requestedAt',
  'urlExpiresAt',
  'createdAt',
  'firstSeenAt',
  'lastSyncedAt',
  'latestAttemptResult',
  'latestFailureCode',
  'pendingSuccessfulAt',
  'reviewStartedAt',
  'refetchedAt',
] as const;
type IdentdeskIdentificationColumn = (typeof IDENTDESK_IDENTIFICATION_COLUMNS)[number];

/** An identification as Solaris returns it, flattened into `identifications` columns. */
export type IdentificationSnapshot = Omit<NewIdentificationRow, IdentdeskIdentificationColumn> & {
  /** Solaris' creation time when the response carries it; else the first observation is used. */
  createdAt?: Date | null;
  /** When Identdesk requested it from IDnow, if it knows better than the first `pending` observation. */
  requestedAt?: Date | null;
};
export type IdentificationSolarisField = Exclude<keyof Omit<NewIdentificationRow, IdentdeskIdentificationColumn>, 'id'>;

export const IDENTIFICATION_SOLARIS_FIELDS = Object.keys(getTableColumns(identifications)).filter(
  (key): key is IdentificationSolarisField =>
    key !== 'id' && !(IDENTDESK_IDENTIFICATION_COLUMNS as readonly string[]).includes(key),
);

export interface UpsertIdentificationSnapshotParams {
  identification: IdentificationSnapshot;
  observedAt: Date;
  source: SnapshotSource;
  /**
   * This snapshot is part of a complete re-fetch (identification, documents, every IDnow attempt)
   * that began at this time: `refetched_at` moves forward to it. Only for a caller that writes
   * the rest of the re-fetch in the same transaction.
   */
  refetchStartedAt?: Date;
  /**
   * When the identification is new to Identdesk: a webhook already reported this same status at
   * this earlier time, so its history starts then (what placing the reported status afterwards
   * would make of it, in one statement).
   */
  statusReportedAt?: Date;
}

export interface UpsertIdentificationSnapshotResult {
  /** The stored status after the call (an older snapshot does not roll it back). */
  status: IdentificationStatus;
  /** Solaris fields this snapshot changed on the stored row. */
  changed: IdentificationSolarisField[];
  /** A row was added to the status history. */
  statusRecorded: boolean;
  created: boolean;
  /** Older than the last applied snapshot: the row was left alone (its status may still enter the history). */
  stale: boolean;
  /**
   * Something the team-lead metrics are computed from changed (the row's Solaris fields, request
   * or creation time, first pending_successful, or the status history); false lets the caller
   * skip recomputing them.
   */
  metricInputsChanged: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const REVIEW_STATUSES: readonly IdentificationStatus[] = ['pending_successful', 'pending_failed'];

/** When the identification entered its current review status, if it is in review. */
function reviewStart(status: IdentificationStatus, previous: { status: IdentificationStatus; reviewStartedAt: Date | null } | null, observedAt: Date): Date | null {
  if (!REVIEW_STATUSES.includes(status)) return null;
  return previous?.status === status ? (previous.reviewStartedAt ?? observedAt) : observedAt;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/**
 * Copies the person's latest identification (by creation) onto the person row, where search
 * filters and lists read it without a join.
 */
export async function refreshLatestIdentification(tx: DatabaseExecutor, personId: string): Promise<void> {
  const [latest] = await tx
    .select({
      id: identifications.id,
      status: identifications.status,
      language: identifications.language,
      createdAt: identifications.createdAt,
    })
    .from(identifications)
    .where(eq(identifications.personId, personId))
    .orderBy(desc(identifications.createdAt), desc(identifications.id))
    .limit(1);
  await tx
    .update(persons)
    .set({
      latestIdentificationId: latest?.id ?? null,
      latestIdentificationStatus: latest?.status ?? null,
      latestIdentificationLanguage: latest?.language ?? null,
      latestIdentificationCreatedAt: latest?.createdAt ?? null,
    })
    .where(eq(persons.id, personId));
}

function urlExpiry(requestedAt: Date | null): Date | null {
  return requestedAt ? new Date(requestedAt.getTime() + IDENTIFICATION_URL_VALIDITY_DAYS * DAY_MS) : null;
}

/**
 * Stores a Solaris identification snapshot and keeps its status history. A status that differs
 * from the one in effect at `observedAt` is appended to `identification_status_changes`, also
 * when the snapshot arrives late; repeated deliveries add nothing. The row itself only takes
 * snapshots at least as new as the last applied one, so a late one never rolls the status back.
 */
export async function upsertIdentificationSnapshot(
  db: DatabaseExecutor,
  params: UpsertIdentificationSnapshotParams,
): Promise<UpsertIdentificationSnapshotResult> {
  const { identification } = params;
  return db.transaction(async (tx) => {
    // The team-lead metrics follow every row this writes, deletes or re-links, in the same transaction.
    const stored = await withMetricMark(
      tx,
      { personId: identification.personId, identificationId: identification.id },
      () => storeIdentificationSnapshot(tx, params),
      { unchanged: (result) => !result.metricInputsChanged },
    );
    // Reconciliation's listing stores a proof an identification carries before the full re-fetch,
    // which then sees nothing new: the customer's proof-of-address state is decided here.
    if (proofOfAddressMoved(stored, identification)) await storeProofOfAddressState(tx, identification.personId);
    return stored;
  });
}

/** The identification fields a customer's proof-of-address state is decided from. */
const PROOF_OF_ADDRESS_FIELDS: readonly IdentificationSolarisField[] = ['personId', 'proofOfAddressType', 'proofOfAddressIssuedAt'];

/**
 * Whether storing a snapshot added or changed what the person's proof-of-address state is
 * decided from: a new identification that carries a proof, or a proof (or the person it belongs
 * to) that changed on a known one.
 */
export function proofOfAddressMoved(stored: UpsertIdentificationSnapshotResult, snapshot: IdentificationSnapshot): boolean {
  return (stored.created && snapshot.proofOfAddressType != null) || stored.changed.some((field) => PROOF_OF_ADDRESS_FIELDS.includes(field));
}

/**
 * {@link upsertIdentificationSnapshot} inside the caller's transaction, which must also keep the
 * metric rollups (`withMetricMark` around this and whatever else changes the identification).
 */
export async function storeIdentificationSnapshot(
  tx: DatabaseExecutor,
  params: UpsertIdentificationSnapshotParams,
): Promise<UpsertIdentificationSnapshotResult> {
  const { identification, observedAt, source } = params;
  const incoming = definedFields<IdentificationSnapshot>(identification, IDENTIFICATION_SOLARIS_FIELDS);
  const requestedAt = identification.requestedAt ?? (identification.status === 'pending' ? observedAt : null);
  // Most snapshots are of a known identification: look first, insert only when it is not there.
  const lockStored = () => tx.select().from(identifications).where(eq(identifications.id, identification.id)).for('update');
  let [stored] = await lockStored();
  if (stored) return storeSnapshotOfKnown(tx, params, stored, { incoming, requestedAt });
  const [inserted] = await tx
    .insert(identifications)
    .values({
      ...incoming,
      id: identification.id,
      personId: identification.personId,
      status: identification.status,
      requestedAt,
      urlExpiresAt: urlExpiry(requestedAt),
      createdAt: identification.createdAt ?? observedAt,
      firstSeenAt: observedAt,
      lastSyncedAt: observedAt,
      pendingSuccessfulAt: identification.status === 'pending_successful' ? observedAt : null,
      reviewStartedAt: reviewStart(identification.status, null, observedAt),
      refetchedAt: params.refetchStartedAt ?? null,
    })
    .onConflictDoNothing({ target: identifications.id })
    .returning({ id: identifications.id });

  if (inserted) {
    const reportedEarlier = params.statusReportedAt && params.statusReportedAt < observedAt ? params.statusReportedAt : null;
    await tx.insert(identificationStatusChanges).values({
      identificationId: inserted.id,
      fromStatus: null,
      toStatus: identification.status,
      observedAt: reportedEarlier ?? observedAt,
      source,
    });
    await refreshLatestIdentification(tx, identification.personId);
    return { status: identification.status, changed: [], statusRecorded: true, created: true, stale: false, metricInputsChanged: true };
  }

  // Another transaction inserted it meanwhile: wait for it, then treat the snapshot as an update.
  [stored] = await lockStored();
  if (!stored) throw new Error(`identification ${identification.id} vanished during upsert`);
  return storeSnapshotOfKnown(tx, params, stored, { incoming, requestedAt });
}

function laterOf(stored: Date | null, next: Date | undefined): Date | null {
  if (!next) return stored;
  return stored && stored > next ? stored : next;
}

async function storeSnapshotOfKnown(
  tx: DatabaseExecutor,
  params: UpsertIdentificationSnapshotParams,
  stored: IdentificationRow,
  prepared: { incoming: Partial<IdentificationSnapshot>; requestedAt: Date | null },
): Promise<UpsertIdentificationSnapshotResult> {
  const { identification, observedAt, source } = params;
  const { incoming, requestedAt } = prepared;
  const refetchedAt = laterOf(stored.refetchedAt, params.refetchStartedAt);

  const statusRecorded = await recordStatusAt(tx, {
    identificationId: stored.id,
    status: identification.status,
    observedAt,
    source,
  });

  // A late pending_successful still counts: a success that later failed is reversed whatever the order of arrival.
  const pendingSuccessfulAt =
    identification.status === 'pending_successful'
      ? earliest(stored.pendingSuccessfulAt, observedAt)
      : stored.pendingSuccessfulAt;

  if (observedAt < stored.lastSyncedAt) {
    if (pendingSuccessfulAt !== stored.pendingSuccessfulAt || refetchedAt !== stored.refetchedAt) {
      await tx.update(identifications).set({ pendingSuccessfulAt, refetchedAt }).where(eq(identifications.id, stored.id));
    }
    return {
      status: stored.status,
      changed: [],
      statusRecorded,
      created: false,
      stale: true,
      metricInputsChanged: statusRecorded || pendingSuccessfulAt !== stored.pendingSuccessfulAt,
    };
  }

  const changes = diffFields(stored, incoming, IDENTIFICATION_SOLARIS_FIELDS);
  const changed = IDENTIFICATION_SOLARIS_FIELDS.filter((field) => field in changes);
  const nextRequestedAt = stored.requestedAt ?? requestedAt;
  await tx
    .update(identifications)
    .set({
      ...definedFields<IdentificationSnapshot>(incoming, changed),
      requestedAt: nextRequestedAt,
      urlExpiresAt: stored.requestedAt ? stored.urlExpiresAt : urlExpiry(nextRequestedAt),
      createdAt: identification.createdAt ?? stored.createdAt,
      lastSyncedAt: observedAt,
      pendingSuccessfulAt,
      reviewStartedAt: reviewStart(identification.status, stored, observedAt),
      refetchedAt,
    })
    .where(eq(identifications.id, stored.id));
  const createdAtMoved = identification.createdAt != null && identification.createdAt.getTime() !== stored.createdAt.getTime();
  if (changed.length > 0 || createdAtMoved) await refreshLatestIdentification(tx, stored.personId);
  const metricInputsChanged =
    changed.length > 0 ||
    createdAtMoved ||
    statusRecorded ||
    pendingSuccessfulAt !== stored.pendingSuccessfulAt ||
    nextRequestedAt !== stored.requestedAt;
  return { status: identification.status, changed, statusRecorded, created: false, stale: false, metricInputsChanged };
}

/**
 * Adds `status` to the history at `observedAt` unless it is already the status in effect then.
 * The entry after it (if the snapshot came late) is re-linked to start from `status`, or
 * dropped when it said the same.
 */
async function recordStatusAt(
  tx: DatabaseExecutor,
  change: { identificationId: string; status: IdentificationStatus; observedAt: Date; source: string },
): Promise<boolean> {
  const history = identificationStatusChanges;
  const [previous] = await tx
    .select({ toStatus: history.toStatus })
    .from(history)
    .where(and(eq(history.identificationId, change.identificationId), lte(history.observedAt, change.observedAt)))
    .orderBy(desc(history.observedAt), desc(history.id))
    .limit(1);
  if (previous?.toStatus === change.status) return false;

  const [added] = await tx
    .insert(history)
    .values({
      identificationId: change.identificationId,
      fromStatus: previous?.toStatus ?? null,
      toStatus: change.status,
      observedAt: change.observedAt,
      source: change.source,
    })
    .onConflictDoNothing()
    .returning({ id: history.id });
  if (!added) return false;

  const [following] = await tx
    .select({ id: history.id, toStatus: history.toStatus })
    .from(history)
    .where(and(eq(history.identificationId, change.identificationId), gt(history.observedAt, change.observedAt)))
    .orderBy(asc(history.observedAt), asc(history.id))
    .limit(1);
  if (following) {
    if (following.toStatus === change.status) {
      await tx.delete(history).where(eq(history.id, following.id));
    } else {
      await tx.update(history).set({ fromStatus: change.status }).where(eq(history.id, following.id));
    }
  }
  return true;
}

/** One entry of Solaris' `GET .../idnow_attempts`. */
export interface IdnowAttemptInput {
  id: string;
  result: string | null;
  reason: string | null;
  /** The raw IDnow webhook JSON (object, or the JSON text). */
  payload: unknown;
}

export interface UpsertIdnowAttemptsResult {
  inserted: number;
  updated: number;
}

function parsePayload(payload: unknown): unknown {
  if (typeof payload !== 'string') return payload ?? null;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** `identificationprocess.identificationtime` of an IDnow payload, when it is a valid instant. */
export function attemptTimeOf(payload: unknown): Date | null {
  const time =
    property(property(payload, 'identificationprocess'), 'identificationtime') ?? property(payload, 'identificationtime');
  if (typeof time !== 'string') return null;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Stores the IDnow attempts of an identification: new ones are inserted, known ones updated
 * only when Solaris reports something different (repeating a call changes nothing), and the
 * identification's latest attempt result and failure code follow the latest attempt.
 */
export async function upsertIdnowAttempts(
  db: DatabaseExecutor,
  identificationId: string,
  attempts: readonly IdnowAttemptInput[],
  now: Date = new Date(),
): Promise<UpsertIdnowAttemptsResult> {
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ personId: identifications.personId })
      .from(identifications)
      .where(eq(identifications.id, identificationId));
    const store = () => storeIdnowAttempts(tx, identificationId, attempts, now);
    // Nothing to count without attempts, or without the identification (the insert fails on its foreign key).
    if (!owner || attempts.length === 0) return store();
    return withMetricMark(tx, { personId: owner.personId, identificationId }, store, {
      unchanged: (result) => result.inserted + result.updated === 0,
    });
  });
}

/**
 * {@link upsertIdnowAttempts} inside the caller's transaction, which must also keep the metric
 * rollups (`withMetricMark`) when the identification is stored.
 */
export async function storeIdnowAttempts(
  tx: DatabaseExecutor,
  identificationId: string,
  attempts: readonly IdnowAttemptInput[],
  now: Date,
): Promise<UpsertIdnowAttemptsResult> {
  const ids = attempts.map((attempt) => attempt.id);
  const known = new Map(
    ids.length === 0
      ? []
      : (
          await tx
            .select()
            .from(idnowAttempts)
            .where(inArray(idnowAttempts.id, ids))
            .for('update')
        ).map((row) => [row.id, row]),
  );

  // New attempts go in with one statement; listed twice, the last listing counts, as an update would make it.
  const added = new Map<string, typeof idnowAttempts.$inferInsert>();
  let updated = 0;
  for (const attempt of attempts) {
    const payload = parsePayload(attempt.payload);
    const values = {
      result: attempt.result ?? null,
      reason: attempt.reason ?? null,
      payload,
      attemptedAt: attemptTimeOf(payload),
    };
    const stored = known.get(attempt.id);
    if (!stored) {
      added.set(attempt.id, { id: attempt.id, identificationId, firstSeenAt: now, ...values });
    } else if (Object.keys(diffFields(stored, values, ['result', 'reason', 'payload', 'attemptedAt'])).length > 0) {
      await tx.update(idnowAttempts).set(values).where(eq(idnowAttempts.id, attempt.id));
      known.set(attempt.id, { ...stored, ...values });
      updated++;
    }
  }
  if (added.size > 0) await tx.insert(idnowAttempts).values([...added.values()]);
  const inserted = added.size;

  if (inserted + updated > 0) {
    const [latest] = await tx
      .select({ result: idnowAttempts.result, reason: idnowAttempts.reason })
      .from(idnowAttempts)
      .where(eq(idnowAttempts.identificationId, identificationId))
      .orderBy(sql`${idnowAttempts.attemptedAt} desc nulls last`, desc(idnowAttempts.firstSeenAt), desc(idnowAttempts.id))
      .limit(1);
    await tx
      .update(identifications)
      .set({ latestAttemptResult: latest?.result ?? null, latestFailureCode: latest?.reason ?? null })
      .where(eq(identifications.id, identificationId));
  }
  return { inserted, updated };
}
