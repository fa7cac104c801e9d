import {
  findIdentificationPersonId,
  identificationStatusesAt,
  loadDeliveryTargets,
  recordReportedStatus,
  type DeliveryTargets,
  type WebhookDeliveryRow,
} from '@identdesk/db';
import { PERSON_ID_PATTERN, type IdentificationStatus } from '@identdesk/domain';
import { identificationWebhookBodySchema, parseWebhookJson } from '@identdesk/solaris';
import { UnprocessableDeliveryError } from './failures.ts';
import { syncIdentification, syncPerson, type SyncDeps } from './sync.ts';

export type DeliveryRow = Pick<WebhookDeliveryRow, 'id' | 'eventType' | 'entityId' | 'rawBody' | 'receivedAt'>;

/** Processes one delivery of a prepared batch; throws what the queue classifies as a failure. */
export type ProcessDelivery = (delivery: DeliveryRow) => Promise<void>;

/**
 * Solaris' webhooks are informational, so the resource a delivery names is fetched again and its
 * current state stored; the body only names it (and its status enters the history).
 *
 * Readies a claimed batch of deliveries: reads at once what Identdesk stores about the
 * identifications and persons they name, and returns the processor of each delivery. A
 * delivery that arrived at or before the last complete re-fetch of what it names (its
 * identification's `refetched_at`, its person's last snapshot) is answered by that re-fetch and
 * calls Solaris for nothing; only its reported status is placed, by the rule that applies after
 * a re-fetch. Re-fetches done while the batch is worked count too, so a burst of deliveries
 * about one identification costs one re-fetch. Deliveries about one person must be processed
 * one after another, in arrival order (the worker's lanes).
 */
export async function prepareDeliveryBatch(deps: SyncDeps, batch: readonly DeliveryRow[]): Promise<ProcessDelivery> {
  const reported = new Map<string, ReportedIdentification>();
  for (const delivery of batch) {
    if (delivery.eventType !== 'IDENTIFICATION') continue;
    try {
      reported.set(delivery.id, parseIdentificationDelivery(delivery));
    } catch {
      // Reported as this delivery's own failure when it is processed.
    }
  }
  const targets = await loadDeliveryTargets(deps.db, {
    identificationIds: [...reported.values()].map((body) => body.id),
    personIds: batch.map((delivery) => personIdOf(delivery.entityId)).filter((id): id is string => id !== null),
  });
  const statusesAtArrival = await readStatusesAtArrival(deps, batch, reported, targets);
  // Identifications whose history this batch changed: statuses read before are out of date.
  const historyChanged = new Set<string>();

  async function processIdentification(delivery: DeliveryRow) {
    const body = reported.get(delivery.id) ?? parseIdentificationDelivery(delivery);
    const stored = targets.identifications.get(body.id);
    // Solaris names the person in solaris-entity-id; a delivery without it can still be placed
    // when Identdesk already knows the identification.
    const personId = personIdOf(delivery.entityId) ?? stored?.personId ?? (await findIdentificationPersonId(deps.db, body.id));
    if (!personId) {
      throw new UnprocessableDeliveryError(
        'IDENTIFICATION for an unknown identification without a person id in solaris-entity-id',
      );
    }
    const status = { status: body.status, receivedAt: delivery.receivedAt };

    if (stored?.refetchedAt && delivery.receivedAt <= stored.refetchedAt && stored.personId === personId) {
      const knownThen = historyChanged.has(body.id) ? undefined : statusesAtArrival.get(delivery.id);
      try {
        const placed = await recordReportedStatus(
          deps.db,
          { personId, identificationId: body.id, current: stored.status, source: 'webhook' },
          status,
          knownThen,
        );
        if (placed) historyChanged.add(body.id);
      } catch (error) {
        historyChanged.add(body.id);
        throw error;
      }
      return;
    }

    const synced = await syncIdentification(deps, {
      personId,
      identificationId: body.id,
      source: 'webhook',
      reported: status,
      personKnown: targets.persons.has(personId) || stored?.personId === personId,
    });
    historyChanged.add(body.id);
    const refetchedAt = later(stored?.refetchedAt ?? null, synced.refetchedAt);
    targets.identifications.set(body.id, { personId, status: synced.identification.status, refetchedAt });
    if (!targets.persons.has(personId)) targets.persons.set(personId, { lastSyncedAt: synced.refetchedAt });
  }

  async function processPersonChanged(delivery: DeliveryRow) {
    const personId = personIdOf(delivery.entityId);
    if (!personId) throw new UnprocessableDeliveryError('PERSON_CHANGED without a person id in solaris-entity-id');
    // A person is fetched with one request: any snapshot observed after the arrival answers it.
    const stored = targets.persons.get(personId);
    if (stored && delivery.receivedAt <= stored.lastSyncedAt) return;
    const synced = await syncPerson(deps, personId, 'webhook');
    targets.persons.set(personId, { lastSyncedAt: later(stored?.lastSyncedAt ?? null, synced.observedAt) });
  }

  return async (delivery) => {
    switch (delivery.eventType) {
      case 'IDENTIFICATION':
        await processIdentification(delivery);
        return;
      case 'PERSON_CHANGED':
        await processPersonChanged(delivery);
        return;
      default:
        // WEBHOOK-SUBSCRIPTION (the first, empty delivery) and event types Identdesk does not
        // subscribe to are acknowledged and need nothing more.
        return;
    }
  };
}

type ReportedIdentification = { id: string; status: IdentificationStatus };

/**
 * The status in effect at each arrival, for the deliveries a stored re-fetch already answers,
 * read with one statement for the batch.
 */
async function readStatusesAtArrival(
  deps: SyncDeps,
  batch: readonly DeliveryRow[],
  reported: Map<string, ReportedIdentification>,
  targets: DeliveryTargets,
): Promise<Map<string, IdentificationStatus | null>> {
  const answered = batch.filter((delivery) => {
    const body = reported.get(delivery.id);
    const refetchedAt = body ? targets.identifications.get(body.id)?.refetchedAt : null;
    return refetchedAt != null && delivery.receivedAt <= refetchedAt;
  });
  const statuses = await identificationStatusesAt(
    deps.db,
    answered.map((delivery) => ({ identificationId: reported.get(delivery.id)?.id ?? '', at: delivery.receivedAt })),
  );
  return new Map(answered.map((delivery, index) => [delivery.id, statuses[index] ?? null]));
}

function later(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}

function personIdOf(entityId: string | null): string | null {
  return entityId && PERSON_ID_PATTERN.test(entityId) ? entityId : null;
}

function parseIdentificationDelivery(delivery: DeliveryRow): ReportedIdentification {
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
  return { id: parsed.data.id, status: parsed.data.status };
}
