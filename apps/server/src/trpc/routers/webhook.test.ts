import { claimDueWebhookDeliveries, markWebhookDeliveryFailed, recordWebhookDelivery } from '@identdesk/db';
import { createUser, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import type { Role } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { createCallerFactory, createContextInner, type SignedInUser } from '../init.ts';
import { appRouter } from '../router.ts';

let database: TestDatabase;
let kicks = 0;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function signedIn(role: Role): Promise<SignedInUser> {
  const user = await createUser(database.db, { role });
  return { id: user.id, email: user.email, displayName: user.displayName, role };
}

function callerAs(user: SignedInUser | null) {
  return createCallerFactory(appRouter)(
    createContextInner({
      db: database.db,
      databaseKind: database.kind,
      user,
      origin: { ip: '127.0.0.1', userAgent: 'vitest' },
      logger: createLogger({ level: 'silent' }),
      now: () => new Date(),
      webhookQueue: { kick: () => void kicks++ },
    }),
  );
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function storeDelivery(overrides: { signatureValid?: boolean; body?: string } = {}) {
  return recordWebhookDelivery(database.db, {
    webhookId: crypto.randomUUID(),
    eventType: 'IDENTIFICATION',
    subscriptionId: 'sub-1',
    entityId: '7cf09c3c5547b974a664201f24b454eecper',
    attempt: 1,
    signatureValid: overrides.signatureValid ?? true,
    headers: { 'solaris-webhook-event-type': 'IDENTIFICATION' },
    rawBody: overrides.body ?? '{"id":"6dc54352d6793a892e0702850d07b831cidt","status":"pending","url":"https://go.test.idnow.de/x"}',
  });
}

async function storeDeadDelivery() {
  const stored = await storeDelivery();
  await claimDueWebhookDeliveries(database.db, { now: new Date(Date.now() + 1000), limit: 100, leaseMs: 60_000 });
  await markWebhookDeliveryFailed(database.db, { id: stored.id, error: 'Solaris GET failed with 400', retryAt: null });
  return stored;
}

describe('webhook.* access', () => {
  const calls = {
    list: (caller: ReturnType<typeof callerAs>) => caller.webhook.list({}),
    stats: (caller: ReturnType<typeof callerAs>) => caller.webhook.stats(),
    replay: (caller: ReturnType<typeof callerAs>) => caller.webhook.replay({ id: crypto.randomUUID() }),
  };

  for (const [name, call] of Object.entries(calls)) {
    it(`webhook.${name} answers UNAUTHORIZED without a session and FORBIDDEN to every role but admin`, async () => {
      expect((await failure(call(callerAs(null)))).code).toBe('UNAUTHORIZED');
      for (const role of ['agent', 'compliance', 'team_lead'] as const) {
        expect((await failure(call(callerAs(await signedIn(role))))).code).toBe('FORBIDDEN');
      }
    });
  }
});

describe('webhook.list and webhook.stats', () => {
  it('lists deliveries by status, paged, with ids, event types and errors but never bodies', async () => {
    const admin = callerAs(await signedIn('admin'));
    const dead = await storeDeadDelivery();
    await storeDelivery({ signatureValid: false, body: '{"first_name":"Jane"}' });

    const page = await admin.webhook.list({ statuses: ['dead', 'failed'], page: 1, pageSize: 10 });
    expect(page).toMatchObject({ page: 1, pageSize: 10 });
    expect(page.items.map((item) => item.id)).toContain(dead.id);
    const item = page.items.find((candidate) => candidate.id === dead.id);
    expect(item).toMatchObject({
      status: 'dead',
      eventType: 'IDENTIFICATION',
      entityId: '7cf09c3c5547b974a664201f24b454eecper',
      lastError: 'Solaris GET failed with 400',
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const everything = JSON.stringify(await admin.webhook.list({ pageSize: 100 }));
    expect(everything).not.toContain('idnow.de');
    expect(everything).not.toContain('Jane');
    expect(everything).not.toContain('rawBody');

    const stats = await admin.webhook.stats();
    expect(stats.byStatus.dead).toBeGreaterThanOrEqual(1);
    expect(stats.byStatus.rejected).toBeGreaterThanOrEqual(1);
    expect(stats.total).toBe(Object.values(stats.byStatus).reduce((sum, n) => sum + n, 0));
  });

  it('refuses bad paging and unknown statuses with BAD_REQUEST naming the field', async () => {
    const admin = callerAs(await signedIn('admin'));
    const badPage = await failure(admin.webhook.list({ page: 0 }));
    expect(badPage.code).toBe('BAD_REQUEST');
    expect(badPage.message).toContain('page must be 1 or more');
    const badStatus = await failure(admin.webhook.list({ statuses: ['lost' as never] }));
    expect(badStatus.code).toBe('BAD_REQUEST');
    expect(badStatus.message).toContain('must be one of received');
  });
});

describe('webhook.replay', () => {
  it('puts a dead delivery back into the queue, wakes the worker and writes the audit trail', async () => {
    const admin = callerAs(await signedIn('admin'));
    const dead = await storeDeadDelivery();
    const before = kicks;

    expect(await admin.webhook.replay({ id: dead.id })).toEqual({ id: dead.id, status: 'received' });
    expect(kicks).toBe(before + 1);
    const listed = await admin.webhook.list({ statuses: ['received'], pageSize: 100 });
    expect(listed.items.find((item) => item.id === dead.id)).toMatchObject({ attempts: 0, lastError: null });

    const events = await database.pool.query<{ actor_role: string; occurred_at: Date }>(
      "select actor_role, occurred_at from audit_events where action = 'webhook_delivery.replayed' and subject_id = $1",
      [dead.id],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]?.actor_role).toBe('admin');
    // The trail records real time, whatever clock the webhook queue runs on.
    expect(Math.abs((events.rows[0]?.occurred_at.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('answers NOT_FOUND, CONFLICT and BAD_REQUEST for what cannot be replayed', async () => {
    const admin = callerAs(await signedIn('admin'));
    expect((await failure(admin.webhook.replay({ id: crypto.randomUUID() }))).code).toBe('NOT_FOUND');

    const queued = await storeDelivery();
    const conflict = await failure(admin.webhook.replay({ id: queued.id }));
    expect(conflict).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('this one is received') });

    const rejected = await storeDelivery({ signatureValid: false });
    expect(await failure(admin.webhook.replay({ id: rejected.id }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('signature'),
    });

    const invalid = await failure(admin.webhook.replay({ id: 'not-a-uuid' }));
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(invalid.message).toContain('id must be the id of a webhook delivery');
  });
});
