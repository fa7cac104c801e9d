import { auditEvents, persons, proofOfAddressSubmissions, type Database } from '@identdesk/db';
import { createIdentification, createPerson, createUser, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import type { Role } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createLogger } from '../../logger.ts';
import type { RunningServer } from '../../server.ts';
import { createPasswordUser, TEST_PASSWORD } from '../../testing/auth.ts';
import { createDeliverySwitch, startTestServer, waitFor } from '../../testing/harness.ts';
import { storedIdentification } from '../../testing/queries.ts';
import { createIdentificationAtSolaris } from '../../testing/solaris-fixtures.ts';
import { detachedRequestAuth } from '../../auth/request-auth.ts';
import { createCallerFactory, createContextInner, type SignedInUser } from '../init.ts';
import { appRouter } from '../router.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CSRF = { 'content-type': 'application/json', 'x-identdesk-csrf': '1' };

/**
 * Through the whole stack: IDnow test scenarios played by the real sandbox, delivered as signed
 * webhooks, processed by the worker, and the queues read over HTTP as a compliance reviewer.
 */
describe('queues over HTTP, filled by the sandbox’s IDnow test scenarios', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let cookie: string;
  const deliveries = createDeliverySwitch();
  const ids = {} as Record<'fraudIdent' | 'fraudReview' | 'canceled' | 'changeAll' | 'happyPath' | 'longReview', { personId: string; identificationId: string }>;

  async function advance(ms: number) {
    if (!server.sandbox) throw new Error('the test server runs in sandbox mode');
    server.sandbox.clock.advance(ms);
    await server.sandbox.runDue();
    await server.worker.drain();
  }

  async function trpc<T>(path: string, input: unknown): Promise<{ status: number; body: { result?: { data: T }; error?: { message: string; data: { code: string; fieldErrors: { field: string; message: string }[] | null } } } }> {
    const response = await fetch(`${server.localUrl}/trpc/${path}`, { method: 'POST', headers: { ...CSRF, cookie }, body: JSON.stringify(input) });
    return { status: response.status, body: (await response.json()) as never };
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    server = await startTestServer({ database, sandboxFetch: deliveries.fetch });
    const reviewer = await createPasswordUser(database.db, { role: 'compliance', displayName: 'Casey Compliance' });
    const login = await fetch(`${server.localUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: CSRF,
      body: JSON.stringify({ email: reviewer.email, password: TEST_PASSWORD }),
    });
    cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';

    const sandbox = server.sandbox;
    if (!sandbox) throw new Error('the test server runs in sandbox mode');
    const wallNow = () => new Date();

    // A LONGREVIEW customer called 25 hours ago. IDnow's review result (due 24 hours after the
    // call) never reaches Identdesk, a lost webhook: from Identdesk's view the review runs on.
    sandbox.clock.set(new Date(wallNow().getTime() - 25 * HOUR));
    ids.longReview = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-LONGREVIEW' });
    await advance(5 * MINUTE);
    await waitFor(() => storedIdentification(database.db, ids.longReview.identificationId), (row) => row?.status === 'pending_successful', {
      what: 'the LONGREVIEW identification in review',
    });
    deliveries.state.mode = 'lose';
    sandbox.clock.set(new Date(wallNow().getTime() - 5 * MINUTE));
    await sandbox.runDue();
    deliveries.state.mode = 'pass';

    // The other scenarios, now: the calls end after a minute, the test reviews 1–2 minutes later.
    ids.fraudIdent = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-FRAUDIDENT' });
    ids.fraudReview = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-FRAUDREVIEW' });
    ids.canceled = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-CANCELED' });
    ids.changeAll = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-CHANGEALL' });
    ids.happyPath = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-HAPPYPATH' });
    // The calls end; CANCELED and FRAUDREVIEW go into review. Identdesk must see that before the
    // review ends: a webhook only records a status its re-fetch still confirms.
    await advance(61_000);
    for (const scenario of ['canceled', 'fraudReview'] as const) {
      await waitFor(() => storedIdentification(database.db, ids[scenario].identificationId), (row) => row?.status === 'pending_successful', {
        what: `${scenario} in review`,
      });
    }
    await advance(5 * MINUTE);
    for (const [scenario, status] of [
      ['fraudIdent', 'failed'],
      ['fraudReview', 'failed'],
      ['canceled', 'canceled'],
      ['changeAll', 'successful'],
      ['happyPath', 'successful'],
      ['longReview', 'pending_successful'],
    ] as const) {
      await waitFor(() => storedIdentification(database.db, ids[scenario].identificationId), (row) => row?.status === status, {
        what: `${scenario} ${status}`,
      });
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('counts each queue from what the scenarios stored, with the age of the oldest item', async () => {
    const { status, body } = await trpc<{ queue: string; label: string; open: number; oldestAgeHours: number | null }[]>('compliance.queueSummary', {});
    expect(status).toBe(200);
    const summary = body.result?.data ?? [];
    expect(summary.map(({ queue, open }) => ({ queue, open }))).toEqual([
      { queue: 'proof_of_address', open: 0 },
      { queue: 'person_changes', open: 0 },
      // CANCELED and FRAUDREVIEW were successful in review first.
      { queue: 'reversed_success', open: 2 },
      { queue: 'fraud_suspicion', open: 2 },
      { queue: 'data_changed', open: 1 },
      { queue: 'review_overdue', open: 1 },
    ]);
    const overdue = summary.find((entry) => entry.queue === 'review_overdue');
    expect(overdue?.label).toBe('Review overdue');
    // The review started a minute after the call, 25 hours ago.
    expect(overdue?.oldestAgeHours).toBeGreaterThan(24.5);
    expect(overdue?.oldestAgeHours).toBeLessThanOrEqual(25);
  });

  it('lists a reversed success with its person, status and decoded failure code, and audits who saw it', async () => {
    const { body } = await trpc<{ items: { identificationId: string; personId: string; personName: string; status: string; detail: string; failure: { code: string } | null }[] }>(
      'compliance.queue',
      { queue: 'reversed_success', page: 1, pageSize: 25 },
    );
    const canceled = body.result?.data.items.find((item) => item.identificationId === ids.canceled.identificationId);
    expect(canceled).toMatchObject({
      personId: ids.canceled.personId,
      personName: expect.stringContaining('X-AUTOTEST-CANCELED'),
      status: 'canceled',
      failure: { code: 'BAD_PHOTO_QUALITY' },
    });
    expect(canceled?.detail).toContain('Review pending → Canceled in review');
    expect(canceled?.detail).toContain('The bank account must be blocked');

    const [event] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'compliance.queue_viewed', subjectId: 'reversed_success' });
    expect((event?.details as { personIds: string[] }).personIds.sort()).toEqual([ids.canceled.personId, ids.fraudReview.personId].sort());
  });

  it('names the fields the IDnow agent changed in CHANGEALL, not their values', async () => {
    const { body } = await trpc<{ items: { identificationId: string; detail: string }[] }>('compliance.queue', { queue: 'data_changed', page: 1, pageSize: 25 });
    const [item] = body.result?.data.items ?? [];
    expect(item?.identificationId).toBe(ids.changeAll.identificationId);
    expect(item?.detail).toMatch(/^Changed during the call: .*First name.*Last name/);
  });

  it('an acknowledgement with too short a note is refused naming the field; a proper one takes the item out', async () => {
    const input = { identificationId: ids.canceled.identificationId, queue: 'reversed_success' };
    const refused = await trpc('compliance.acknowledge', { ...input, note: 'done' });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.data.fieldErrors).toEqual([{ field: 'note', message: expect.stringContaining('at least 10 characters') }]);

    const accepted = await trpc<{ acknowledgedBy: { name: string } }>('compliance.acknowledge', { ...input, note: 'Account DE89 blocked in core banking, ticket 4711' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.result?.data.acknowledgedBy.name).toBe('Casey Compliance');
    const summary = await trpc<{ queue: string; open: number }[]>('compliance.queueSummary', {});
    expect(summary.body.result?.data.find((entry) => entry.queue === 'reversed_success')?.open).toBe(1);

    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'compliance.acknowledged'));
    expect(event).toMatchObject({
      personId: ids.canceled.personId,
      subjectType: 'identification',
      subjectId: ids.canceled.identificationId,
      reason: 'Account DE89 blocked in core banking, ticket 4711',
      details: { queue: 'reversed_success', acknowledgement: 'Bank account blocked' },
    });

    const again = await trpc('compliance.acknowledge', { ...input, note: 'Blocked it once more today' });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/^Casey Compliance already acknowledged this identification in Reversed successes/);
  });

  it('acknowledges a review that is overdue by Solaris’ clock, which the queue is listed by, not by the wall clock', async () => {
    // A LONGREVIEW customer calls now and goes into review; the review result is lost, and Solaris'
    // clock (the sandbox's, offline) moves 25 hours on. By the wall clock the review began minutes ago.
    const late = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-LONGREVIEW' });
    await advance(61_000);
    await waitFor(() => storedIdentification(database.db, late.identificationId), (row) => row?.status === 'pending_successful', {
      what: 'the second LONGREVIEW identification in review',
    });
    deliveries.state.mode = 'lose';
    try {
      await advance(25 * HOUR);
    } finally {
      deliveries.state.mode = 'pass';
    }
    const { body } = await trpc<{ items: { identificationId: string }[] }>('compliance.queue', { queue: 'review_overdue', page: 1, pageSize: 25 });
    expect(body.result?.data.items.map((item) => item.identificationId)).toContain(late.identificationId);

    const accepted = await trpc('compliance.acknowledge', {
      identificationId: late.identificationId,
      queue: 'review_overdue',
      note: 'Asked Solaris support, ticket SOL-204',
    });
    expect(accepted.status).toBe(200);
  });

  it('refuses to acknowledge a successful identification as a fraud suspicion', async () => {
    const refused = await trpc('compliance.acknowledge', { identificationId: ids.happyPath.identificationId, queue: 'fraud_suspicion', note: 'Nothing suspicious here' });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('not open in the queue Fraud suspicion');
  });
});

/** Decisions through createCaller on a real database; the clock is the test's. */
describe('four-eyes decisions on proof of address', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(() => handle.close());

  async function staff(role: Role, displayName?: string): Promise<SignedInUser> {
    const user = await createUser(handle.db, { role, ...(displayName ? { displayName } : {}) });
    return { id: user.id, email: user.email, displayName: user.displayName, role };
  }

  function callerAs(user: SignedInUser | null, db: Database = handle.db) {
    return createCallerFactory(appRouter)(
      createContextInner({
        db,
        databaseKind: handle.kind,
        user,
        origin: { ip: '203.0.113.9', userAgent: 'vitest' },
        logger: createLogger({ level: 'silent' }),
        now: () => new Date(),
        auth: detachedRequestAuth(db),
      }),
    );
  }

  async function failure(promise: Promise<unknown>) {
    try {
      await promise;
    } catch (error) {
      if (error instanceof TRPCError) {
        const fields = error.cause instanceof ZodError ? error.cause.issues.map((issue) => issue.path.join('.')) : [];
        return { code: error.code, message: error.message, fields };
      }
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  /** A proof recorded by `recorder` for a customer who needs one (Austria prints no address on its ID cards). */
  async function recordedBy(recorder: SignedInUser) {
    const person = await createPerson(handle.db, { firstName: 'Jürgen', lastName: 'Groß', nationality: 'AT' });
    const identification = await createIdentification(handle.db, person.id, { status: 'successful' });
    const [submission] = await handle.db
      .insert(proofOfAddressSubmissions)
      .values({ personId: person.id, identificationId: identification.id, type: 'ELECTRICITY_BILL', issuedOn: new Date().toISOString().slice(0, 10), recordedBy: recorder.id, fileName: 'bill.pdf', contentType: 'application/pdf', size: 2048 })
      .returning();
    if (!submission) throw new Error('no submission');
    return { personId: person.id, submissionId: submission.id };
  }

  async function submissionRow(id: string) {
    const [row] = await handle.db.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, id));
    return row;
  }

  async function auditedDecisions(submissionId: string) {
    return handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'proof_of_address.decided'), eq(auditEvents.subjectId, submissionId)));
  }

  it('refuses self-approval: FORBIDDEN with the reason, nothing decided, nothing audited', async () => {
    // An agent who recorded proofs and was later made a compliance reviewer.
    const promoted = await staff('compliance', 'Robin Promoted');
    const { submissionId } = await recordedBy(promoted);
    const refused = await failure(callerAs(promoted).compliance.decideProofOfAddress({ submissionId, decision: 'approve' }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You recorded this proof of address yourself') });
    expect(await submissionRow(submissionId)).toMatchObject({ status: 'pending_review', decidedBy: null, decidedAt: null });
    expect(await auditedDecisions(submissionId)).toEqual([]);
  });

  it('shows the recorder’s own submission in the queue as not theirs to decide, and others’ as decidable', async () => {
    const promoted = await staff('compliance');
    const other = await staff('compliance');
    const { submissionId } = await recordedBy(promoted);
    const itemFor = async (user: SignedInUser) =>
      (await callerAs(user).compliance.queue({ queue: 'proof_of_address', page: 1, pageSize: 100 })).items.find((item) => item.submissionId === submissionId);
    expect((await itemFor(promoted))?.proofOfAddress).toMatchObject({ mayDecide: false, decisionBlockedReason: expect.stringContaining('Four eyes') });
    expect((await itemFor(other))?.proofOfAddress).toMatchObject({ mayDecide: true, decisionBlockedReason: null, typeLabel: 'Electricity bill' });
  });

  it('warns the reviewer when a waiting proof has aged past six months since it was recorded', async () => {
    const reviewer = await staff('compliance');
    const { submissionId } = await recordedBy(await staff('agent'));
    const sevenMonthsAgo = new Date();
    sevenMonthsAgo.setMonth(sevenMonthsAgo.getMonth() - 7);
    await handle.db
      .update(proofOfAddressSubmissions)
      .set({ issuedOn: sevenMonthsAgo.toISOString().slice(0, 10) })
      .where(eq(proofOfAddressSubmissions.id, submissionId));
    const page = await callerAs(reviewer).compliance.queue({ queue: 'proof_of_address', page: 1, pageSize: 100 });
    const item = page.items.find((candidate) => candidate.submissionId === submissionId);
    expect(item?.proofOfAddress?.warnings).toEqual([expect.stringMatching(/^Proof of address must not be older than 6 months: it expired on \d{4}-\d{2}-\d{2}\. Ask for a newer one/)]);
    const fresh = page.items.filter((candidate) => candidate.submissionId !== submissionId);
    expect(fresh.every((candidate) => candidate.proofOfAddress?.warnings.length === 0)).toBe(true);
  });

  it('wants a reason to reject or to ask for a new proof, naming the field', async () => {
    const reviewer = await staff('compliance');
    const { submissionId } = await recordedBy(await staff('agent'));
    for (const decision of ['reject', 'request_resubmission'] as const) {
      for (const reason of [undefined, '   ', 'blurry']) {
        const refused = await failure(callerAs(reviewer).compliance.decideProofOfAddress({ submissionId, decision, ...(reason === undefined ? {} : { reason }) }));
        expect(refused, `${decision} with ${JSON.stringify(reason)}`).toMatchObject({ code: 'BAD_REQUEST', fields: ['reason'] });
      }
    }
    expect(await submissionRow(submissionId)).toMatchObject({ status: 'pending_review' });
  });

  it('rejects with the reason, refreshes the person’s proof-of-address state and audits the decision in one go', async () => {
    const reviewer = await staff('compliance');
    const { submissionId, personId } = await recordedBy(await staff('agent'));
    const reason = 'The bill is addressed to a different street';
    const decided = await callerAs(reviewer).compliance.decideProofOfAddress({ submissionId, decision: 'reject', reason: `  ${reason} ` });
    expect(decided).toMatchObject({ submissionId, personId, status: 'rejected', proofOfAddressState: 'outstanding' });
    expect(await submissionRow(submissionId)).toMatchObject({ status: 'rejected', decidedBy: reviewer.id, decisionReason: reason });
    const [person] = await handle.db.select({ state: persons.proofOfAddressState }).from(persons).where(eq(persons.id, personId));
    expect(person?.state).toBe('outstanding');
    expect(await auditedDecisions(submissionId)).toMatchObject([
      { actorUserId: reviewer.id, actorRole: 'compliance', personId, reason, details: { decision: 'reject', status: 'rejected' }, ip: '203.0.113.9' },
    ]);
  });

  it('approves without a reason and the person’s proof of address is accepted', async () => {
    const reviewer = await staff('compliance');
    const { submissionId, personId } = await recordedBy(await staff('agent'));
    expect(await callerAs(reviewer).compliance.decideProofOfAddress({ submissionId, decision: 'approve' })).toMatchObject({
      status: 'approved',
      proofOfAddressState: 'accepted',
    });
    const [person] = await handle.db.select({ state: persons.proofOfAddressState }).from(persons).where(eq(persons.id, personId));
    expect(person?.state).toBe('accepted');
  });

  it('two reviewers deciding at once: exactly one wins, the other gets CONFLICT naming who decided', async () => {
    const first = await staff('compliance', 'Fran First');
    const second = await staff('compliance', 'Sam Second');
    const { submissionId } = await recordedBy(await staff('agent'));
    const outcomes = await Promise.allSettled([
      callerAs(first).compliance.decideProofOfAddress({ submissionId, decision: 'approve' }),
      callerAs(second).compliance.decideProofOfAddress({ submissionId, decision: 'request_resubmission', reason: 'Please send the full page' }),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const row = await submissionRow(submissionId);
    const winnerName = row?.decidedBy === first.id ? 'Fran First' : 'Sam Second';
    expect(lost[0]?.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`by ${winnerName}`) });
    expect(await auditedDecisions(submissionId)).toHaveLength(1);
  });

  it('an unknown submission is NOT_FOUND, a malformed id BAD_REQUEST naming submissionId', async () => {
    const reviewer = await staff('compliance');
    expect(await failure(callerAs(reviewer).compliance.decideProofOfAddress({ submissionId: crypto.randomUUID(), decision: 'approve' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(callerAs(reviewer).compliance.decideProofOfAddress({ submissionId: '42', decision: 'approve' }))).toMatchObject({
      code: 'BAD_REQUEST',
      fields: ['submissionId'],
    });
  });

  it('is for compliance only: agents, team leads and admins are FORBIDDEN, nobody signed in UNAUTHORIZED', async () => {
    const { submissionId } = await recordedBy(await staff('agent'));
    for (const role of ['agent', 'team_lead', 'admin'] as const) {
      const caller = callerAs(await staff(role));
      expect((await failure(caller.compliance.decideProofOfAddress({ submissionId, decision: 'approve' }))).code, role).toBe('FORBIDDEN');
      expect((await failure(caller.compliance.queueSummary())).code, role).toBe('FORBIDDEN');
      expect((await failure(caller.compliance.queue({ queue: 'proof_of_address', page: 1, pageSize: 25 }))).code, role).toBe('FORBIDDEN');
    }
    expect((await failure(callerAs(null).compliance.queueSummary())).code).toBe('UNAUTHORIZED');
    expect(await submissionRow(submissionId)).toMatchObject({ status: 'pending_review' });
  });

  it('an empty queue page shows no customer, so its view leaves no audit event', async () => {
    const db = await openTestDatabase();
    try {
      const reviewer = await createUser(db.db, { role: 'compliance' });
      const caller = callerAs({ id: reviewer.id, email: reviewer.email, displayName: reviewer.displayName, role: 'compliance' }, db.db);
      expect(await caller.compliance.queue({ queue: 'fraud_suspicion', page: 1, pageSize: 25 })).toEqual({ items: [], total: 0, page: 1, pageSize: 25 });
      expect(await db.db.$count(auditEvents)).toBe(0);
    } finally {
      await db.close();
    }
  });
});
