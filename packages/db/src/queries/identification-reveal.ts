import { eq } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { identifications } from '../schema/identifications.ts';

/** What compliance sees on a reveal: IDnow's reference and the identification URL, and whose they are. */
export interface IdentificationReference {
  id: string;
  personId: string;
  reference: string | null;
  url: string | null;
}

export async function getIdentificationReference(
  db: DatabaseExecutor,
  id: string,
): Promise<IdentificationReference | undefined> {
  const [row] = await db
    .select({
      id: identifications.id,
      personId: identifications.personId,
      reference: identifications.reference,
      url: identifications.url,
    })
    .from(identifications)
    .where(eq(identifications.id, id))
    .limit(1);
  return row;
}
