import {
  COMPLIANCE_QUEUES,
  identificationStatusForIdnowResult,
  TEST_SCENARIO_CASE_DETAILS,
  type ComplianceQueue,
  type IdnowResult,
  type TestScenarioCase,
} from '@identdesk/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../schema/persons.ts';
import { proofOfAddressSubmissions } from '../schema/proof-of-address-submissions.ts';
import {
  createIdentification,
  createPerson,
  createUser,
  makeIdentification,
  makeIdnowAttempt,
  openTestDatabase,
  type TestDatabase,
} from '../testing.ts';
import type { DatabaseExecutor } from '../client.ts';
import {
  acknowledgeComplianceItem,
  changedUserDataFields,
  countComplianceQueues,
  decideProofOfAddressSubmission,
  listComplianceQueue,
  type ComplianceQueueItem,
  type ComplianceWorkQueue,
} from './compliance.ts';
import { upsertIdentificationSnapshot, upsertIdnowAttempts, type IdnowAttemptInput } from './identifications.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date('2025-03-10T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

/** A payload whose user data says the IDnow agent corrected the first name and the city. */
function dataChangedPayload(at: Date) {
  const attempt = makeIdnowAttempt({ result: 'SUCCESS_DATA_CHANGED', reason: null, identificationTime: at });
  return {
    ...attempt,
    payload: {
      ...(attempt.payload as Record<string, unknown>),
      userdata: {
        firstname: { status: 'CHANGE', value: 'Jäne', original: 'Jane' },
        lastname: { status: 'MATCH', value: 'Doe' },
        address: { city: { status: 'CHANGE', value: 'München', original: 'Munich' }, zipcode: { status: 'MATCH', value: '80331' } },
      },
    },
  };
}

/**
 * Plays an IDnow test scenario into the database the way the webhook worker stores it: the
 * identification is requested, then each of the scenario's results (domain: what the sandbox
 * produces) arrives as an attempt, with the status Solaris maps it to, `stepMs` apart.
 */
async function playScenario(
  db: DatabaseExecutor,
  testCase: TestScenarioCase,
  { startedAgo = 2 * HOUR, stepMs = 2 * MINUTE }: { startedAgo?: number; stepMs?: number } = {},
) {
  const person = await createPerson(db, { firstName: `X-AUTOTEST-${testCase}`, lastName: 'Tester' });
  const start = ago(startedAgo);
  const identification = await createIdentification(db, person.id, { status: 'pending' }, start);
  const attempts: IdnowAttemptInput[] = [];
  const results: readonly IdnowResult[] = TEST_SCENARIO_CASE_DETAILS[testCase].idnowResults;
  for (const [index, result] of results.entries()) {
    const at = new Date(start.getTime() + (index + 1) * stepMs);
    const reason = result === 'ABORTED' ? 'TECH_VIDEO' : result === 'CANCELED' ? 'BAD_PHOTO_QUALITY' : null;
    attempts.push(result === 'SUCCESS_DATA_CHANGED' ? dataChangedPayload(at) : makeIdnowAttempt({ result, reason, identificationTime: at }));
    await upsertIdnowAttempts(db, identification.id, attempts, at);
    const status = identificationStatusForIdnowResult(result);
    await upsertIdentificationSnapshot(db, {
      identification: { ...identification, status, failureReason: result === 'CANCELED' || result === 'ABORTED' ? reason : null },
      observedAt: at,
      source: 'webhook',
    });
  }
  return { person, identification, start };
}

async function openIds(db: DatabaseExecutor, queue: ComplianceWorkQueue): Promise<string[]> {
  const page = await listComplianceQueue(db, { queue, page: 1, pageSize: 100, now: NOW });
  return page.items.map((item) =>
    item.kind === 'identification' ? item.identificationId : item.kind === 'proof_of_address' ? item.submissionId : item.proposal.id,
  );
}

async function queuesHolding(db: DatabaseExecutor, identificationId: string): Promise<ComplianceQueue[]> {
  const holding: ComplianceQueue[] = [];
  for (const queue of COMPLIANCE_QUEUES) if ((await openIds(db, queue)).includes(identificationId)) holding.push(queue);
  return holding;
}

function itemOf(items: ComplianceQueueItem[], identificationId: string) {
  const item = items.find((candidate) => candidate.kind === 'identification' && candidate.identificationId === identificationId);
  if (!item || item.kind !== 'identification') throw new Error(`${identificationId} is not listed`);
  return item;
}

