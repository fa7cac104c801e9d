import { randomUUID } from 'node:crypto';
import {
  recordWebhookDelivery,
  storeVerifiedWebhookDeliveries,
  type Database,
  type VerifiedWebhookDeliveryInput,
  type WebhookIntakeOutcome,
} from '@identdesk/db';
import {
  readWebhookHeaders,
  SOLARIS_WEBHOOK_HEADERS,
  verifyWebhookSignature,
  type SolarisWebhookHeaders,
} from '@identdesk/solaris';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { SolarisConfig } from '../env.ts';
import type { Logger } from '../logger.ts';
import { createGroupCommit } from './group-commit.ts';
import type { IntakePriority } from './intake-priority.ts';
import type { SubscriptionGate } from './subscription-gate.ts';
import { createSubscriptionSecrets, type SubscriptionSecret } from './subscription-secrets.ts';

/** Solaris bodies are a few hundred bytes; anything near this is not a Solaris delivery. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;
const SUBSCRIPTION_EVENT_TYPE = 'WEBHOOK-SUBSCRIPTION';
/** How long a delivery may wait for a subscription being created (Solaris allows 30 s per answer). */
const GATE_WAIT_MS = 10_000;
/**
 * The most verified deliveries stored by one INSERT. Under a burst the batch is whatever arrived
 * while the previous insert ran; the cap keeps one statement (and the wait of its callers) short.
 */
export const MAX_DELIVERIES_PER_INSERT = 200;
/** Solaris' webhook ids are UUIDs; one far longer cannot be one, and would not fit the unique index's entry. */
export const MAX_WEBHOOK_ID_LENGTH = 255;

export interface WebhookInboxDeps {
  db: Database;
  logger: Logger;
  /** The clock deliveries are stamped with (the sandbox clock in sandbox mode). */
  now: () => Date;
  webhookSecrets: SolarisConfig['webhookSecrets'];
  subscriptionGate: SubscriptionGate;
  /** Called after a new delivery was stored, to wake the queue worker. */
  onStored: () => void;
  /** Told of every delivery being taken in, so the worker can let the inbox go first. */
  intakePriority?: IntakePriority;
  /** Least time between re-reads of the subscription secrets caused by unknown ids or wrong signatures. */
  secretRereadIntervalMs?: number;
}

type Verification = 'valid' | 'missing_signature' | 'no_secret' | 'mismatch';

const KEPT_HEADER_NAMES: readonly string[] = [...Object.values(SOLARIS_WEBHOOK_HEADERS), 'content-type', 'user-agent'];

