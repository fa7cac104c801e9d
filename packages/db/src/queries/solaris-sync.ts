import type { IdentificationStatus } from '@identdesk/domain';
import { and, desc, eq, lte } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { identificationStatusChanges } from '../schema/identification-status-changes.ts';
import { identifications } from '../schema/identifications.ts';
import { persons } from '../schema/persons.ts';

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