describe('queue membership of the IDnow test scenarios, from what they store', () => {
  const expected: Record<Exclude<TestScenarioCase, 'LONGREVIEW' | 'HOLDCERTIFICATE'>, ComplianceQueue[]> = {
    HAPPYPATH: [],
    ABORTIDENT: [],
    CHANGEALL: ['data_changed'],
    CHANGEALLREVIEW: ['data_changed'],
    // The agent suspected fraud, even though the review found it legit: compliance looks at it.
    FRAUDOK: ['fraud_suspicion'],
    // pending_successful, then canceled in review: the bank account must be blocked.
    CANCELED: ['reversed_success'],
    // Never offered services (pending_failed first), so not a reversed success.
    FRAUDIDENT: ['fraud_suspicion'],
    // Success in the call, fraud confirmed in review: both.
    FRAUDREVIEW: ['reversed_success', 'fraud_suspicion'],
  };

  for (const [testCase, queues] of Object.entries(expected) as [TestScenarioCase, ComplianceQueue[]][]) {
    it(`${testCase} (${TEST_SCENARIO_CASE_DETAILS[testCase].idnowResults.join(' → ')}) is open in ${queues.join(', ') || 'no queue'}`, async () => {
      const { identification } = await playScenario(handle.db, testCase);
      expect(await queuesHolding(handle.db, identification.id)).toEqual(queues);
    });
  }

  it('LONGREVIEW is overdue once its review has run longer than 24 hours, and leaves the queue when the review ends', async () => {
    const person = await createPerson(handle.db, { firstName: 'X-AUTOTEST-LONGREVIEW' });
    const overdue = await createIdentification(handle.db, person.id, { status: 'pending' }, ago(26 * HOUR));
    await upsertIdnowAttempts(handle.db, overdue.id, [makeIdnowAttempt({ result: 'REVIEW_PENDING', reason: null, identificationTime: ago(25 * HOUR) })]);
    await upsertIdentificationSnapshot(handle.db, {
      identification: { ...overdue, status: 'pending_successful' },
      observedAt: ago(25 * HOUR),
      source: 'webhook',
    });
    const recent = await createIdentification(handle.db, person.id, { status: 'pending_successful' }, ago(23 * HOUR));

    expect(await queuesHolding(handle.db, overdue.id)).toEqual(['review_overdue']);
    expect(await queuesHolding(handle.db, recent.id)).toEqual([]);
    const item = itemOf((await listComplianceQueue(handle.db, { queue: 'review_overdue', page: 1, pageSize: 100, now: NOW })).items, overdue.id);
    expect(item.since).toEqual(ago(25 * HOUR));
    expect(item.status).toBe('pending_successful');

    await upsertIdentificationSnapshot(handle.db, { identification: { ...overdue, status: 'successful' }, observedAt: ago(HOUR), source: 'webhook' });
    expect(await queuesHolding(handle.db, overdue.id)).toEqual([]);
  });

  it('a reversed success is listed since the reversal, with the failure code IDnow gave', async () => {
    const { identification, start } = await playScenario(handle.db, 'CANCELED', { startedAgo: 3 * HOUR, stepMs: 10 * MINUTE });
    const item = itemOf((await listComplianceQueue(handle.db, { queue: 'reversed_success', page: 1, pageSize: 100, now: NOW })).items, identification.id);
    expect(item).toMatchObject({
      status: 'canceled',
      since: new Date(start.getTime() + 20 * MINUTE),
      failureCode: 'BAD_PHOTO_QUALITY',
      attemptResults: ['REVIEW_PENDING', 'CANCELED'],
      personName: 'X-AUTOTEST-CANCELED Tester',
    });
  });

  it('a canceled success that the customer then retried successfully is no longer a reversed success', async () => {
    const { identification } = await playScenario(handle.db, 'CANCELED');
    await upsertIdentificationSnapshot(handle.db, { identification: { ...identification, status: 'successful' }, observedAt: ago(10 * MINUTE), source: 'webhook' });
    expect(await queuesHolding(handle.db, identification.id)).toEqual([]);
  });

  it('a fraud suspicion counts once per identification, since the first suspicious attempt', async () => {
    const { identification, start } = await playScenario(handle.db, 'FRAUDIDENT', { stepMs: 5 * MINUTE });
    const items = (await listComplianceQueue(handle.db, { queue: 'fraud_suspicion', page: 1, pageSize: 100, now: NOW })).items;
    expect(items.filter((item) => item.kind === 'identification' && item.identificationId === identification.id)).toHaveLength(1);
    expect(itemOf(items, identification.id)).toMatchObject({
      status: 'failed',
      since: new Date(start.getTime() + 5 * MINUTE),
      attemptResults: ['FRAUD_SUSPICION_PENDING', 'FRAUD_SUSPICION_CONFIRMED'],
    });
  });

  it('data changed names the corrected fields, never their values, and tells a change in review from one in the call', async () => {
    const inCall = await playScenario(handle.db, 'CHANGEALL');
    const inReview = await playScenario(handle.db, 'CHANGEALLREVIEW');
    const items = (await listComplianceQueue(handle.db, { queue: 'data_changed', page: 1, pageSize: 100, now: NOW })).items;
    expect(itemOf(items, inCall.identification.id)).toMatchObject({ changedFields: ['userdata.firstname', 'userdata.address.city'], changedInReview: false });
    expect(itemOf(items, inReview.identification.id)).toMatchObject({ changedInReview: true });
    expect(JSON.stringify(itemOf(items, inCall.identification.id))).not.toContain('München');
  });
});

