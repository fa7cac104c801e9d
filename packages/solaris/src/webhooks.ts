import { createHmac, timingSafeEqual } from 'node:crypto';
import { identificationIdSchema, identificationStatusSchema } from '@identdesk/domain';
import { z } from 'zod';

export const SOLARIS_WEBHOOK_HEADERS = {
  id: 'solaris-webhook-id',
  eventType: 'solaris-webhook-event-type',
  attempt: 'solaris-webhook-attempt',
  subscriptionId: 'solaris-webhook-subscription-id',
  /** The person id for person events (PERSON_CHANGED, PERSON_DELETED). */
  entityId: 'solaris-entity-id',
  signature: 'solaris-webhook-signature',
} as const;

/** The event types Identdesk handles; `WEBHOOK-SUBSCRIPTION` is the first, empty delivery. */
export const SOLARIS_WEBHOOK_EVENT_TYPES = [
  'IDENTIFICATION',
  'IDENTIFICATION_ORIGINATION',
  'PERSON_CHANGED',
  'PERSON_DELETED',
  'WEBHOOK-SUBSCRIPTION',
] as const;
export const solarisWebhookEventTypeSchema = z.enum(SOLARIS_WEBHOOK_EVENT_TYPES);
export type SolarisWebhookEventType = z.infer<typeof solarisWebhookEventTypeSchema>;

/** Body of an IDENTIFICATION delivery. Informational: re-fetch the identification to act on it. */
export const identificationWebhookBodySchema = z.looseObject({
  id: identificationIdSchema,
  reference: z.string().nullish(),
  url: z.string().nullish(),
  status: identificationStatusSchema,
  completed_at: z.string().nullish(),
  method: z.string().nullish(),
  metadata: z.unknown().optional(),
});
export type IdentificationWebhookBody = z.infer<typeof identificationWebhookBodySchema>;

/**
 * Body of a PERSON_CHANGED delivery: it may be empty (null from `parseWebhookJson`); the person
 * id is in the `solaris-entity-id` header, not in the body.
 */
export const personChangedWebhookBodySchema = z.looseObject({}).nullable();
export type PersonChangedWebhookBody = z.infer<typeof personChangedWebhookBodySchema>;

/** JSON of a delivery body; an empty body (PERSON_CHANGED, WEBHOOK-SUBSCRIPTION) is null. */
export function parseWebhookJson(rawBody: string | Uint8Array): unknown {
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  if (text.trim() === '') return null;
  return JSON.parse(text);
}

type HeaderSource = Headers | Record<string, string | readonly string[] | undefined>;

export interface SolarisWebhookHeaders {
  webhookId: string | null;
  eventType: string | null;
  attempt: number | null;
  subscriptionId: string | null;
  entityId: string | null;
  signature: string | null;
}

function headerValue(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  // A repeated header is ambiguous: treat it as absent rather than pick one.
  return typeof value === 'string' ? value : null;
}

/** Reads the Solaris delivery headers from a fetch `Headers` or Node's `req.headers`. */
export function readWebhookHeaders(headers: HeaderSource): SolarisWebhookHeaders {
  const attempt = headerValue(headers, SOLARIS_WEBHOOK_HEADERS.attempt);
  const attemptNumber = attempt !== null && /^\d+$/.test(attempt.trim()) ? Number(attempt.trim()) : null;
  return {
    webhookId: headerValue(headers, SOLARIS_WEBHOOK_HEADERS.id),
    eventType: headerValue(headers, SOLARIS_WEBHOOK_HEADERS.eventType),
    attempt: attemptNumber,
    subscriptionId: headerValue(headers, SOLARIS_WEBHOOK_HEADERS.subscriptionId),
    entityId: headerValue(headers, SOLARIS_WEBHOOK_HEADERS.entityId),
    signature: headerValue(headers, SOLARIS_WEBHOOK_HEADERS.signature),
  };
}

export type WebhookSignature = `sha256=${string}`;

/** `sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>`, as Solaris sends it. */
export function signWebhookBody(secret: string, rawBody: string | Uint8Array): WebhookSignature {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export type VerifyWebhookSignatureInput = ({ secret: string } | { secrets: readonly string[] }) & {
  /** The body exactly as received: re-serialised JSON does not verify. */
  rawBody: string | Uint8Array;
  /** The `solaris-webhook-signature` header as received. */
  header: string | readonly string[] | null | undefined;
};

const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/**
 * True when the header is the HMAC of the body under any of the candidate secrets (the stored
 * secret of the subscription, or one configured per event type, old and new during a rotation).
 * Compared in constant time; empty secrets never match.
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): boolean {
  if (typeof input.header !== 'string') return false;
  const match = SIGNATURE_PATTERN.exec(input.header.trim());
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], 'hex');
  const secrets = 'secrets' in input ? input.secrets : [input.secret];
  let verified = false;
  for (const secret of secrets) {
    if (secret === '') continue;
    const expected = createHmac('sha256', secret).update(input.rawBody).digest();
    // Every candidate is checked, so the time taken does not tell which one matched.
    if (expected.length === received.length && timingSafeEqual(expected, received)) verified = true;
  }
  return verified;
}
