import { listActiveWebhookSubscriptions, type Database, type WebhookSubscriptionRow } from '@identdesk/db';
import type { SubscriptionGate } from './subscription-gate.ts';

/** What a delivery's `solaris-webhook-subscription-id` vouches for. */
export interface SubscriptionSecret {
  eventType: string;
  secret: string;
}

export interface SubscriptionSecrets {
  /**
   * The active subscription's secret, from memory. An id not known there is read again from the
   * database first (a subscription stored by another process, e.g. `pnpm solaris:subscribe`),
   * unless a read began after `askedAt` (`performance.now()` when the delivery came) already.
   */
  lookup(subscriptionId: string, askedAt?: number): Promise<SubscriptionSecret | null>;
  /**
   * Reads the stored subscriptions again after a signature did not match, unless a read began
   * after `askedAt` already: the secret may have been renewed by another process.
   */
  reread(subscriptionId: string, askedAt?: number): Promise<SubscriptionSecret | null>;
}

export interface SubscriptionSecretsOptions {
  db: Database;
  /** Tells when this process changed the stored subscriptions. */
  gate: Pick<SubscriptionGate, 'generation'>;
  /**
   * The least time between two reads caused by unknown ids or wrong signatures: a flood of forged
   * deliveries costs at most one read per interval (each waits for the next one), and a secret
   * renewed elsewhere is picked up within it.
   */
  minRereadIntervalMs?: number;
  /** Reads the active subscriptions; by default from `db`. */
  readActive?: () => Promise<WebhookSubscriptionRow[]>;
}

export const DEFAULT_MIN_REREAD_INTERVAL_MS = 500;

/**
 * The secrets of the active webhook subscriptions, kept in memory so a delivery costs no
 * database read to verify. Read in full at first use and after every change this process made
 * (the gate counts them); otherwise again only on an unknown id or a mismatch, at most once per
 * interval.
 */
export function createSubscriptionSecrets(options: SubscriptionSecretsOptions): SubscriptionSecrets {
  const minIntervalMs = options.minRereadIntervalMs ?? DEFAULT_MIN_REREAD_INTERVAL_MS;
  const readActive = options.readActive ?? (() => listActiveWebhookSubscriptions(options.db));
  let known: Map<string, SubscriptionSecret> | null = null;
  let knownAtGeneration = -1;
  let lastReadStartedAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | null = null;
  let nextThrottledRead: Promise<void> | null = null;

  function read(): Promise<void> {
    reading ??= (async () => {
      const generation = options.gate.generation();
      lastReadStartedAt = performance.now();
      try {
        const rows = await readActive();
        const next = new Map<string, SubscriptionSecret>();
        for (const row of rows) if (row.secret) next.set(row.id, { eventType: row.eventType, secret: row.secret });
        known = next;
        knownAtGeneration = generation;
      } finally {
        reading = null;
      }
    })();
    return reading;
  }

  /** A read now, or, when the last one started less than the interval ago, one shared read once it has passed. */
  function throttledRead(): Promise<void> {
    const waitMs = lastReadStartedAt + minIntervalMs - performance.now();
    if (waitMs <= 0) return reading ?? read();
    nextThrottledRead ??= new Promise<void>((resolve) => setTimeout(resolve, waitMs)).then(() => {
      nextThrottledRead = null;
      return reading ?? read();
    });
    return nextThrottledRead;
  }

  async function current(): Promise<Map<string, SubscriptionSecret>> {
    // While a read is under way it may have started before a change; wait for it, then look again.
    while (!known || knownAtGeneration !== options.gate.generation()) {
      await (reading ?? read());
    }
    return known;
  }

  async function readAfter(askedAt: number, subscriptionId: string): Promise<SubscriptionSecret | null> {
    if (lastReadStartedAt < askedAt) await throttledRead();
    return (await current()).get(subscriptionId) ?? null;
  }

  return {
    async lookup(subscriptionId, askedAt = performance.now()) {
      const found = (await current()).get(subscriptionId);
      return found ?? readAfter(askedAt, subscriptionId);
    },
    reread: (subscriptionId, askedAt = performance.now()) => readAfter(askedAt, subscriptionId),
  };
}