describe('changedUserDataFields', () => {
  it('names nested fields marked CHANGE in IDnow order and ignores payloads without user data', () => {
    expect(
      changedUserDataFields({
        userdata: { address: { street: { status: 'CHANGE' } }, birthday: { status: 'CHANGE' }, lastname: { status: 'MATCH' } },
        contactdata: { email: { status: 'CHANGE' } },
      }),
    ).toEqual(['userdata.birthday', 'userdata.address.street', 'contactdata.email']);
    expect(changedUserDataFields({ identificationprocess: {} })).toEqual([]);
    expect(changedUserDataFields('not json')).toEqual([]);
  });
});

describe('counts, ages and acknowledgements', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('counts open items and the oldest one per queue, and an acknowledgement takes an item out', async () => {
    const reviewer = await createUser(db.db, { role: 'compliance' });
    const empty = await countComplianceQueues(db.db, { now: NOW });
    expect(empty).toEqual([
      { queue: 'proof_of_address', open: 0, oldestAt: null },
      { queue: 'person_changes', open: 0, oldestAt: null },
      { queue: 'reversed_success', open: 0, oldestAt: null },
      { queue: 'fraud_suspicion', open: 0, oldestAt: null },
      { queue: 'data_changed', open: 0, oldestAt: null },
      { queue: 'review_overdue', open: 0, oldestAt: null },
    ]);

    const older = await playScenario(db.db, 'CANCELED', { startedAgo: 10 * HOUR, stepMs: HOUR });
    const newer = await playScenario(db.db, 'FRAUDREVIEW', { startedAgo: 3 * HOUR, stepMs: HOUR });
    await playScenario(db.db, 'HAPPYPATH');

    const countOf = async (queue: ComplianceWorkQueue) => (await countComplianceQueues(db.db, { now: NOW })).find((c) => c.queue === queue);
    expect(await countOf('reversed_success')).toEqual({ queue: 'reversed_success', open: 2, oldestAt: new Date(older.start.getTime() + 2 * HOUR) });
    expect(await countOf('fraud_suspicion')).toEqual({ queue: 'fraud_suspicion', open: 1, oldestAt: new Date(newer.start.getTime() + 2 * HOUR) });

    const page = await listComplianceQueue(db.db, { queue: 'reversed_success', page: 1, pageSize: 1, now: NOW });
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.kind === 'identification' && item.identificationId)).toEqual([older.identification.id]);
    const second = await listComplianceQueue(db.db, { queue: 'reversed_success', page: 2, pageSize: 1, now: NOW });
    expect(second.items.map((item) => item.kind === 'identification' && item.identificationId)).toEqual([newer.identification.id]);
    // Past the last page: no items, and still the true total for the pager.
    expect(await listComplianceQueue(db.db, { queue: 'reversed_success', page: 3, pageSize: 1, now: NOW })).toMatchObject({ items: [], total: 2 });

    const acknowledged = await acknowledgeComplianceItem(db.db, {
      identificationId: older.identification.id,
      queue: 'reversed_success',
      userId: reviewer.id,
      note: 'Bank account blocked in core banking',
      now: NOW,
    });
    expect(acknowledged).toMatchObject({ outcome: 'acknowledged', personId: older.person.id, acknowledgedAt: NOW });
    expect(await countOf('reversed_success')).toEqual({ queue: 'reversed_success', open: 1, oldestAt: new Date(newer.start.getTime() + 2 * HOUR) });
    expect(await openIds(db.db, 'reversed_success')).toEqual([newer.identification.id]);
    // Acknowledged in one queue, still open in the other.
    expect(await openIds(db.db, 'fraud_suspicion')).toEqual([newer.identification.id]);

    const again = await acknowledgeComplianceItem(db.db, {
      identificationId: older.identification.id,
      queue: 'reversed_success',
      userId: reviewer.id,
      note: 'Blocked twice',
      now: NOW,
    });
    expect(again).toEqual({ outcome: 'already_acknowledged', acknowledgedBy: reviewer.displayName, acknowledgedAt: NOW });
  });

  it('refuses to acknowledge what is not in the queue, or does not exist', async () => {
    const reviewer = await createUser(db.db, { role: 'compliance' });
    const { identification } = await playScenario(db.db, 'HAPPYPATH');
    const base = { queue: 'fraud_suspicion' as const, userId: reviewer.id, note: 'Looked at it, all fine', now: NOW };
    expect(await acknowledgeComplianceItem(db.db, { ...base, identificationId: identification.id })).toEqual({ outcome: 'not_in_queue' });
    expect(await acknowledgeComplianceItem(db.db, { ...base, identificationId: makeIdentification('x').id })).toEqual({ outcome: 'not_found' });
  });

  it('two concurrent acknowledgements of one item: exactly one is recorded, and the other reviewer is told who', async () => {
    const [first, second] = [await createUser(db.db, { role: 'compliance' }), await createUser(db.db, { role: 'compliance' })];
    // Several items, each raced by both reviewers: on PostgreSQL the second may look at any moment
    // of the first's transaction, and must never be told the item is simply not in the queue.
    for (let round = 0; round < 8; round += 1) {
      const { identification } = await playScenario(db.db, 'FRAUDIDENT');
      const results = await Promise.all(
        [first, second].map((reviewer) =>
          acknowledgeComplianceItem(db.db, { identificationId: identification.id, queue: 'fraud_suspicion', userId: reviewer.id, note: 'Reported to the MLRO', now: NOW }),
        ),
      );
      expect(results.map((result) => result.outcome).sort()).toEqual(['acknowledged', 'already_acknowledged']);
      const winner = results[0]?.outcome === 'acknowledged' ? first : second;
      expect(results.find((result) => result.outcome === 'already_acknowledged')).toMatchObject({ acknowledgedBy: winner.displayName });
    }
  });
});