/** The headers kept with a delivery: Solaris' own, never cookies or authorization. */
function solarisHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADER_NAMES) {
    const value = raw[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

/** The largest `solaris-webhook-attempt` a delivery's integer column holds; beyond it the header is nonsense. */
const MAX_STORED_ATTEMPT = 2_147_483_647;

/** The attempt Solaris names, or null when the header is missing or out of any plausible range. */
function storableAttempt(attempt: number | null): number | null {
  return attempt !== null && Number.isSafeInteger(attempt) && attempt <= MAX_STORED_ATTEMPT ? attempt : null;
}

/**
 * PostgreSQL text cannot hold NUL. A forged body may contain one and must still be recorded; a
 * signed one is not JSON then, and is kept (altered only there) so the worker dead-letters it
 * rather than Solaris retrying a delivery that can never be stored.
 */
function storableText(body: Buffer): string {
  return body.toString('utf8').replaceAll('\u0000', '\uFFFD');
}

/**
 * `POST /webhooks/solaris`: verifies the signature over the raw body, stores the delivery in
 * the durable queue and answers at once; processing happens in the background worker.
 */
export function createWebhookInbox(deps: WebhookInboxDeps): Router {
  const router = express.Router();
  const subscriptionSecrets = createSubscriptionSecrets({
    db: deps.db,
    gate: deps.subscriptionGate,
    minRereadIntervalMs: deps.secretRereadIntervalMs,
  });
  // Verified deliveries that arrive while an insert is in flight go into the next one together.
  const intake = createGroupCommit<VerifiedWebhookDeliveryInput, WebhookIntakeOutcome>({
    store: (batch) => storeVerifiedWebhookDeliveries(deps.db, batch),
    maxBatch: MAX_DELIVERIES_PER_INSERT,
  });

  function candidateSecrets(headers: SolarisWebhookHeaders, subscription: SubscriptionSecret | null): string[] {
    const secrets: string[] = [];
    // A subscription's secret only vouches for its own event type (and its first, empty delivery).
    if (subscription && (subscription.eventType === headers.eventType || headers.eventType === SUBSCRIPTION_EVENT_TYPE)) {
      secrets.push(subscription.secret);
    }
    if (headers.eventType === SUBSCRIPTION_EVENT_TYPE) {
      secrets.push(...Object.values(deps.webhookSecrets));
    } else if (headers.eventType === 'IDENTIFICATION' || headers.eventType === 'PERSON_CHANGED') {
      const configured = deps.webhookSecrets[headers.eventType];
      if (configured) secrets.push(configured);
    }
    return secrets;
  }

  async function verify(headers: SolarisWebhookHeaders, rawBody: Buffer): Promise<Verification> {
    const signature = headers.signature;
    if (!signature) return 'missing_signature';
    const subscriptionId = headers.subscriptionId;
    const askedAt = performance.now();
    const check = (subscription: SubscriptionSecret | null): Verification => {
      const secrets = candidateSecrets(headers, subscription);
      if (secrets.length === 0) return 'no_secret';
      return verifyWebhookSignature({ secrets, rawBody, header: signature }) ? 'valid' : 'mismatch';
    };
    const lookup = () => (subscriptionId ? subscriptionSecrets.lookup(subscriptionId, askedAt) : Promise.resolve(null));
    const known = await lookup();
    let verification = check(known);
    // The secret in memory may be older than one renewed by another process: read it again.
    if (verification !== 'valid' && subscriptionId && known) {
      verification = check(await subscriptionSecrets.reread(subscriptionId, askedAt));
    }
    if (verification === 'valid' || !deps.subscriptionGate.busy()) return verification;
    await deps.subscriptionGate.settled(GATE_WAIT_MS);
    return check(await lookup());
  }

  router.post('/', express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES }), async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers = readWebhookHeaders(req.headers);
    const log = { webhookId: headers.webhookId, eventType: headers.eventType, subscriptionId: headers.subscriptionId };
    const taken = deps.intakePriority?.begin();
    try {
      const verification = await verify(headers, rawBody);
      if (verification !== 'valid') {
        const stored = await recordWebhookDelivery(deps.db, {
          // A forged delivery may lack the headers; it is still kept for inspection.
          webhookId: headers.webhookId ?? `missing-${randomUUID()}`,
          eventType: headers.eventType ?? 'UNKNOWN',
          subscriptionId: headers.subscriptionId,
          entityId: headers.entityId,
          attempt: storableAttempt(headers.attempt),
          signatureValid: false,
          headers: solarisHeaders(req.headers),
          rawBody: storableText(rawBody),
          receivedAt: deps.now(),
        });
        deps.logger.warn({ ...log, deliveryId: stored.id, reason: verification }, 'webhook signature rejected');
        res.status(401).json({
          error: 'invalid_signature',
          message:
            verification === 'missing_signature'
              ? `The ${SOLARIS_WEBHOOK_HEADERS.signature} header is missing.`
              : `The ${SOLARIS_WEBHOOK_HEADERS.signature} header does not match the body for this subscription or event type.`,
        });
        return;
      }
      if (!headers.webhookId || !headers.eventType) {
        const missing = headers.webhookId ? SOLARIS_WEBHOOK_HEADERS.eventType : SOLARIS_WEBHOOK_HEADERS.id;
        deps.logger.warn({ ...log, missing }, 'signed webhook without its identifying headers refused');
        res.status(400).json({ error: 'missing_header', message: `The ${missing} header is missing.`, field: missing });
        return;
      }
      if (headers.webhookId.length > MAX_WEBHOOK_ID_LENGTH) {
        const field = SOLARIS_WEBHOOK_HEADERS.id;
        deps.logger.warn({ ...log, webhookId: undefined, webhookIdLength: headers.webhookId.length }, 'signed webhook with an overlong id refused');
        res.status(400).json({
          error: 'invalid_header',
          message: `The ${field} header is longer than ${MAX_WEBHOOK_ID_LENGTH} characters.`,
          field,
        });
        return;
      }
      const stored = await intake.submit({
        webhookId: headers.webhookId,
        eventType: headers.eventType,
        subscriptionId: headers.subscriptionId,
        entityId: headers.entityId,
        attempt: storableAttempt(headers.attempt),
        headers: solarisHeaders(req.headers),
        rawBody: storableText(rawBody),
        receivedAt: deps.now(),
      });
      if (!stored.stored) throw stored.error;
      if (stored.duplicate) {
        deps.logger.info({ ...log, deliveryId: stored.id, attempt: headers.attempt }, 'repeated webhook ignored');
        res.status(200).json({ status: 'duplicate', id: stored.id });
        return;
      }
      res.status(202).json({ status: 'accepted', id: stored.id });
      deps.onStored();
    } catch (error) {
      // Not stored: Solaris must try again, so the answer is not 2xx.
      deps.logger.error({ ...log, err: error }, 'webhook could not be stored');
      res.setHeader('Retry-After', '30');
      res.status(503).json({ error: 'unavailable', message: 'The delivery could not be stored; try again later.' });
    } finally {
      taken?.();
    }
  });

  router.all('/', (_req, res) => {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ error: 'method_not_allowed', message: 'Webhooks are delivered with POST.' });
  });

  const bodyErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    if (status === 413) {
      res.status(413).json({ error: 'body_too_large', message: `The body exceeds ${WEBHOOK_BODY_LIMIT_BYTES} bytes.` });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: 'bad_request', message: 'The body could not be read.' });
      return;
    }
    next(error);
  };
  router.use(bodyErrors);

  return router;
}
