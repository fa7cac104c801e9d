import {
  identificationStatusChanges,
  identifications,
  idnowAttempts,
  personVersions,
  webhookDeliveries,
  type Database,
} from '@identdesk/db';
import { asc, eq } from 'drizzle-orm';

/** Reads for assertions: what Identdesk stored about one identification, person or delivery. */
export function statusHistory(db: Database, identificationId: string) {
  return db
    .select({
      fromStatus: identificationStatusChanges.fromStatus,
      toStatus: identificationStatusChanges.toStatus,
      observedAt: identificationStatusChanges.observedAt,
      source: identificationStatusChanges.source,
    })
    .from(identificationStatusChanges)
    .where(eq(identificationStatusChanges.identificationId, identificationId))
    .orderBy(asc(identificationStatusChanges.observedAt), asc(identificationStatusChanges.id));
}

export async function storedIdentification(db: Database, identificationId: string) {
  const [row] = await db.select().from(identifications).where(eq(identifications.id, identificationId));
  return row ?? null;
}

export function storedAttempts(db: Database, identificationId: string) {
  return db.select().from(idnowAttempts).where(eq(idnowAttempts.identificationId, identificationId));
}

export function storedPersonVersions(db: Database, personId: string) {
  return db
    .select({ version: personVersions.version, source: personVersions.source, changes: personVersions.changes })
    .from(personVersions)
    .where(eq(personVersions.personId, personId))
    .orderBy(asc(personVersions.version));
}

export function deliveriesFor(db: Database, entityId: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.entityId, entityId))
    .orderBy(asc(webhookDeliveries.receivedAt));
}

export function deliveriesWithWebhookId(db: Database, webhookId: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
}
