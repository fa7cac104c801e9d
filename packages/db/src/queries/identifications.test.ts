import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identificationStatusChanges } from '../schema/identification-status-changes.ts';
import { identifications } from '../schema/identifications.ts';
import { idnowAttempts } from '../schema/idnow-attempts.ts';
import { createPerson, makeIdentification, makeIdnowAttempt, openTestDatabase, type TestDatabase } from '../testing.ts';
import { attemptTimeOf, upsertIdentificationSnapshot, upsertIdnowAttempts } from './identifications.ts';

let handle: TestDatabase;
let personId: string;
beforeAll(async () => {
  handle = await openTestDatabase();
  personId = (await createPerson(handle.db)).id;
});
afterAll(() => handle.close());

const t = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 12, minutes));

async function storedIdentification(id: string) {
  const [row] = await handle.db.select().from(identifications).where(eq(identifications.id, id));
  if (!row) throw new Error(`no identification ${id}`);
  return row;
}

async function historyOf(id: string) {
  const rows = await handle.db
    .select({
      from: identificationStatusChanges.fromStatus,
      to: identificationStatusChanges.toStatus,
      at: identificationStatusChanges.observedAt,
    })
    .from(identificationStatusChanges)
    .where(eq(identificationStatusChanges.identificationId, id))
    .orderBy(asc(identificationStatusChanges.observedAt), asc(identificationStatusChanges.id));
  return rows.map((row) => `${row.from ?? '∅'}→${row.to}@${row.at.getUTCMinutes()}`);
}

describe('upsertIdentificationSnapshot', () => {
  it('records the first status and adds nothing for repeated deliveries of the same state', async () => {
    const identification = makeIdentification(personId);
    const first = await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(0), source: 'webhook' });
    expect(first).toEqual({ status: 'created', changed: [], statusRecorded: true, created: true, stale: false, metricInputsChanged: true });

    for (const minute of [0, 1, 1]) {
      const again = await upsertIdentificationSnapshot(handle.db, {
        identification: { ...identification },
        observedAt: t(minute),
        source: 'webhook',
      });
      // Nothing the team-lead metrics count changed, so they are not recomputed.
      expect(again).toEqual({ status: 'created', changed: [], statusRecorded: false, created: false, stale: false, metricInputsChanged: false });
    }
    expect(await historyOf(identification.id)).toEqual(['∅→created@0']);
    const row = await storedIdentification(identification.id);
    expect(row).toMatchObject({ createdAt: t(0), firstSeenAt: t(0), lastSyncedAt: t(1), requestedAt: null });
  });

  it('follows the life of an identification and sets the request time and URL expiry', async () => {
    const identification = makeIdentification(personId, { proofOfAddressType: 'GAS_BILL', proofOfAddressIssuedAt: '2022-03-03' });
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(0), source: 'webhook' });

    const pending = {
      ...identification,
      status: 'pending' as const,
      reference: 'TST-KCCEY',
      url: `https://go.test.idnow.de/solarisbankvideoidentsandbox/identifications/${identification.id}`,
      estimatedWaitingTime: 60,
    };
    const requested = await upsertIdentificationSnapshot(handle.db, { identification: pending, observedAt: t(1), source: 'webhook' });
    expect(requested.statusRecorded).toBe(true);
    expect([...requested.changed].sort()).toEqual(['estimatedWaitingTime', 'reference', 'status', 'url']);

    await upsertIdentificationSnapshot(handle.db, {
      identification: { ...pending, status: 'successful', completedAt: new Date('2024-01-01T12:09:30.000Z') },
      observedAt: t(10),
      source: 'reconciliation',
    });

    const row = await storedIdentification(identification.id);
    expect(row).toMatchObject({
      status: 'successful',
      reference: 'TST-KCCEY',
      proofOfAddressType: 'GAS_BILL',
      proofOfAddressIssuedAt: '2022-03-03',
      completedAt: new Date('2024-01-01T12:09:30.000Z'),
      requestedAt: t(1),
      urlExpiresAt: new Date(t(1).getTime() + 14 * 24 * 60 * 60 * 1000),
      lastSyncedAt: t(10),
    });
    expect(await historyOf(identification.id)).toEqual(['∅→created@0', 'created→pending@1', 'pending→successful@10']);
  });

  it('keeps the newer status when an older snapshot arrives late, but records its transition once', async () => {
    const identification = makeIdentification(personId, { status: 'pending', url: 'https://example.test/ident' });
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(1), source: 'webhook' });
    await upsertIdentificationSnapshot(handle.db, {
      identification: { ...identification, status: 'successful' },
      observedAt: t(30),
      source: 'webhook',
    });

    const late = { ...identification, status: 'pending_successful' as const };
    const result = await upsertIdentificationSnapshot(handle.db, { identification: late, observedAt: t(10), source: 'webhook' });
    expect(result).toEqual({ status: 'successful', changed: [], statusRecorded: true, created: false, stale: true, metricInputsChanged: true });
    expect((await storedIdentification(identification.id)).status).toBe('successful');
    expect(await historyOf(identification.id)).toEqual([
      '∅→pending@1',
      'pending→pending_successful@10',
      'pending_successful→successful@30',
    ]);

    const repeated = await upsertIdentificationSnapshot(handle.db, { identification: late, observedAt: t(10), source: 'webhook' });
    expect(repeated.statusRecorded).toBe(false);
    const stillPending = await upsertIdentificationSnapshot(handle.db, {
      identification: { ...identification, status: 'pending' },
      observedAt: t(5),
      source: 'webhook',
    });
    expect(stillPending.statusRecorded).toBe(false);
    expect(await historyOf(identification.id)).toHaveLength(3);
  });

  it('moves a status to its earlier observation when a late snapshot shows it sooner', async () => {
    const identification = makeIdentification(personId, { status: 'pending' });
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(1), source: 'webhook' });
    await upsertIdentificationSnapshot(handle.db, {
      identification: { ...identification, status: 'failed' },
      observedAt: t(40),
      source: 'reconciliation',
    });
    await upsertIdentificationSnapshot(handle.db, {
      identification: { ...identification, status: 'failed' },
      observedAt: t(20),
      source: 'webhook',
    });
    expect(await historyOf(identification.id)).toEqual(['∅→pending@1', 'pending→failed@20']);
    expect((await storedIdentification(identification.id)).status).toBe('failed');
  });

  it('takes Solaris creation time when the snapshot carries it', async () => {
    const identification = makeIdentification(personId, { createdAt: t(-30) });
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(0), source: 'backfill' });
    expect((await storedIdentification(identification.id)).createdAt).toEqual(t(-30));
  });
});

