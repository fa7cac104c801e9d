import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { hasDatabaseError } from '../errors.ts';
import { webhookDeliveries } from '../schema/webhook-deliveries.ts';
import { recordWebhookDelivery, type WebhookDeliveryInput } from './webhooks.ts';

/** A verified delivery waiting to be stored; `receivedAt` is when it arrived. */
export type VerifiedWebhookDeliveryInput = Omit<WebhookDeliveryInput, 'signatureValid' | 'receivedAt'> & { receivedAt: Date };

/** What became of one delivery of a batch: stored now, already stored (a repeat), or not stored. */
export type WebhookIntakeOutcome =
  | { stored: true; id: string; duplicate: boolean }
  | { stored: false; error: unknown };

/**
 * Errors a single row can cause while the database itself is fine: SQLSTATE class 22 (a value it
 * refuses), 23 (a constraint) and 54 (a limit, e.g. a `solaris-webhook-id` too long for the
 * unique index's btree entry). Anything else (the connection, the server) would fail every row
 * alike, so retrying them one by one would only repeat the failure.
 */
const ROW_LEVEL_SQLSTATE = /^(22|23|54)[0-9A-Z]{3}$/;

export function isRowLevelError(error: unknown): boolean {
  return hasDatabaseError(error, ({ code }) => ROW_LEVEL_SQLSTATE.test(code));
}

/**
 * Stores verified deliveries that arrived together with one multi-row INSERT: one statement, one
 * commit. Rows are inserted in the order given, so their `arrival` numbers follow it. A
 * `solaris-webhook-id` stored before, or earlier in the same batch, is a duplicate and adds
 * nothing. When the statement fails because of a row, the rows are stored one by one instead, so
 * only the offending row goes unstored; when it fails for any other reason, none is stored.
 * Outcomes are in the order of `inputs`.
 */
export async function storeVerifiedWebhookDeliveries(
  db: DatabaseExecutor,
  inputs: readonly VerifiedWebhookDeliveryInput[],
): Promise<WebhookIntakeOutcome[]> {
  // The first delivery of each webhook id is inserted; later ones in the batch repeat it.
  const firstIndexOf = new Map<string, number>();
  const firsts: VerifiedWebhookDeliveryInput[] = [];
  inputs.forEach((input, index) => {
    if (firstIndexOf.has(input.webhookId)) return;
    firstIndexOf.set(input.webhookId, index);
    firsts.push(input);
  });

  let firstOutcomes: Map<string, WebhookIntakeOutcome>;
  try {
    firstOutcomes = await insertTogether(db, firsts);
  } catch (error) {
    if (!isRowLevelError(error)) return inputs.map(() => ({ stored: false, error }));
    firstOutcomes = await insertOneByOne(db, firsts);
  }

  return inputs.map((input, index) => {
    const outcome = firstOutcomes.get(input.webhookId) ?? { stored: false, error: new Error(`no outcome for ${input.webhookId}`) };
    const repeatInBatch = firstIndexOf.get(input.webhookId) !== index;
    return outcome.stored && repeatInBatch ? { ...outcome, duplicate: true } : outcome;
  });
}

/**
 * One statement for any batch size: the columns travel as arrays and are unnested in their
 * order, so PostgreSQL parses one short text instead of a VALUES list that grows with the batch
 * (measured on the embedded database: a third of the time for a single row, half for 16), and
 * rows are inserted, and numbered by `arrival`, in the order given.
 */
async function insertTogether(
  db: DatabaseExecutor,
  inputs: readonly VerifiedWebhookDeliveryInput[],
): Promise<Map<string, WebhookIntakeOutcome>> {
  const column = <T>(value: (input: VerifiedWebhookDeliveryInput) => T) => sql.param(inputs.map(value));
  const inserted = await db.execute<{ id: string; webhook_id: string }>(sql`
    insert into ${webhookDeliveries}
      (webhook_id, event_type, subscription_id, entity_id, attempt, signature_valid, headers, raw_body, received_at, status, next_attempt_at)
    select webhook_id, event_type, subscription_id, entity_id, attempt, true, headers, raw_body, received_at, 'received', received_at
      from unnest(
        ${column((input) => input.webhookId)}::text[],
        ${column((input) => input.eventType)}::text[],
        ${column((input) => input.subscriptionId ?? null)}::text[],
        ${column((input) => input.entityId ?? null)}::text[],
        ${column((input) => input.attempt ?? null)}::integer[],
        ${column((input) => JSON.stringify(input.headers))}::jsonb[],
        ${column((input) => input.rawBody)}::text[],
        ${column((input) => input.receivedAt.toISOString())}::timestamptz[]
      ) with ordinality as incoming (webhook_id, event_type, subscription_id, entity_id, attempt, headers, raw_body, received_at, position)
     order by position
    on conflict (webhook_id) where signature_valid do nothing
    returning id, webhook_id`);
  const outcomes = new Map<string, WebhookIntakeOutcome>(
    inserted.rows.map((row) => [row.webhook_id, { stored: true, id: row.id, duplicate: false }]),
  );
  const repeated = inputs.filter((input) => !outcomes.has(input.webhookId)).map((input) => input.webhookId);
  if (repeated.length === 0) return outcomes;

  // Stored earlier: answered with the id of the stored delivery. Read after the insert committed,
  // so a repeat stored concurrently by another Identdesk process is found too.
  try {
    const existing = await db
      .select({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId })
      .from(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.webhookId, repeated), eq(webhookDeliveries.signatureValid, true)));
    for (const row of existing) outcomes.set(row.webhookId, { stored: true, id: row.id, duplicate: true });
  } catch (error) {
    // The new rows are committed; only the repeats go unanswered, and Solaris sends them again.
    for (const webhookId of repeated) outcomes.set(webhookId, { stored: false, error });
  }
  return outcomes;
}

async function insertOneByOne(
  db: DatabaseExecutor,
  inputs: readonly VerifiedWebhookDeliveryInput[],
): Promise<Map<string, WebhookIntakeOutcome>> {
  const outcomes = new Map<string, WebhookIntakeOutcome>();
  let databaseFailure: unknown = null;
  for (const input of inputs) {
    // Once the database itself fails, the remaining rows are not tried one connection attempt each.
    if (databaseFailure) {
      outcomes.set(input.webhookId, { stored: false, error: databaseFailure });
      continue;
    }
    try {
      const recorded = await recordWebhookDelivery(db, { ...input, signatureValid: true });
      outcomes.set(input.webhookId, { stored: true, id: recorded.id, duplicate: recorded.duplicate });
    } catch (error) {
      outcomes.set(input.webhookId, { stored: false, error });
      if (!isRowLevelError(error)) databaseFailure = error;
    }
  }
  return outcomes;
}
