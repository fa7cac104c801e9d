import { desc, eq, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { isOneOf } from '../schema/columns.ts';
import {
  IDENTIFICATION_START_IN_PROGRESS_STATUSES,
  identificationStarts,
  type IdentificationStartStatus,
} from '../schema/identification-starts.ts';
import { users } from '../schema/users.ts';

/** A new identification an agent started, with the agent's name. */
export interface IdentificationStartRecord {
  id: string;
  personId: string;
  replacesIdentificationId: string | null;
  identificationId: string | null;
  language: string;
  proofOfAddressType: string | null;
  proofOfAddressIssuedAt: string | null;
  proofOfAddressSubmissionId: string | null;
  reason: string;
  status: IdentificationStartStatus;
  error: string | null;
  startedBy: { id: string; name: string };
  startedAt: Date;
  requestedAt: Date | null;
}

function selectStarts(db: DatabaseExecutor) {
  return db
    .select({ start: identificationStarts, startedByName: users.displayName })
    .from(identificationStarts)
    .innerJoin(users, eq(users.id, identificationStarts.startedBy));
}

function recordOf(row: { start: typeof identificationStarts.$inferSelect; startedByName: string }): IdentificationStartRecord {
  const { start } = row;
  return {
    id: start.id,
    personId: start.personId,
    replacesIdentificationId: start.replacesIdentificationId,
    identificationId: start.identificationId,
    language: start.language,
    proofOfAddressType: start.proofOfAddressType,
    proofOfAddressIssuedAt: start.proofOfAddressIssuedAt,
    proofOfAddressSubmissionId: start.proofOfAddressSubmissionId,
    reason: start.reason,
    status: start.status,
    error: start.error,
    startedBy: { id: start.startedBy, name: row.startedByName },
    startedAt: start.startedAt,
    requestedAt: start.requestedAt,
  };
}

export interface NewIdentificationStart {
  personId: string;
  replacesIdentificationId: string | null;
  language: string;
  proofOfAddressType: string | null;
  proofOfAddressIssuedAt: string | null;
  proofOfAddressSubmissionId: string | null;
  reason: string;
  startedBy: string;
  startedAt: Date;
}

/**
 * Written before the POST to Solaris (`creating`), so a start that dies half-way stays visible.
 * Null when another start of the customer is still on its way: two agents (or a double click)
 * passed the eligibility check together, and only the first may go on to Solaris, or the
 * customer would get two identifications.
 */
export async function insertIdentificationStart(db: DatabaseExecutor, start: NewIdentificationStart): Promise<string | null> {
  const [inserted] = await db
    .insert(identificationStarts)
    .values(start)
    .onConflictDoNothing({
      target: identificationStarts.personId,
      where: isOneOf(identificationStarts.status, IDENTIFICATION_START_IN_PROGRESS_STATUSES),
    })
    .returning({ id: identificationStarts.id });
  return inserted?.id ?? null;
}

/** Solaris created the identification (stored by then, the foreign key needs it). */
export async function markIdentificationStartCreated(db: DatabaseExecutor, startId: string, identificationId: string): Promise<void> {
  await db.update(identificationStarts).set({ status: 'created', identificationId }).where(eq(identificationStarts.id, startId));
}

export async function markIdentificationStartRequested(db: DatabaseExecutor, startId: string, requestedAt: Date): Promise<void> {
  await db.update(identificationStarts).set({ status: 'requested', requestedAt, error: null }).where(eq(identificationStarts.id, startId));
}

export async function markIdentificationStartFailed(db: DatabaseExecutor, startId: string, error: string): Promise<void> {
  await db.update(identificationStarts).set({ status: 'failed', error }).where(eq(identificationStarts.id, startId));
}

/** A start of the person still on its way (creating, or created and not yet requested). */
export async function findIdentificationStartInProgress(db: DatabaseExecutor, personId: string): Promise<IdentificationStartRecord | null> {
  const [row] = await selectStarts(db)
    .where(sql`${identificationStarts.personId} = ${personId} and ${isOneOf(identificationStarts.status, IDENTIFICATION_START_IN_PROGRESS_STATUSES)}`)
    .orderBy(desc(identificationStarts.startedAt))
    .limit(1);
  return row ? recordOf(row) : null;
}

/** The start that made this identification, if an agent started it in Identdesk. */
export async function findStartOfIdentification(db: DatabaseExecutor, identificationId: string): Promise<IdentificationStartRecord | null> {
  const [row] = await selectStarts(db).where(eq(identificationStarts.identificationId, identificationId)).limit(1);
  return row ? recordOf(row) : null;
}

/** The latest start that replaced this identification with a new one (the new one created). */
export async function findReplacementOfIdentification(
  db: DatabaseExecutor,
  identificationId: string,
): Promise<IdentificationStartRecord | null> {
  const [row] = await selectStarts(db)
    .where(
      sql`${identificationStarts.replacesIdentificationId} = ${identificationId} and ${identificationStarts.identificationId} is not null`,
    )
    .orderBy(desc(identificationStarts.startedAt))
    .limit(1);
  return row ? recordOf(row) : null;
}