describe('upsertIdnowAttempts', () => {
  it('stores attempts once, updates only real changes and tracks the latest attempt', async () => {
    const identification = makeIdentification(personId, { status: 'pending' });
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(0), source: 'webhook' });

    const aborted = makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_LIGHTING', identificationTime: t(5) });
    const review = makeIdnowAttempt({ result: 'REVIEW_PENDING', reason: null, identificationTime: t(15) });
    expect(await upsertIdnowAttempts(handle.db, identification.id, [review, aborted])).toEqual({ inserted: 2, updated: 0 });
    expect(await upsertIdnowAttempts(handle.db, identification.id, [aborted, review])).toEqual({ inserted: 0, updated: 0 });

    let row = await storedIdentification(identification.id);
    expect(row).toMatchObject({ latestAttemptResult: 'REVIEW_PENDING', latestFailureCode: null });

    const stored = await handle.db
      .select()
      .from(idnowAttempts)
      .where(eq(idnowAttempts.identificationId, identification.id))
      .orderBy(asc(idnowAttempts.attemptedAt));
    expect(stored.map((attempt) => [attempt.result, attempt.reason, attempt.attemptedAt])).toEqual([
      ['ABORTED', 'TECH_LIGHTING', t(5)],
      ['REVIEW_PENDING', null, t(15)],
    ]);
    expect(stored[0]?.payload).toEqual(aborted.payload);

    // The review ends in a cancellation: the same attempt, a new result.
    const canceled = { ...review, result: 'CANCELED', reason: 'SECURITY_QUESTION' };
    expect(await upsertIdnowAttempts(handle.db, identification.id, [aborted, canceled])).toEqual({ inserted: 0, updated: 1 });
    row = await storedIdentification(identification.id);
    expect(row).toMatchObject({ latestAttemptResult: 'CANCELED', latestFailureCode: 'SECURITY_QUESTION' });
  });

  it('accepts a payload given as JSON text', async () => {
    const identification = makeIdentification(personId);
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(0), source: 'webhook' });
    const attempt = makeIdnowAttempt({ identificationTime: t(7) });
    const asText = { ...attempt, payload: JSON.stringify(attempt.payload) };
    expect(await upsertIdnowAttempts(handle.db, identification.id, [asText])).toEqual({ inserted: 1, updated: 0 });
    expect(await upsertIdnowAttempts(handle.db, identification.id, [attempt])).toEqual({ inserted: 0, updated: 0 });
    const [stored] = await handle.db.select().from(idnowAttempts).where(eq(idnowAttempts.id, attempt.id));
    expect(stored?.attemptedAt).toEqual(t(7));
  });

  it('does nothing for an empty list', async () => {
    const identification = makeIdentification(personId);
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: t(0), source: 'webhook' });
    expect(await upsertIdnowAttempts(handle.db, identification.id, [])).toEqual({ inserted: 0, updated: 0 });
  });
});

describe('attemptTimeOf', () => {
  it('reads identificationtime and ignores what is not an instant', () => {
    expect(attemptTimeOf({ identificationprocess: { identificationtime: '2024-01-01T12:05:00Z' } })).toEqual(t(5));
    expect(attemptTimeOf({ identificationprocess: { identificationtime: 'yesterday' } })).toBeNull();
    expect(attemptTimeOf(null)).toBeNull();
  });
});
