import { and, eq } from 'drizzle-orm';
import {
  IDENTIFICATION_STATUS_MEANINGS,
  identificationStatusForIdnowResult,
  IDNOW_RESULT_MEANINGS,
  type FailureCode,
  type IdentificationStatus,
  type IdnowResult,
} from '@identdesk/domain';
import { newId } from '../core/ids.ts';
import type { SandboxTx } from '../db/client.ts';
import { documents, identifications, idnowAttempts } from '../db/schema.ts';
import type { SandboxContext } from '../context.ts';
import { insertDocument } from '../documents/service.ts';
import { identificationDocuments } from '../files/identification-documents.ts';
import { toIdentificationResource, type IdentificationRow } from '../identifications/resource.ts';
import { getIdentificationById } from '../identifications/store.ts';
import { toPersonResource, type PersonData } from '../persons/resource.ts';
import { findPerson, replacePersonData } from '../persons/service.ts';
import { enqueueWebhookEvent, identificationEventBody } from '../webhooks/outbox.ts';
import { changedPersonData } from './data-change.ts';
import { buildIdnowPayload } from './idnow-payload.ts';
import type { DataChange, IdnowChannel } from './plan.ts';

export interface IdnowResultStep {
  result: IdnowResult;
  reason: FailureCode | null;
  dataChange: DataChange | null;
  channel: IdnowChannel;
  /** In [0, 1): stable choices (agent, document number) for this step. */
  pick: number;
}

/** Statuses an IDnow result can still arrive in. */
const OPEN_STATUSES: readonly IdentificationStatus[] = [
  'pending',
  'pending_successful',
  'pending_failed',
  'aborted',
  'canceled',
];

/** Statuses in which the 14-day link runs out. */
const EXPIRABLE_STATUSES: readonly IdentificationStatus[] = ['pending', 'aborted', 'canceled'];

/** Writes the identification's new state and queues the IDENTIFICATION webhook. */
async function saveIdentification(
  ctx: SandboxContext,
  tx: SandboxTx,
  current: IdentificationRow,
  changes: Partial<IdentificationRow>,
  at: Date,
): Promise<IdentificationRow> {
  const [updated] = await tx
    .update(identifications)
    .set({ ...changes, updatedAt: at })
    .where(eq(identifications.id, current.id))
    .returning();
  if (!updated) throw new Error(`identification ${current.id} vanished`);
  await enqueueWebhookEvent(
    tx,
    {
      eventType: 'IDENTIFICATION',
      entityId: updated.personId,
      body: identificationEventBody(toIdentificationResource(updated)),
    },
    // Queued now even when the step is backdated: its retry horizon starts when it is sent.
    ctx.clock.now(),
    ctx.config.webhookPolicy,
  );
  return updated;
}

/**
 * One IDnow result arriving at `at`: the attempt is stored with its payload, the status follows
 * the domain's result → status mapping, changed person data is saved (PERSON_CHANGED), documents
 * are attached on success, and an IDENTIFICATION webhook goes out for every result.
 */
export async function applyIdnowResult(
  ctx: SandboxContext,
  tx: SandboxTx,
  identificationId: string,
  step: IdnowResultStep,
  at: Date,
): Promise<'applied' | 'skipped'> {
  const current = await getIdentificationById(tx, identificationId, { forUpdate: true });
  if (!current || !OPEN_STATUSES.includes(current.status as IdentificationStatus)) return 'skipped';
  const person = await findPerson(tx, current.personId);
  if (!person) return 'skipped';
  const { id: _id, ...before } = toPersonResource(person.id, person.data);
  let after: PersonData = before;

  if (step.dataChange) {
    after = changedPersonData(before, step.dataChange, Math.floor(step.pick * 1000));
    await replacePersonData(tx, person.id, after, at);
    await enqueueWebhookEvent(
      tx,
      { eventType: 'PERSON_CHANGED', entityId: person.id, body: '' },
      ctx.clock.now(),
      ctx.config.webhookPolicy,
    );
  }

  const reference = current.reference ?? '';
  const payload = buildIdnowPayload({
    identificationId,
    reference,
    result: step.result,
    reason: step.reason,
    at,
    channel: step.channel,
    before,
    after,
    mobileNumber: current.customerMobileNumber,
    pick: step.pick,
  });
  await tx.insert(idnowAttempts).values({
    id: newId('attempt'),
    identificationId,
    result: step.result,
    reason: step.reason,
    payload,
    createdAt: at,
  });

  const status = identificationStatusForIdnowResult(step.result);
  const meaning = IDENTIFICATION_STATUS_MEANINGS[status];
  const resultMeaning = IDNOW_RESULT_MEANINGS[step.result];
  await saveIdentification(
    ctx,
    tx,
    current,
    {
      status,
      providerStatusCode: step.result,
      // No reason may be disclosed for `failed` (seed); aborted and canceled carry one.
      failureReason: meaning.reason === 'given' && resultMeaning.reasonGiven ? step.reason : null,
      completedAt: status === 'successful' || status === 'failed' ? at : null,
      address: after.address,
      // An aborted or canceled customer may start again with the same URL.
      customerStep: meaning.retryWithSameUrl ? null : current.customerStep,
    },
    at,
  );

  if (status === 'successful') {
    const [existing] = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.identificationId, identificationId), eq(documents.documentType, 'KYC_REPORT')))
      .limit(1);
    if (!existing) {
      for (const document of identificationDocuments({
        identificationId,
        reference,
        result: step.result,
        at,
        channel: step.channel,
      })) {
        await insertDocument(tx, { ...document, personId: person.id, identificationId }, at);
      }
    }
  }
  ctx.logger.info({ identificationId, result: step.result, status }, 'IDnow result applied');
  return 'applied';
}

/** The 14-day link ran out while the customer had not finished: `expired`. */
export async function expireIdentification(
  ctx: SandboxContext,
  tx: SandboxTx,
  identificationId: string,
  at: Date,
): Promise<'applied' | 'skipped'> {
  const current = await getIdentificationById(tx, identificationId, { forUpdate: true });
  if (!current || !EXPIRABLE_STATUSES.includes(current.status as IdentificationStatus)) return 'skipped';
  await saveIdentification(ctx, tx, current, { status: 'expired', customerStep: null }, at);
  ctx.logger.info({ identificationId, status: 'expired' }, 'identification expired');
  return 'applied';
}
