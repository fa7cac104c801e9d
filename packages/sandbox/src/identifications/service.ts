import { asc, eq } from 'drizzle-orm';
import {
  createIdentificationInputSchemaAt,
  IDENTIFICATION_STATUS_MEANINGS,
  IDENTIFICATION_URL_VALIDITY_DAYS,
  type IdentificationResource,
  type IdentificationStatus,
} from '@identdesk/domain';
import { DAY } from '../core/clock.ts';
import { invalidModel, SandboxValidationError } from '../core/errors.ts';
import { newId, newReference } from '../core/ids.ts';
import { parseOrThrow, requireObjectBody } from '../core/validation.ts';
import type { SandboxTx } from '../db/client.ts';
import { identifications } from '../db/schema.ts';
import type { SandboxContext } from '../context.ts';
import { listIdentificationDocuments } from '../documents/service.ts';
import { toIdentificationDocument } from '../documents/resource.ts';
import { runScenarioAt, scenarioKeyFor, scheduleExpiry } from '../engine/scenario.ts';
import { requirePerson } from '../persons/service.ts';
import { toPersonResource } from '../persons/resource.ts';
import { enqueueWebhookEvent, identificationEventBody } from '../webhooks/outbox.ts';
import {
  toIdentificationDetail,
  toIdentificationResource,
  toRequestedIdentificationResource,
} from './resource.ts';
import { listAttempts, requireIdentification } from './store.ts';

/** Seconds, as in the seed's request example. */
export const ESTIMATED_WAITING_TIME_SECONDS = 60;

export function identificationUrl(ctx: SandboxContext, identificationId: string): string {
  return `${ctx.config.publicBaseUrl.replace(/\/+$/, '')}${ctx.config.basePath}/idnow/identifications/${identificationId}`;
}

export async function createIdentification(
  ctx: SandboxContext,
  personId: string,
  body: unknown,
  at: Date = ctx.clock.now(),
): Promise<IdentificationResource> {
  await requirePerson(ctx.db, personId);
  const input = parseOrThrow(createIdentificationInputSchemaAt(at), requireObjectBody(body));
  const [row] = await ctx.db
    .insert(identifications)
    .values({
      id: newId('identification'),
      personId,
      method: input.method,
      status: 'created',
      language: input.language ?? null,
      proofOfAddressType: input.proof_of_address_type ?? null,
      proofOfAddressIssuedAt: input.proof_of_address_issued_at ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!row) throw new Error('identification insert returned no row');
  ctx.logger.info({ identificationId: row.id, personId }, 'identification created');
  return toIdentificationResource(row);
}

async function uniqueReference(tx: SandboxTx): Promise<string> {
  for (;;) {
    const reference = newReference();
    const [taken] = await tx
      .select({ id: identifications.id })
      .from(identifications)
      .where(eq(identifications.reference, reference))
      .limit(1);
    if (!taken) return reference;
  }
}

/**
 * PATCH …/request: `created` becomes `pending` with a reference and a URL valid 14 days, and the
 * scenario starts (test cases and the random mix at once; X-MANUALTEST waits for the customer on
 * the identification page). Asking again while the identification is open hands back the same one.
 */
export async function requestIdentification(
  ctx: SandboxContext,
  personId: string,
  identificationId: string,
  at: Date = ctx.clock.now(),
): Promise<IdentificationResource> {
  const row = await ctx.db.transaction(async (tx) => {
    const current = await requireIdentification(tx, personId, identificationId, { forUpdate: true });
    if (current.status !== 'created') {
      const meaning = IDENTIFICATION_STATUS_MEANINGS[current.status as IdentificationStatus];
      if (meaning.final) {
        throw new SandboxValidationError([
          invalidModel(
            'status',
            `the identification is ${current.status} and cannot be requested again: create a new identification`,
          ),
        ]);
      }
      return current;
    }
    const person = await requirePerson(tx, personId);
    const scenario = scenarioKeyFor(person.firstName, person.lastName);
    const expiresAt = new Date(at.getTime() + IDENTIFICATION_URL_VALIDITY_DAYS * DAY);
    const [updated] = await tx
      .update(identifications)
      .set({
        status: 'pending',
        reference: await uniqueReference(tx),
        url: identificationUrl(ctx, identificationId),
        requestedAt: at,
        urlExpiresAt: expiresAt,
        estimatedWaitingTime: ESTIMATED_WAITING_TIME_SECONDS,
        scenario,
        updatedAt: at,
      })
      .where(eq(identifications.id, identificationId))
      .returning();
    if (!updated) throw new Error('identification vanished');
    await enqueueWebhookEvent(
      tx,
      { eventType: 'IDENTIFICATION', entityId: personId, body: identificationEventBody(toIdentificationResource(updated)) },
      ctx.clock.now(),
      ctx.config.webhookPolicy,
    );
    await scheduleExpiry(tx, identificationId, expiresAt, at);
    if (!scenario.startsWith('X-MANUALTEST')) await runScenarioAt(ctx, tx, identificationId, at);
    ctx.logger.info({ identificationId, scenario }, 'identification requested');
    return updated;
  });
  ctx.wake();
  return toRequestedIdentificationResource(row);
}

export async function getIdentification(
  ctx: SandboxContext,
  personId: string,
  identificationId: string,
  options: { includeDocuments: boolean },
): Promise<IdentificationResource> {
  const row = await requireIdentification(ctx.db, personId, identificationId);
  const person = await requirePerson(ctx.db, personId);
  const documents = options.includeDocuments
    ? (await listIdentificationDocuments(ctx.db, identificationId)).map(toIdentificationDocument)
    : null;
  return toIdentificationDetail(row, toPersonResource(person.id, person.data).address, documents);
}

export async function listIdentifications(
  ctx: SandboxContext,
  personId: string,
  page: { number: number; size: number },
): Promise<IdentificationResource[]> {
  await requirePerson(ctx.db, personId);
  const rows = await ctx.db
    .select()
    .from(identifications)
    .where(eq(identifications.personId, personId))
    .orderBy(asc(identifications.createdAt), asc(identifications.id))
    .limit(page.size)
    .offset((page.number - 1) * page.size);
  return rows.map(toIdentificationResource);
}

export async function listIdnowAttempts(
  ctx: SandboxContext,
  personId: string,
  identificationId: string,
  page: { number: number; size: number },
) {
  await requireIdentification(ctx.db, personId, identificationId);
  const rows = await listAttempts(ctx.db, identificationId, page);
  return rows.map((row) => ({ id: row.id, result: row.result, reason: row.reason, payload: row.payload }));
}
