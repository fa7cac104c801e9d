import { and, asc, eq } from 'drizzle-orm';
import { notFound } from '../core/errors.ts';
import type { Queryable } from '../db/client.ts';
import { identifications, idnowAttempts, persons } from '../db/schema.ts';
import type { IdentificationRow } from './resource.ts';

export async function findIdentification(
  db: Queryable,
  personId: string,
  identificationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<IdentificationRow | null> {
  const query = db
    .select()
    .from(identifications)
    .where(and(eq(identifications.id, identificationId), eq(identifications.personId, personId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** 404 naming `person_id` when the person is unknown, `id` when the identification is. */
export async function requireIdentification(
  db: Queryable,
  personId: string,
  identificationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<IdentificationRow> {
  const row = await findIdentification(db, personId, identificationId, options);
  if (row) return row;
  const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).limit(1);
  if (!person) throw notFound('person_id', personId);
  throw notFound('id', identificationId);
}

export async function getIdentificationById(
  db: Queryable,
  identificationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<IdentificationRow | null> {
  const query = db.select().from(identifications).where(eq(identifications.id, identificationId)).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function listAttempts(db: Queryable, identificationId: string, page: { number: number; size: number }) {
  return db
    .select()
    .from(idnowAttempts)
    .where(eq(idnowAttempts.identificationId, identificationId))
    .orderBy(asc(idnowAttempts.createdAt), asc(idnowAttempts.id))
    .limit(page.size)
    .offset((page.number - 1) * page.size);
}