describe('proof-of-address decisions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  async function recordSubmission(recordedAt: Date = ago(2 * HOUR)) {
    const agent = await createUser(db.db, { role: 'agent', displayName: 'Alex Agent' });
    const person = await createPerson(db.db, { firstName: 'Jürgen', lastName: 'Groß', nationality: 'AT' });
    const identification = await createIdentification(db.db, person.id, { status: 'successful' }, ago(3 * HOUR));
    const [submission] = await db.db
      .insert(proofOfAddressSubmissions)
      .values({
        personId: person.id,
        identificationId: identification.id,
        type: 'GAS_BILL',
        issuedOn: '2025-02-01',
        note: 'Customer sent it by post',
        fileName: 'gas-bill.pdf',
        contentType: 'application/pdf',
        size: 1234,
        recordedBy: agent.id,
        recordedAt,
      })
      .returning();
    if (!submission) throw new Error('no submission');
    return { agent, person, submission };
  }

  const stateOf = async (personId: string) =>
    (await db.db.select({ state: persons.proofOfAddressState }).from(persons).where(eq(persons.id, personId)))[0]?.state;

  it('lists pending submissions oldest first with what the reviewer needs', async () => {
    const older = await recordSubmission(ago(5 * HOUR));
    await recordSubmission(ago(HOUR));
    const page = await listComplianceQueue(db.db, { queue: 'proof_of_address', page: 1, pageSize: 25, now: NOW });
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({
      kind: 'proof_of_address',
      submissionId: older.submission.id,
      personId: older.person.id,
      personName: 'Jürgen Groß',
      type: 'GAS_BILL',
      issuedOn: '2025-02-01',
      recordedBy: { id: older.agent.id, name: 'Alex Agent' },
      since: ago(5 * HOUR),
      fileName: 'gas-bill.pdf',
      size: 1234,
      hasFile: false,
      uploadStatus: 'pending',
    });
    const counts = await countComplianceQueues(db.db, { now: NOW });
    expect(counts[0]).toEqual({ queue: 'proof_of_address', open: 2, oldestAt: ago(5 * HOUR) });
  });

  it('refuses a decision by whoever recorded the submission and leaves it pending', async () => {
    const { agent, submission, person } = await recordSubmission();
    const result = await decideProofOfAddressSubmission(db.db, { submissionId: submission.id, deciderId: agent.id, decision: 'approve', reason: null, now: NOW });
    expect(result).toEqual({ outcome: 'own_submission' });
    const [stored] = await db.db.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, submission.id));
    expect(stored).toMatchObject({ status: 'pending_review', decidedBy: null });
    expect(await stateOf(person.id)).not.toBe('accepted');
  });

  it('the database itself refuses a self-approval that bypasses the query', async () => {
    const { agent, submission } = await recordSubmission();
    await expect(
      db.db
        .update(proofOfAddressSubmissions)
        .set({ status: 'approved', decidedBy: agent.id, decidedAt: NOW })
        .where(eq(proofOfAddressSubmissions.id, submission.id)),
    ).rejects.toThrow();
  });

  it('an approval accepts the proof of address and takes the submission out of the queue', async () => {
    const reviewer = await createUser(db.db, { role: 'compliance' });
    const { submission, person } = await recordSubmission();
    const result = await decideProofOfAddressSubmission(db.db, { submissionId: submission.id, deciderId: reviewer.id, decision: 'approve', reason: null, now: NOW });
    expect(result).toMatchObject({ outcome: 'decided', status: 'approved', personId: person.id, proofOfAddressState: 'accepted' });
    expect(await stateOf(person.id)).toBe('accepted');
    expect(await openIds(db.db, 'proof_of_address')).not.toContain(submission.id);
  });

  it('a request to resubmit keeps the reason and leaves the proof outstanding', async () => {
    const reviewer = await createUser(db.db, { role: 'compliance' });
    const { submission, person } = await recordSubmission();
    const result = await decideProofOfAddressSubmission(db.db, {
      submissionId: submission.id,
      deciderId: reviewer.id,
      decision: 'request_resubmission',
      reason: 'The address is cut off at the bottom of the scan',
      now: NOW,
    });
    expect(result).toMatchObject({ outcome: 'decided', status: 'resubmission_requested', proofOfAddressState: 'outstanding' });
    const [stored] = await db.db.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, submission.id));
    expect(stored).toMatchObject({ decidedBy: reviewer.id, decidedAt: NOW, decisionReason: 'The address is cut off at the bottom of the scan' });
    expect(await stateOf(person.id)).toBe('outstanding');
  });

  it('two concurrent decisions on one submission: exactly one wins, the other learns who decided', async () => {
    const [first, second] = [
      await createUser(db.db, { role: 'compliance', displayName: 'First Reviewer' }),
      await createUser(db.db, { role: 'compliance', displayName: 'Second Reviewer' }),
    ];
    const { submission } = await recordSubmission();
    const results = await Promise.all([
      decideProofOfAddressSubmission(db.db, { submissionId: submission.id, deciderId: first.id, decision: 'approve', reason: null, now: NOW }),
      decideProofOfAddressSubmission(db.db, { submissionId: submission.id, deciderId: second.id, decision: 'reject', reason: 'Not the customer’s name on it', now: NOW }),
    ]);
    const winners = results.filter((result) => result.outcome === 'decided');
    const losers = results.filter((result) => result.outcome === 'already_decided');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const [stored] = await db.db.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, submission.id));
    const winner = winners[0];
    expect(winner?.outcome === 'decided' && stored?.status).toBe(winner?.outcome === 'decided' ? winner.status : null);
    expect(losers[0]).toMatchObject({ status: stored?.status, decidedBy: stored?.decidedBy === first.id ? 'First Reviewer' : 'Second Reviewer' });
  });

  it('an unknown submission is not found', async () => {
    const reviewer = await createUser(db.db, { role: 'compliance' });
    expect(
      await decideProofOfAddressSubmission(db.db, { submissionId: crypto.randomUUID(), deciderId: reviewer.id, decision: 'approve', reason: null, now: NOW }),
    ).toEqual({ outcome: 'not_found' });
  });
});
