import { webhookDeliveries } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { SOLARIS_WEBHOOK_HEADERS, signWebhookBody } from '@identdesk/solaris';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import { businessTables, changedContents, junkValue, tableContents } from '../testing/bad-input.ts';
import { createDeliverySwitch, startTestServer, waitFor } from '../testing/harness.ts';
import { WEBHOOK_BODY_LIMIT_BYTES } from './inbox.ts';

/**
 * `POST /webhooks/solaris` against whatever arrives: arbitrary bodies, headers and signatures.
 * Never a 5xx for a request that could be stored. A bad signature is answered 401 and only kept
 * as `rejected` for inspection (decision 0004): it never enters the queue and nothing about a
 * customer changes. A valid signature over a junk body is accepted (Solaris must stop retrying)
 * and then dead-lettered by the worker without touching customer data.
 */

const IDENTIFICATION_SECRET = 'configured-identification-secret';

let database: TestDatabase;
let server: RunningServer;
let inboxUrl: string;
let tables: string[];
const deliveries = createDeliverySwitch();

beforeAll(async () => {
  database = await openTestDatabase();
  // The sandbox's own webhooks are dropped: every delivery in this file is sent by the test.
  deliveries.state.mode = 'lose';
  server = await startTestServer({ database, env: { SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: IDENTIFICATION_SECRET }, sandboxFetch: deliveries.fetch });
  inboxUrl = `${server.localUrl}/webhooks/solaris`;
  tables = await businessTables(database.db);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

/** Header values fetch can send: visible ASCII and Latin-1, up to a few kilobytes. */
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 20 }),
  fc.constantFrom('', ' ', '-1', '0', '99999999999999999999', '2147483648', '1e3', 'x'.repeat(4000), 'IDENTIFICATION', 'PERSON_CHANGED', 'WEBHOOK-SUBSCRIPTION'),
);

/** Solaris' headers, each present or not, with any value. */
const solarisHeaders = fc.record(
  {
    [SOLARIS_WEBHOOK_HEADERS.id]: headerText,
    [SOLARIS_WEBHOOK_HEADERS.eventType]: headerText,
    [SOLARIS_WEBHOOK_HEADERS.attempt]: headerText,
    [SOLARIS_WEBHOOK_HEADERS.subscriptionId]: headerText,
    [SOLARIS_WEBHOOK_HEADERS.entityId]: headerText,
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/json; charset=latin1'),
  },
  { requiredKeys: [] },
);

/** Bodies as bytes: JSON of any shape, JSON cut short, random bytes (invalid UTF-8 and NUL included). */
const body = fc.oneof(
  junkValue().map((value) => Buffer.from(JSON.stringify(value) ?? '')),
  fc.constantFrom('{"id":', '{"status":"successful"}', '', '\u0000', 'null').map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
);

/** Signatures that are not the body's: missing, malformed, another body's, another secret's. */
function badSignature(bytes: Buffer): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    headerText,
    fc.constantFrom('sha256=', `sha256=${'0'.repeat(64)}`, `sha256=${'g'.repeat(64)}`, `SHA256=${'a'.repeat(64)}`),
    fc.constant(signWebhookBody('another secret', bytes)),
    fc.constant(signWebhookBody(IDENTIFICATION_SECRET, Buffer.concat([bytes, Buffer.from(' ')]))),
  );
}

function post(headers: Record<string, string>, bytes: Buffer) {
  return fetch(inboxUrl, { method: 'POST', headers, body: new Uint8Array(bytes) });
}

async function deliveriesWithStatus(status: 'rejected' | 'received') {
  return database.db.$count(webhookDeliveries, eq(webhookDeliveries.status, status));
}

