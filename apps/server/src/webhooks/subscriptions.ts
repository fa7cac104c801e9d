import {
  cancelWebhookSubscription,
  listActiveWebhookSubscriptions,
  saveWebhookSubscription,
  type Database,
} from '@identdesk/db';
import { paginate, SolarisApiError, type SolarisClient, type SolarisWebhookSubscription } from '@identdesk/solaris';
import type { Logger } from '../logger.ts';
import type { SubscriptionGate } from './subscription-gate.ts';

/** The events Identdesk acts on. */
export const SUBSCRIBED_EVENT_TYPES = ['IDENTIFICATION', 'PERSON_CHANGED'] as const;
export type SubscribedEventType = (typeof SUBSCRIBED_EVENT_TYPES)[number];

export interface EnsureSubscriptionsDeps {
  db: Database;
  solaris: SolarisClient;
  logger: Logger;
  now: () => Date;
  gate: SubscriptionGate;
}

export interface EnsureSubscriptionsResult {
  /** Subscription ids per event type, in use after the call. */
  active: Record<SubscribedEventType, string>;
  created: SubscribedEventType[];
  reused: SubscribedEventType[];
  /** Subscriptions deleted at Solaris: to this URL without a known secret, or (with removeStale) to an old URL. */
  removed: number;
  /** Stored subscriptions to other URLs, left in place (live mode). */
  otherUrls: number;
}

/**
 * Makes sure Solaris delivers IDENTIFICATION and PERSON_CHANGED to `webhookUrl`, with the secret
 * of each subscription stored. Idempotent: a stored subscription that Solaris still has for the
 * same URL is reused, so restarts add nothing. A subscription to this URL whose secret Identdesk
 * does not hold is deleted (its deliveries could never be verified).
 */
export async function ensureWebhookSubscriptions(
  deps: EnsureSubscriptionsDeps,
  params: { webhookUrl: string; removeStale: boolean },
): Promise<EnsureSubscriptionsResult> {
  const { db, solaris, logger } = deps;
  const remote: SolarisWebhookSubscription[] = [];
  for await (const subscription of paginate((page) => solaris.listWebhookSubscriptions(page))) remote.push(subscription);
  const remoteIds = new Set(remote.map((subscription) => subscription.id));
  const stored = await listActiveWebhookSubscriptions(db);

  for (const subscription of stored) {
    if (!remoteIds.has(subscription.id)) {
      // Cancelled or deleted at Solaris (a 410 answer, a manual delete): no longer ours to use.
      await cancelWebhookSubscription(db, subscription.id, deps.now());
      deps.gate.changed();
    }
  }

  const active = {} as Record<SubscribedEventType, string>;
  const created: SubscribedEventType[] = [];
  const reused: SubscribedEventType[] = [];
  for (const eventType of SUBSCRIBED_EVENT_TYPES) {
    const usable = stored.find(
      (subscription) =>
        subscription.eventType === eventType &&
        subscription.url === params.webhookUrl &&
        subscription.secret &&
        remote.some((candidate) => candidate.id === subscription.id && candidate.url === params.webhookUrl),
    );
    if (usable) {
      active[eventType] = usable.id;
      reused.push(eventType);
      continue;
    }
    const subscription = await deps.gate.around(async () => {
      const answer = await solaris.createWebhookSubscription({ event_type: eventType, url: params.webhookUrl });
      await saveWebhookSubscription(db, {
        id: answer.id,
        eventType,
        url: params.webhookUrl,
        secret: answer.secret,
        createdAt: deps.now(),
      });
      deps.gate.changed();
      return answer;
    });
    active[eventType] = subscription.id;
    created.push(eventType);
    logger.info({ subscriptionId: subscription.id, eventType }, 'webhook subscription stored');
  }

  const inUse = new Set(Object.values(active));
  const storedIds = new Set(stored.map((subscription) => subscription.id));
  let removed = 0;
  let otherUrls = 0;
  for (const subscription of remote) {
    if (inUse.has(subscription.id)) continue;
    const duplicateOfOurs =
      subscription.url === params.webhookUrl &&
      (SUBSCRIBED_EVENT_TYPES as readonly string[]).includes(subscription.event_type);
    const staleOfOurs = storedIds.has(subscription.id) && subscription.url !== params.webhookUrl;
    if (staleOfOurs && !params.removeStale) otherUrls++;
    if (!duplicateOfOurs && !(staleOfOurs && params.removeStale)) continue;
    try {
      await solaris.deleteWebhookSubscription(subscription.id);
    } catch (error) {
      if (!(error instanceof SolarisApiError && error.status === 404)) throw error;
    }
    await cancelWebhookSubscription(db, subscription.id, deps.now());
    deps.gate.changed();
    removed++;
    logger.info({ subscriptionId: subscription.id, eventType: subscription.event_type }, 'webhook subscription removed');
  }
  return { active, created, reused, removed, otherUrls };
}
