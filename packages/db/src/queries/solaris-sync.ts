import { eq } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
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