describe('POST /webhooks/solaris with arbitrary input', () => {
  it('a bad or missing signature is answered 401, kept only as rejected, and changes nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        solarisHeaders,
        body.chain((bytes) => fc.tuple(fc.constant(bytes), badSignature(bytes))),
        async (headers, [bytes, signature]) => {
          const before = await tableContents(database.db, tables);
          const rejectedBefore = await deliveriesWithStatus('rejected');
          const sent = { ...headers, ...(signature === undefined ? {} : { [SOLARIS_WEBHOOK_HEADERS.signature]: signature }) };
          const response = await post(sent, bytes);
          const what = `headers ${JSON.stringify(sent).slice(0, 400)}, body ${bytes.toString('utf8').slice(0, 100)}`;
          expect(response.status, what).toBe(401);
          const after = await tableContents(database.db, tables);
          expect(changedContents(before, after, ['webhook_deliveries']), what).toEqual([]);
          expect(after.webhook_deliveries?.rows, what).toBe((before.webhook_deliveries?.rows ?? 0) + 1);
          expect(await deliveriesWithStatus('rejected'), what).toBe(rejectedBefore + 1);
        },
      ),
      { numRuns: 60 },
    );
    expect(await deliveriesWithStatus('received')).toBe(0);
  });

  it('a valid signature over junk is accepted, then dead-lettered without touching customer data', async () => {
    const customerTables = tables.filter((table) => !['webhook_deliveries', 'webhook_subscriptions', 'sessions', 'audit_events'].includes(table));
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('IDENTIFICATION', 'WEBHOOK-SUBSCRIPTION'),
        fc.record({ attempt: headerText, entityId: headerText }, { requiredKeys: [] }),
        async (bytes, eventType, extra) => {
          const before = await tableContents(database.db, customerTables);
          const webhookId = crypto.randomUUID();
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            [SOLARIS_WEBHOOK_HEADERS.id]: webhookId,
            [SOLARIS_WEBHOOK_HEADERS.eventType]: eventType,
            [SOLARIS_WEBHOOK_HEADERS.signature]: signWebhookBody(IDENTIFICATION_SECRET, bytes),
            ...(extra.attempt === undefined ? {} : { [SOLARIS_WEBHOOK_HEADERS.attempt]: extra.attempt }),
            ...(extra.entityId === undefined ? {} : { [SOLARIS_WEBHOOK_HEADERS.entityId]: extra.entityId }),
          };
          const response = await post(headers, bytes);
          const what = `${eventType} ${JSON.stringify(extra).slice(0, 200)} body ${bytes.toString('utf8').slice(0, 100)}`;
          expect(response.status, what).toBe(202);
          const [stored] = await waitFor(
            () => database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)),
            (rows) => rows[0] !== undefined && rows[0].status !== 'received' && rows[0].status !== 'processing',
            { what: `delivery ${webhookId} handled by the worker` },
          );
          expect(stored?.signatureValid, what).toBe(true);
          // The first, empty delivery of a subscription has nothing to process; anything else here is junk.
          expect(['dead', 'processed'], `${what}: ended ${stored?.status} (${stored?.lastError ?? ''})`).toContain(stored?.status);
          expect(changedContents(before, await tableContents(database.db, customerTables)), what).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a signed delivery without its id or event type is refused 400 and not stored', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(SOLARIS_WEBHOOK_HEADERS.id, SOLARIS_WEBHOOK_HEADERS.eventType), async (bytes, missing) => {
        const before = await tableContents(database.db, tables);
        const headers: Record<string, string> = {
          [SOLARIS_WEBHOOK_HEADERS.id]: crypto.randomUUID(),
          [SOLARIS_WEBHOOK_HEADERS.eventType]: 'IDENTIFICATION',
          [SOLARIS_WEBHOOK_HEADERS.signature]: signWebhookBody(IDENTIFICATION_SECRET, bytes),
        };
        delete headers[missing];
        const response = await post(headers, bytes);
        // Without an event type no secret applies, so the signature cannot be checked: 401.
        expect(response.status).toBe(missing === SOLARIS_WEBHOOK_HEADERS.id ? 400 : 401);
        const after = await tableContents(database.db, tables);
        if (response.status === 400) expect(changedContents(before, after)).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });

  it('a body over the limit is refused 413 and nothing is stored', async () => {
    const before = await tableContents(database.db, tables);
    const bytes = Buffer.alloc(WEBHOOK_BODY_LIMIT_BYTES + 1, 0x7b);
    const response = await post(
      {
        'content-type': 'application/json',
        [SOLARIS_WEBHOOK_HEADERS.id]: crypto.randomUUID(),
        [SOLARIS_WEBHOOK_HEADERS.eventType]: 'IDENTIFICATION',
        [SOLARIS_WEBHOOK_HEADERS.signature]: signWebhookBody(IDENTIFICATION_SECRET, bytes),
      },
      bytes,
    );
    expect(response.status).toBe(413);
    expect(changedContents(before, await tableContents(database.db, tables))).toEqual([]);
  });
});
