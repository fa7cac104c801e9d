import { findIdentificationPersonId, type WebhookDeliveryRow } from '@identdesk/db';
import { PERSON_ID_PATTERN } from '@identdesk/domain';
import { identificationWebhookBodySchema, parseWebhookJson } from '@identdesk/solaris';
import { UnprocessableDeliveryError } from './failures.ts';
import { syncIdentification, syncPerson, type SyncDeps } from './sync.ts';

export type DeliveryRow = Pick<WebhookDeliveryRow, 'id' | 'eventType' | 'entityId' | 'rawBody' | 'receivedAt'>;

/**
 * Acts on one stored delivery. Solaris' webhooks are informational, so the resource is fetched
 * again and its current state stored; the body only names it (and its status enters the history).
 */
export async function processDelivery(deps: SyncDeps, delivery: DeliveryRow): Promise<void> {
  switch (delivery.eventType) {
    case 'IDENTIFICATION':
      await processIdentificationDelivery(deps, delivery);
      return;
    case 'PERSON_CHANGED': {
      const personId = personIdOf(delivery.entityId);
      if (!personId) {
        throw new UnprocessableDeliveryError('PERSON_CHANGED without a person id in solaris-entity-id');
      }
      await syncPerson(deps, personId, 'webhook');
      return;
    }
    default:
      // WEBHOOK-SUBSCRIPTION (the first, empty delivery) and event types Identdesk does not
      // subscribe to are acknowledged and need nothing more.
      return;
  }
}

function personIdOf(entityId: string | null): string | null {
  return entityId && PERSON_ID_PATTERN.test(entityId) ? entityId : null;
}

async function processIdentificationDelivery(deps: SyncDeps, delivery: DeliveryRow) {
  let json: unknown;
  try {
    json = parseWebhookJson(delivery.rawBody);
  } catch {
    throw new UnprocessableDeliveryError('IDENTIFICATION body is not JSON');
  }
  const parsed = identificationWebhookBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new UnprocessableDeliveryError(`IDENTIFICATION body: ${field} ${issue?.message ?? 'is invalid'}`);
  }
  const body = parsed.data;
  // Solaris names the person in solaris-entity-id; a delivery without it can still be placed
  // when Identdesk already knows the identification.
  const personId = personIdOf(delivery.entityId) ?? (await findIdentificationPersonId(deps.db, body.id));
  if (!personId) {
    throw new UnprocessableDeliveryError(
      'IDENTIFICATION for an unknown identification without a person id in solaris-entity-id',
    );
  }
  await syncIdentification(deps, {
    personId,
    identificationId: body.id,
    source: 'webhook',
    reported: { status: body.status, receivedAt: delivery.receivedAt },
  });
}
