import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { addMonthsClamped, type PersonPatch, type PersonResource } from '@identdesk/domain';
import { invalidModel, notFound, SandboxValidationError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Queryable } from '../db/client.ts';
import { persons } from '../db/schema.ts';
import type { SandboxContext } from '../context.ts';
import { AML_FOLLOW_UP_MONTHS, newPersonData, toAddress, toPersonResource, type PersonData } from './resource.ts';
import {
  checkResidency,
  hasMandatoryDataPoints,
  parseCreatePerson,
  parsePersonPatch,
  type SandboxCreatePersonInput,
} from './validation.ts';

/** Seed: "If you create more than 1000 identical person resources, then the API will return a 400 error." */
export const IDENTICAL_PERSON_LIMIT = 1000;

export type PersonRow = typeof persons.$inferSelect;

function nullSafeEquals(column: typeof persons.birthCity | typeof persons.birthDate, value: string | null): SQL {
  return value === null ? isNull(column) : eq(column, value);
}

export async function countIdenticalPersons(
  db: Queryable,
  identity: { firstName: string; lastName: string; birthCity: string | null; birthDate: string | null },
): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(persons)
    .where(
      and(
        eq(persons.firstName, identity.firstName),
        eq(persons.lastName, identity.lastName),
        nullSafeEquals(persons.birthCity, identity.birthCity),
        nullSafeEquals(persons.birthDate, identity.birthDate),
      ),
    );
  return Number(row?.total ?? 0);
}

function personDataFromInput(input: SandboxCreatePersonInput, at: Date): PersonData {
  const data: Record<string, unknown> = { ...newPersonData(at) };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'address' || key === 'contact_address' || key === 'tax_information') continue;
    data[key] = value;
  }
  data['address'] = toAddress(input.address);
  data['contact_address'] = toAddress(input.contact_address);
  // Seed: the complete person of Step 1 shows marital_status UNKNOWN, the tutorial's
  // name-only test person shows null.
  const defaultMaritalStatus = hasMandatoryDataPoints(input) ? 'UNKNOWN' : null;
  data['tax_information'] = {
    tax_assessment: input.tax_information?.tax_assessment ?? null,
    marital_status: input.tax_information?.marital_status ?? defaultMaritalStatus,
  };
  data['international_operativity_expectation'] = input.international_operativity_expectation ?? [];
  return data as PersonData;
}

export async function createPerson(ctx: SandboxContext, body: unknown, at: Date = ctx.clock.now()): Promise<PersonResource> {
  const input = parseCreatePerson(body);
  const data = personDataFromInput(input, at);
  checkResidency(ctx.config.branchResidency, data.branch, data.address.country);
  const identity = {
    firstName: data.first_name,
    lastName: data.last_name,
    birthCity: data.birth_city,
    birthDate: data.birth_date,
  };
  const id = newId('person');
  await ctx.db.transaction(async (tx) => {
    // Serialises creations of the same identity, so the limit holds under concurrent requests.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${JSON.stringify([identity.firstName, identity.lastName, identity.birthCity, identity.birthDate])}))`,
    );
    if ((await countIdenticalPersons(tx, identity)) >= ctx.config.identicalPersonLimit) {
      throw new SandboxValidationError([
        invalidModel(
          'first_name',
          `more than ${ctx.config.identicalPersonLimit} identical persons (same first_name, last_name, birth_city and birth_date) cannot be created on the sandbox: use unique values`,
        ),
      ]);
    }
    await tx.insert(persons).values({ id, ...identity, data, createdAt: at, updatedAt: at });
  });
  ctx.logger.info({ personId: id }, 'person created');
  return toPersonResource(id, data);
}

export async function findPerson(db: Queryable, personId: string): Promise<PersonRow | null> {
  const [row] = await db.select().from(persons).where(eq(persons.id, personId)).limit(1);
  return row ?? null;
}

export async function requirePerson(db: Queryable, personId: string): Promise<PersonRow> {
  const row = await findPerson(db, personId);
  if (!row) throw notFound('person_id', personId);
  return row;
}

export async function getPerson(ctx: SandboxContext, personId: string): Promise<PersonResource> {
  const row = await requirePerson(ctx.db, personId);
  return toPersonResource(row.id, row.data);
}

export function applyPersonPatch(current: PersonData, patch: PersonPatch): PersonData {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'address' || key === 'contact_address') {
      next[key] = toAddress(value as Record<string, unknown> | null, current[key]);
    } else if (key === 'tax_information') {
      next[key] = { ...current.tax_information, ...(value as Record<string, unknown>) };
    } else {
      next[key] = value;
    }
  }
  if (patch.aml_confirmed_on !== undefined) {
    next['aml_follow_up_date'] = addMonthsClamped(patch.aml_confirmed_on, AML_FOLLOW_UP_MONTHS);
  }
  return next as PersonData;
}

export async function updatePerson(
  ctx: SandboxContext,
  personId: string,
  body: unknown,
  at: Date = ctx.clock.now(),
): Promise<PersonResource> {
  const patch = parsePersonPatch(body, at);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(persons).where(eq(persons.id, personId)).for('update');
    if (!row) throw notFound('person_id', personId);
    const current = toPersonResource(row.id, row.data);
    const { id: _id, ...currentData } = current;
    const next = applyPersonPatch(currentData, patch);
    if (patch.address !== undefined || patch.branch !== undefined) {
      checkResidency(ctx.config.branchResidency, next.branch, next.address.country);
    }
    await tx.update(persons).set({ data: next, updatedAt: at }).where(eq(persons.id, personId));
    return toPersonResource(personId, next);
  });
}

/** Person data changed by IDnow (an agent's correction): the identity columns follow. */
export async function replacePersonData(db: Queryable, personId: string, data: PersonData, at: Date): Promise<void> {
  await db
    .update(persons)
    .set({
      data,
      firstName: data.first_name,
      lastName: data.last_name,
      birthCity: data.birth_city,
      birthDate: data.birth_date,
      updatedAt: at,
    })
    .where(eq(persons.id, personId));
}

export async function listPersons(
  ctx: SandboxContext,
  page: { number: number; size: number },
): Promise<PersonResource[]> {
  const rows = await ctx.db
    .select()
    .from(persons)
    .orderBy(asc(persons.createdAt), asc(persons.id))
    .limit(page.size)
    .offset((page.number - 1) * page.size);
  return rows.map((row) => toPersonResource(row.id, row.data));
}
